// Host stand-in for @ohos.url, built on Node's WHATWG URL classes.

// The SDK reports an unparsable URL as a BusinessError with code 10200002.
function invalidUrlError(input) {
  const error = new Error(`Invalid url string: ${input}`);
  error.code = 10200002;
  return error;
}

class URLParams extends globalThis.URLSearchParams {}

class URL extends globalThis.URL {
  // The SDK's no-argument constructor makes an empty URL; WHATWG needs some absolute URL to start from.
  constructor(input = 'about:blank', base) {
    super(input, base);
  }

  static parseURL(input, base) {
    const baseText = base instanceof globalThis.URL ? base.href : base;
    try {
      return new URL(String(input), baseText);
    } catch {
      throw invalidUrlError(input);
    }
  }

  get params() {
    return this.searchParams;
  }
}

const url = { URL, URLParams };

export default url;
