/*
 * The native module inside librcp.so (Node-API module name "rcp"), imported by
 * the ArkTS API as `import rcpNative from 'librcp.so'`. Applications use the
 * `rcp` namespace exported by 'rcplib'; this module is its engine bridge.
 *
 * Threading: every function must be called on the thread that loaded the
 * module. Events are delivered on that thread, in batches.
 */

/** Engine settings of one session, fixed at creation. */
export interface NativeSessionOptions {
  /** Connections per host; default 6 in the ArkTS layer. Must be >= 1. */
  maxConnectionsPerHost: number;
  /** Connections in the whole session; default 64 in the ArkTS layer. Must be >= 1. */
  maxTotalConnections: number;
}

/**
 * Engine options of one request, already resolved from rcp.Configuration by
 * the ArkTS layer. Compile them once with compileOptions() and pass the id.
 */
export interface NativeRequestOptions {
  /** Milliseconds; 0 = no limit. */
  connectTimeoutMs: number;
  /** Milliseconds for the whole transfer; 0 = no limit. */
  transferTimeoutMs: number;
  /** Milliseconds without a byte in either direction; 0 = off. */
  inactivityTimeoutMs: number;
  autoRedirect: boolean;
  maxRedirects: number;
  /** Cap of the in-memory response body, in bytes. */
  maxBodyBytes: number;
  /** 0 = automatic (h2 over TLS by ALPN), 1 = HTTP/1.1 only, 2 = HTTP/2 prior knowledge (h2c). */
  httpVersion: number;
  /** true: plain http:// requests fail with 1007900201. */
  forbidCleartext: boolean;
  /** 0 = system CAs, 1 = skip validation, 2 = the CA below. */
  validation: number;
  caContent: string;
  caFile: string;
  caFolder: string;
  clientCertContent: string;
  clientCertFile: string;
  /** 'PEM', 'DER', 'P12' or ''. */
  clientCertType: string;
  clientKey: string;
  clientKeyPassword: string;
  /** 0 = none, 1 = negotiate, 2 = basic, 3 = ntlm, 4 = digest. */
  authType: number;
  authUser: string;
  authPassword: string;
  /** 'sha256//<base64>' entries. */
  pinnedPublicKeys: string[];
  /** 0 = system, 1 = no proxy, 2 = proxyUrl. */
  proxy: number;
  proxyUrl: string;
  proxyTunnelAlways: boolean;
  proxyExclusions: string[];
  /** Static DNS rules as 'host:port:address[,address...]'. */
  staticDns: string[];
  dnsServers: string[];
  dohUrl: string;
  dohSkipVerify: boolean;
  collectTimeInfo: boolean;
  /** Decode gzip, br and zstd bodies (and send Accept-Encoding). */
  decodeContent: boolean;
}

/** One piece of a request body, sent in order. */
export interface NativeBodySegment {
  /** 0 = bytes from `data`, 1 = the file at `path`. */
  kind: number;
  data?: string | ArrayBuffer;
  path?: string;
}

/** One parsed Set-Cookie header. */
export interface NativeCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  expires: string;
  /** -1 when the cookie had no Max-Age. */
  maxAge: number;
  secure: boolean;
  httpOnly: boolean;
  sameSite: string;
  raw: string;
  /** Every attribute as [name, value, name, value, ...]. */
  attributes: string[];
}

/** Event types, the values of NativeEvent.type. */
export const EVENT_DATA: number;
export const EVENT_STATUS: number;
export const EVENT_HEADERS: number;
export const EVENT_UPLOAD_PROGRESS: number;
export const EVENT_DOWNLOAD_PROGRESS: number;
export const EVENT_DATA_END: number;
export const EVENT_CANCELED: number;
export const EVENT_COMPLETE: number;

/** Bits of fetch()'s eventMask: which optional events the caller wants. */
export const WANT_DATA: number;
export const WANT_STATUS: number;
export const WANT_HEADERS: number;
export const WANT_PROGRESS: number;

/**
 * One event of one fetch. Only the fields of its type are set. Every accepted
 * fetch ends with exactly one EVENT_COMPLETE, after all its other events.
 */
