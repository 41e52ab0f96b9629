/**
 * Declarations of the part of @ohos.url that the host stand-in implements.
 * Every declaration here matches the SDK's, including its `@throws` tags (see @ohos.util.d.ts).
 */
declare namespace url {
  class URLParams {
    /**
     * @throws { BusinessError } 401 - Parameter error. Possible causes: 1.Mandatory parameters are left unspecified;
     *     2.Incorrect parameter types; 3.Parameter verification failed.
     */
    constructor(init?: string[][] | Record<string, string> | string | URLParams);
    /**
     * @throws { BusinessError } 401 - Parameter error. Possible causes: 1.Mandatory parameters are left unspecified;
     *     2.Incorrect parameter types; 3.Parameter verification failed.
     */
    append(name: string, value: string): void;
    /**
     * @throws { BusinessError } 401 - Parameter error. Possible causes: 1.Mandatory parameters are left unspecified;
     *     2.Incorrect parameter types; 3.Parameter verification failed.
     */
    delete(name: string): void;
    /**
     * @throws { BusinessError } 401 - Parameter error. Possible causes: 1.Mandatory parameters are left unspecified;
     *     2.Incorrect parameter types; 3.Parameter verification failed.
     */
    getAll(name: string): string[];
    /**
     * @throws { BusinessError } 401 - Parameter error. Possible causes: 1.Mandatory parameters are left unspecified;
     *     2.Incorrect parameter types; 3.Parameter verification failed.
     */
    get(name: string): string | null;
    /**
     * @throws { BusinessError } 401 - Parameter error. Possible causes: 1.Mandatory parameters are left unspecified;
     *     2.Incorrect parameter types; 3.Parameter verification failed.
     */
    has(name: string): boolean;
    /**
     * @throws { BusinessError } 401 - Parameter error. Possible causes: 1.Mandatory parameters are left unspecified;
     *     2.Incorrect parameter types; 3.Parameter verification failed.
     */
    set(name: string, value: string): void;
    sort(): void;
    keys(): IterableIterator<string>;
    values(): IterableIterator<string>;
    entries(): IterableIterator<[string, string]>;
    toString(): string;
  }

  class URL {
    constructor();
    /**
     * @throws { BusinessError } 401 - Parameter error. Possible causes: 1.Mandatory parameters are left unspecified;
     *     2.Incorrect parameter types; 3.Parameter verification failed.
     * @throws { BusinessError } 10200002 - Invalid url string.
     */
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
