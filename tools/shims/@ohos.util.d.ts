/**
 * Declarations of the part of @ohos.util that the host stand-in implements.
 * Every declaration here matches the SDK's, including its `@throws` tags: the linter reports a call
 * to a function declared `@throws` outside a try block (TS28040, "Function may throw exceptions"),
 * as the SDK's ArkTS compiler does, so code that is clean against these is clean on a device too.
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
    /**
     * @throws { BusinessError } 401 - Parameter error. Possible causes: 1.Incorrect parameter types.
     */
    constructor(encoding?: string);
    /**
     * @throws { BusinessError } 401 - Parameter error. Possible causes: 1.Incorrect parameter types.
     */
    static create(encoding?: string): TextEncoder;
    /**
     * @throws { BusinessError } 401 - Parameter error. Possible causes: 1.Incorrect parameter types.
     */
    encodeInto(input?: string): Uint8Array;
    /**
     * @throws { BusinessError } 401 - Parameter error. Possible causes:
     * 1.Mandatory parameters are left unspecified;
     * 2.Incorrect parameter types.
     */
    encodeIntoUint8Array(input: string, dest: Uint8Array): EncodeIntoUint8ArrayInfo;
  }

  class TextDecoder {
    readonly encoding: string;
    readonly fatal: boolean;
    readonly ignoreBOM: boolean;
    constructor();
    /**
     * @throws { BusinessError } 401 - Parameter error. Possible causes: 1.Incorrect parameter types.
     */
    static create(encoding?: string, options?: TextDecoderOptions): TextDecoder;
    /**
     * @throws { BusinessError } 401 - Parameter error. Possible causes:
     * 1.Mandatory parameters are left unspecified;
     * 2.Incorrect parameter types.
     */
    decodeToString(input: Uint8Array, options?: DecodeToStringOptions): string;
  }

  /**
   * @throws { BusinessError } 401 - Parameter error. Possible causes: 1.Incorrect parameter types.
   */
  function generateRandomUUID(entityFlag?: boolean): string;
}

export default util;
