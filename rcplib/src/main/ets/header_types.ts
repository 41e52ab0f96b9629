/*
 * The header map types of the rcp namespace, declared as the kit declares them: an object type with
 * a string index signature plus the well-known names typed, so that
 * `const type: string | undefined = response.headers['content-type']` type-checks while any other
 * name still reads and writes as string | string[] | undefined, and an object literal with any header
 * names is a RequestHeaders.
 *
 * This file is TypeScript, not ArkTS, because ArkTS source cannot spell that shape (no index
 * signatures, no object type literals), and the ArkTS linter treats types declared in TypeScript the
 * way it treats the kit's own declarations: object literals with arbitrary keys and element access
 * are allowed on them. It holds types only and imports nothing (a TypeScript file may not import
 * ArkTS).
 */

/**
 * An HTTP method: 'GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS' or any other token.
 * (The kit writes the open end as `string & NonNullable<unknown>`; plain string accepts the same
 * values.)
 */
export type HttpMethod = 'GET' | 'POST' | 'HEAD' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS' | string;

/** A media type: the kit's predefined ones or any other, e.g. 'text/html; charset=utf-8'. */
export type ContentType = 'application/json' | 'text/plain' | 'multipart/form-data' | 'application/octet-stream' |
  'application/x-www-form-urlencoded' | string;

/** A content coding, as in Accept-Encoding and Content-Encoding: the kit's predefined ones or any other. */
export type ContentCoding = 'aes128gcm' | 'br' | 'compress' | 'deflate' | 'exi' | 'gzip' | 'pack200-gzip' |
  'x-compress' | 'x-gzip' | 'zstd' | string;

/**
 * Request headers by name. A string[] value sends the header once per element and undefined sends
 * nothing. Names are case-insensitive; write keys quoted, e.g.
 * `{ 'content-type': 'text/plain', 'x-trace': 'on' }`. The kit's well-known names are typed below;
 * any other name takes a string, a string[] or undefined.
 */
export type RequestHeaders = {
  /** Any header. */
  [k: string]: string | string[] | undefined;
  /** Credentials, e.g. 'Bearer <token>'. */
  'authorization'?: string;
  /** Media types the response may have. */
  'accept'?: ContentType | ContentType[];
  /** Charsets the response may use. */
  'accept-charset'?: string | string[];
  /** Content codings the response may use; rcplib sends its own unless decodeContent is false. */
  'accept-encoding'?: ContentCoding | ContentCoding[];
  /** Preferred languages. */
  'accept-language'?: string | string[];
  /** Cache directives. */
  'cache-control'?: string | string[];
  /** Cookies as header text; Request.cookies and the session's cookies are added to it. */
  'cookie'?: string | string[];
  /** Byte ranges; Request.transferRange writes it. */
  'range'?: string | string[];
  /** Protocols to switch to. */
  'upgrade'?: string | string[];
  /** The client's name. */
  'user-agent'?: string;
  /** The media type of the body; when left out, rcplib picks one from the content. */
  'content-type'?: ContentType;
};

/**
 * Response headers by lower-case name. A header received more than once is a string[], except the
 * names typed as one string below (content-type, location, etag, date, ...), whose repeated values
 * are joined with ', ' (as the fetch standard's Headers.get does), so the declared types hold at run
 * time. rcplib builds the map with no prototype: every key is a name the server sent (`__proto__`
 * and `constructor` too, as strings), a name not received reads as undefined, and there are no
 * inherited methods such as hasOwnProperty.
 */
export type ResponseHeaders = {
  /** Any header. */
  [k: string]: string | string[] | undefined;
  /** Range units the server accepts, e.g. 'bytes' or 'none'. */
  'accept-ranges'?: 'none' | 'bytes' | string;
  /** Methods the resource allows. */
  'allow'?: HttpMethod | HttpMethod[];
  /** Cache directives. */
  'cache-control'?: string | string[];
  /** The codings of the body as sent, e.g. 'gzip' (kept when rcplib decodes the body). */
  'content-encoding'?: ContentCoding;
  /** The part a 206 response carries, e.g. 'bytes 0-99/1000'. */
  'content-range'?: string;
  /** The media type of the body. */
  'content-type'?: ContentType;
  /** When the response was generated. */
  'date'?: string;
  /** The entity tag of the representation. */
  'etag'?: string;
  /** When the response goes stale. */
  'expires'?: string;
  /** The redirect target, or the created resource. */
  'location'?: string;
  /** How long to wait before retrying: seconds or a date. */
  'retry-after'?: string;
  /** Cookies the server sets; Response.cookies has them parsed. */
  'set-cookie'?: string | string[];
  /** The server's name. */
  'server'?: string;
  /** Authentication challenges. */
  'www-authenticate'?: string | string[];
};
