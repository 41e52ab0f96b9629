/**
 * Declarations of the part of @ohos.util that the host stand-in implements.
 * Every declaration here matches the SDK's, so code that type-checks against these also builds on a device.
 */
declare namespace util {
  interface EncodeIntoUint8ArrayInfo {
    read: number;
    written: number;
  }

  interface TextDecoderOptions {
    fatal?: boolean;
    ignoreBOM?: boolean;
  }

  interface DecodeToStringOptions {
    stream?: boolean;
  }

  class TextEncoder {
    readonly encoding: string;
    constructor();
    constructor(encoding?: string);
    static create(encoding?: string): TextEncoder;
    encodeInto(input?: string): Uint8Array;
    encodeIntoUint8Array(input: string, dest: Uint8Array): EncodeIntoUint8ArrayInfo;
  }

  class TextDecoder {
    readonly encoding: string;
    readonly fatal: boolean;
    readonly ignoreBOM: boolean;
    constructor();
    static create(encoding?: string, options?: TextDecoderOptions): TextDecoder;
    decodeToString(input: Uint8Array, options?: DecodeToStringOptions): string;
  }

  function generateRandomUUID(entityFlag?: boolean): string;
}

export default util;