export interface NativeEvent {
  /** The token given to fetch(). */
  token: number;
  type: number;
  /** EVENT_COMPLETE: 0 or an error code. */
  code?: number;
  /** EVENT_COMPLETE with an error: readable detail. */
  message?: string;
  /** EVENT_STATUS and successful EVENT_COMPLETE. */
  statusCode?: number;
  /** EVENT_HEADERS and successful EVENT_COMPLETE: [name, value, ...], names lower-case. */
  headers?: string[];
  /** EVENT_DATA: the chunk. Successful EVENT_COMPLETE: the body (absent when streamed or downloaded). */
  body?: ArrayBuffer;
  /** Progress events. */
  total?: number;
  transferred?: number;
  /** Successful EVENT_COMPLETE. */
  effectiveUrl?: string;
  httpVersion?: string;
  reasonPhrase?: string;
  downloadedTo?: string;
  cookies?: NativeCookie[];
  /** [nameLookup, connect, tlsHandshake, preTransfer, startTransfer, total, redirect] in ms. */
  timeInfo?: number[];
}

/** Receives a batch of events, in order, on the module's thread. */
export type NativeEventHandler = (events: NativeEvent[]) => void;

/** The engine side of one rcp.Session. */
export interface NativeSession {
  /** The session's unique id. */
  readonly id: string;
  /**
   * Starts a fetch. Returns 0 when accepted (events follow, ending with
   * EVENT_COMPLETE), or an error code when rejected (no event follows):
   * 401 for bad input (header or method injection, bad options id, a request
   * id already in flight), 1007900003 malformed URL, 1007900001 unsupported
   * scheme, 1007900201 cleartext forbidden, 1007900993 closed session.
   */
  fetch(token: number, requestId: string, url: string, method: string, headers: string[],
    body: NativeBodySegment[], defaultContentType: string, range: string, downloadPath: string,
    optionsId: number, eventMask: number): number;
  /** Cancels the fetches of `requestId` at once (each completes with 1007900992). Returns 0 or 1007900993. */
  cancel(requestId: string): number;
  /** Cancels every fetch at once. Returns 0 or 1007900993. */
  cancelAll(): number;
  /**
   * Closes the session: every fetch in flight is canceled, connections are
   * freed, and no event is delivered after this returns. Returns 0, or
   * 1007900993 when already closed.
   */
  close(): number;
  /** Fetches not yet completed. */
  inFlight(): number;
}

/** Result of createSession(): `session` on success, otherwise `code` (401 or 1007900994). */
export interface NativeSessionResult {
  code: number;
  session?: NativeSession;
}

/**
 * Creates a session whose events go to `onEvents`. The handler is held
 * strongly only while fetches are in flight, so an idle session can be
 * garbage-collected; its finalizer closes it. The runtime is kept alive only
 * while fetches are in flight.
 */
export function createSession(options: NativeSessionOptions, onEvents: NativeEventHandler): NativeSessionResult;

/** Compiles request options; returns an id > 0, or 0 when an option is invalid. */
export function compileOptions(options: NativeRequestOptions): number;
/** Frees compiled options. Fetches already started keep their copy. */
export function releaseOptions(optionsId: number): void;

/** One field of a multipart form: a value, bytes, or a file to stream from `path`. */
export interface NativeFormPart {
  name: string;
  value?: string | ArrayBuffer;
  path?: string;
  fileName?: string;
  contentType?: string;
}

/** A request body ready for fetch(). */
export interface NativeEncodedBody {
  segments: NativeBodySegment[];
  contentType: string;
}

/** application/x-www-form-urlencoded text of [name, value, name, value, ...]. */
export function encodeUrlEncodedForm(pairs: string[]): string;
/**
 * multipart/form-data body; `boundary` '' generates one. Undefined when the
 * boundary is invalid (over 70 characters or bad characters).
 */
export function encodeMultipartForm(parts: NativeFormPart[], boundary: string): NativeEncodedBody | undefined;

/** 0, 401 (empty), 1007900003 (malformed) or 1007900001 (not http/https). */
export function checkUrl(url: string): number;
/** Resolves `reference` against `base` (RFC 3986); undefined when that fails. */
export function resolveUrl(base: string, reference: string): string | undefined;
/** The same rules the C API applies. */
export function isValidHeaderName(name: string): boolean;
export function isValidHeaderValue(value: string): boolean;
export function isValidMethod(method: string): boolean;
/** Readable text for an error code. */
export function errorMessage(code: number): string;
/** Sessions open in this process (C and ArkTS together). */
export function openSessionCount(): number;
