/**
 * Declarations of the part of @ohos.url that the host stand-in implements.
 * Every declaration here matches the SDK's, so code that type-checks against these also builds on a device.
 */
declare namespace url {
  class URLParams {
    constructor(init?: string[][] | Record<string, string> | string | URLParams);
    append(name: string, value: string): void;
    delete(name: string): void;
    getAll(name: string): string[];
    get(name: string): string | null;
    has(name: string): boolean;
    set(name: string, value: string): void;
    sort(): void;
    keys(): IterableIterator<string>;
    values(): IterableIterator<string>;
    entries(): IterableIterator<[string, string]>;
    toString(): string;
  }

  class URL {
    constructor();
    static parseURL(url: string, base?: string | URL): URL;
    toString(): string;
    toJSON(): string;
    hash: string;
    host: string;
    hostname: string;
    href: string;
    readonly origin: string;
    password: string;
    pathname: string;
    port: string;
    protocol: string;
    search: string;
    readonly params: URLParams;
    username: string;
  }
}

export default url;
