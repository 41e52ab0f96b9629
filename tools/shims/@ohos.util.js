// Host stand-in for the text and UUID helpers of @ohos.util, built on Node's own implementations.
import { randomUUID } from 'node:crypto';

// ArkTS reports a bad argument as a BusinessError with code 401.
function parameterError(message) {
  const error = new Error(message);
  error.code = 401;
  return error;
}

class TextEncoder {
  constructor(encoding = 'utf-8') {
    const normalized = String(encoding).toLowerCase();
    if (normalized !== 'utf-8' && normalized !== 'utf8') {
      throw parameterError(`the host TextEncoder supports only utf-8, not ${encoding}`);
    }
    this.encoding = 'utf-8';
    this.encoder = new globalThis.TextEncoder();
  }

  static create(encoding) {
    return new TextEncoder(encoding);
  }

  encode(input = '') {
    return this.encoder.encode(input);
  }

  encodeInto(input = '', dest) {
    if (dest !== undefined) {
      return this.encoder.encodeInto(input, dest);
    }
    return this.encoder.encode(input);
  }

  encodeIntoUint8Array(input, dest) {
    return this.encoder.encodeInto(input, dest);
  }
}

class TextDecoder {
  constructor(encoding = 'utf-8', options = {}) {
    try {
      this.decoder = new globalThis.TextDecoder(encoding, {
        fatal: options.fatal === true,
        ignoreBOM: options.ignoreBOM === true,
      });
    } catch (error) {
      throw parameterError(`unsupported encoding ${encoding}: ${error.message}`);
    }
    this.encoding = this.decoder.encoding;
    this.fatal = this.decoder.fatal;
    this.ignoreBOM = this.decoder.ignoreBOM;
  }

  static create(encoding, options) {
    return new TextDecoder(encoding, options);
  }

  decodeToString(input, options = {}) {
    return this.decoder.decode(input, { stream: options.stream === true });
  }

  decodeWithStream(input, options = {}) {
    return this.decoder.decode(input, { stream: options.stream === true });
  }
}

function generateRandomUUID() {
  return randomUUID();
}

const util = { TextEncoder, TextDecoder, generateRandomUUID };

export default util;
