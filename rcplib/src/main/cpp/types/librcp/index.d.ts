/*
 * The native module inside librcp.so (Node-API module name "rcp"), imported by
 * the ArkTS API as `import rcpNative from 'librcp.so'`. Applications use the
 * `rcp` namespace exported by 'rcplib'; this module is its engine bridge.
 *
 * Threading: every function must be called on the thread that loaded the
 * module. Events are delivered on that thread, in batches.
 *
 * Wrong argument types: a function that returns a code returns 401
 * (createSession: { code: 401 }; compileOptions: undefined); the others throw
 * a TypeError. NativeSession methods called on any other object throw a
 * TypeError.
 */

/** Engine settings of one session, fixed at creation. */
export interface NativeSessionOptions {
  /** Connections per host; default 6 in the ArkTS layer. A whole number >= 1. */
  maxConnectionsPerHost: number;
  /** Connections in the whole session; default 64 in the ArkTS layer. A whole number >= 1. */
  maxTotalConnections: number;
}

/**
 * Engine options of one request, already resolved from rcp.Configuration by
 * the ArkTS layer. Compile them once with compileOptions() and pass the
 * result to fetch(). Every field is required. Numbers must be whole; timeouts at most
 * 2147483647 ms; strings may not contain NUL.
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
  /** Cap of the in-memory response body, in bytes (0 to 2^53 - 1). */
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
  /** 0 = none, 1 = automatic (the server's choice among negotiate, ntlm, digest, basic), 2 = basic, 3 = ntlm, 4 = digest. */
  authType: number;
  authUser: string;
  authPassword: string;
  /** 'sha256//<base64>' entries (each must start with 'sha256//' and hold no ';'). */
  pinnedPublicKeys: string[];
  /** 0 = system, 1 = no proxy, 2 = proxyUrl (which must then be non-empty). */
  proxy: number;
  proxyUrl: string;
  proxyTunnelAlways: boolean;
  /** Host names that bypass the proxy; no ',' in an entry. */
  proxyExclusions: string[];
  /** Static DNS rules as 'host:port:address[,address...]'; each address an IPv4 or IPv6 literal, IPv6 optionally in []. */
  staticDns: string[];
  /** 'ip' or 'ip:port' entries; no ',' in an entry. */
  dnsServers: string[];
  dohUrl: string;
  dohSkipVerify: boolean;
  collectTimeInfo: boolean;
  /** Decode gzip, br and zstd bodies (and send Accept-Encoding). */
  decodeContent: boolean;
}

/**
 * Request options compiled by compileOptions(): an opaque object with no
 * properties of its own. The native copy of the options lives as long as this
 * object is reachable and is freed when it is garbage-collected; a fetch
 * already started keeps what it needs, so dropping the object never affects a
 * transfer in flight. Only objects compileOptions() returned are accepted.
 */
export interface NativeCompiledOptions {}

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

/**
 * Event types, the values of NativeEvent.type. EVENT_DATA_END (only for a
 * successful fetch) and EVENT_CANCELED (a fetch ended by cancel/cancelAll) are
 * always delivered, right before that fetch's EVENT_COMPLETE; the others only
 * when selected by fetch()'s eventMask.
 */
export const EVENT_DATA: number;
export const EVENT_STATUS: number;
export const EVENT_HEADERS: number;
export const EVENT_UPLOAD_PROGRESS: number;
export const EVENT_DOWNLOAD_PROGRESS: number;
export const EVENT_DATA_END: number;
export const EVENT_CANCELED: number;
export const EVENT_COMPLETE: number;

/**
 * Bits of fetch()'s eventMask: which optional events the caller wants.
 * WANT_DATA streams the body as EVENT_DATA chunks instead of buffering it
 * (the memory cap then does not apply). WANT_PROGRESS selects both progress
 * events; consecutive progress events of one fetch within a batch are merged
 * into the newest.
 */
export const WANT_DATA: number;
export const WANT_STATUS: number;
export const WANT_HEADERS: number;
export const WANT_PROGRESS: number;

/**
 * One event of one fetch, as the session's NativeEventFactory built it. Only
 * the fields of its type are set. Every accepted fetch ends with exactly one
 * EVENT_COMPLETE, after all its other events.
 */
export interface NativeEvent {
  /** The token given to fetch(). */
  token: number;
  type: number;
  /** EVENT_COMPLETE: 0 or an error code (an HTTP error status is still 0). */
  code?: number;
  /** EVENT_COMPLETE with an error: readable detail. An error completion carries only code and message. */
  message?: string;
  /** EVENT_STATUS and successful EVENT_COMPLETE. */
  statusCode?: number;
  /**
   * EVENT_HEADERS and successful EVENT_COMPLETE: "name:value" lines joined by
   * "\n", in the order received. A name never holds ':' and no line holds "\n".
   */
  headers?: string;
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
  /** [nameLookup, connect, tlsHandshake, preTransfer, startTransfer, total, redirect] in ms; absent when collectTimeInfo was false. */
  timeInfo?: number[];
}

/**
 * Receives a batch of events, in order, on the module's thread. An exception
 * it throws is reported as an uncaught exception; it is not swallowed.
 */
export type NativeEventHandler = (events: NativeEvent[]) => void;

/**
 * Builds one NativeEvent from its fields, in NativeEvent's order; a field the
 * event does not carry is undefined. Called once per event, right before the
 * batch goes to the NativeEventHandler. One call per event is much cheaper
 * than the module setting each property. An exception it throws is reported
 * as an uncaught exception and the event is left out of the batch.
 */
export type NativeEventFactory = (token: number, type: number, code: number | undefined,
  message: string | undefined, statusCode: number | undefined, headers: string | undefined,
  body: ArrayBuffer | undefined, total: number | undefined, transferred: number | undefined,
  effectiveUrl: string | undefined, httpVersion: string | undefined, reasonPhrase: string | undefined,
  downloadedTo: string | undefined, cookies: NativeCookie[] | undefined, timeInfo: number[] | undefined) => NativeEvent;

/** The engine side of one rcp.Session. */
export interface NativeSession {
  /** The session's unique id. */
  readonly id: string;
  /**
   * Starts a fetch. Returns 0 when accepted (events follow, ending with
   * EVENT_COMPLETE), or an error code when rejected (no event follows):
   * 1007900993 closed session (checked first), 401 for bad input (wrong types,
   * a non-finite token, header or method injection, an odd-length headers
   * array, a bad body segment, a range other than digits, '-' and ',', unknown
   * eventMask bits, `options` not made by compileOptions(), a request id
   * already in flight), 1007900003 malformed URL, 1007900001 unsupported scheme,
   * 1007900201 cleartext forbidden, or another engine code when the request
   * cannot be set up (e.g. 1007900988 when downloadPath cannot be opened).
   * `body` segments of kind 0 need `data`, of kind 1 a non-empty `path`;
   * `range` is '' or like '0-99,200-'; `downloadPath` '' keeps the body in memory.
   */
  fetch(token: number, requestId: string, url: string, method: string, headers: string[],
    body: NativeBodySegment[], defaultContentType: string, range: string, downloadPath: string,
    options: NativeCompiledOptions, eventMask: number): number;
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
  /** Fetches not yet completed in the engine (0 once closed). */
  inFlight(): number;
}

/**
 * Result of createSession(): `session` on success, otherwise `code` (401 bad
 * options, or a handler or factory that is not a function; 1007900994 too many
 * open sessions; 1007900999 when the runtime refused a resource).
 */
export interface NativeSessionResult {
  code: number;
  session?: NativeSession;
}

/**
 * Creates a session whose events `makeEvent` builds and `onEvents` receives.
 * Both are held strongly only while fetches are in flight, so an idle session
 * can be garbage-collected; its finalizer closes it. The runtime is kept
 * alive only while fetches are in flight.
 */
export function createSession(options: NativeSessionOptions, onEvents: NativeEventHandler,
  makeEvent: NativeEventFactory): NativeSessionResult;

/**
 * Compiles request options for fetch(); undefined when an option is missing,
 * mistyped or invalid. Nothing needs freeing: see NativeCompiledOptions.
 */
export function compileOptions(options: NativeRequestOptions): NativeCompiledOptions | undefined;

/**
 * One field of a multipart form: a value, bytes, or a file to stream from
 * `path`. It is a file part when `path` is set, `value` is an ArrayBuffer, or
 * `fileName` or `contentType` is set (even to ''); otherwise a plain text field.
 */
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
 * boundary is invalid (over 70 characters or bad characters), a content type
 * holds CR, LF or NUL, or a path is empty or holds NUL.
 */
export function encodeMultipartForm(parts: NativeFormPart[], boundary: string): NativeEncodedBody | undefined;

/** 0, 401 (empty), 1007900003 (malformed) or 1007900001 (not http/https). */
export function checkUrl(url: string): number;
/** Resolves `reference` against `base` (RFC 3986); an empty base returns `reference`; undefined when that fails. */
export function resolveUrl(base: string, reference: string): string | undefined;
/** The same rules the C API applies. */
export function isValidHeaderName(name: string): boolean;
export function isValidHeaderValue(value: string): boolean;
export function isValidMethod(method: string): boolean;
/** Readable text for an error code (a generic text for unknown codes and non-integers). */
export function errorMessage(code: number): string;
/** Sessions open in this process (C and ArkTS together). */
export function openSessionCount(): number;
