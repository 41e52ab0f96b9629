/*
 * The native module inside librcp.so (Node-API module name "rcp"), imported by
 * the ArkTS API as `import rcpNative from 'librcp.so'`. Applications use the
 * `rcp` namespace exported by 'rcplib'; this module is its engine bridge.
 *
 * Threading: every function must be called on the thread that loaded the
 * module. Events are delivered on that thread, in batches.
 *
 * Wrong argument types: a function that returns a code returns 401
 * (createSession, compileLayer: { code: 401, detail }; fetch: a NativeFailure); the others throw
 * a TypeError. NativeSession methods called on any other object throw a
 * TypeError.
 */

/** Engine settings of one session, fixed at creation. */
export interface NativeSessionOptions {
  /** Connections per host, a whole number >= 1; undefined = the engine's default (6). */
  maxConnectionsPerHost?: number;
  /** Connections in the whole session, a whole number >= 1; undefined = the engine's default (64). */
  maxTotalConnections?: number;
}

/**
 * What a session adds to every request, fixed at creation and checked by the
 * engine (core/request_builder.h states the merge rules).
 */
export interface NativeSessionDefaults {
  /** '' for none; otherwise an absolute http(s) URL that relative request URLs resolve against. */
  baseUrl: string;
  /** [name, value, name, value, ...]: names are tokens, values hold no CR, LF or NUL. */
  headers: string[];
  /** [name, value, ...]: names are tokens, values hold no CR, LF, NUL, ';' or ','. */
  cookies: string[];
}

/** NativeConfigurationLayer.serverValidation. */
export interface NativeServerValidation {
  /** A Validation member; CUSTOM_CA needs caContent, caFile or caFolder. */
  kind: number;
  caContent: string;
  caFile: string;
  caFolder: string;
}

/** NativeConfigurationLayer.clientCertificate. */
export interface NativeClientCertificate {
  content: string;
  file: string;
  /** 'PEM', 'DER', 'P12' or '' (PEM). */
  type: string;
  key: string;
  keyPassword: string;
}

/** NativeConfigurationLayer.authentication. */
export interface NativeAuthentication {
  /** Non-empty. */
  user: string;
  password: string;
  /** An AuthType member. */
  type: number;
}

/** NativeConfigurationLayer.proxy. */
export interface NativeProxy {
  /** A ProxyMode member; CUSTOM needs a non-empty `url`. */
  kind: number;
  url: string;
  tunnelAlways: boolean;
  /** Host names or URLs (their host is used) that bypass the proxy; no ',' in an entry. */
  exclusions: string[];
  /**
   * The kit's DynamicExclusionRule: called with each request's URL when fetch() sends it, on this
   * thread, synchronously; true = use the proxy, false = connect directly. A throw fails the fetch
   * with 1007900042 (the exception is cleared), a result that is not a boolean with 401.
   */
  useProxyFor?: (url: string) => boolean;
}

/** A DNS server of NativeDnsRules. */
export interface NativeDnsServer {
  /** An IPv4 or IPv6 literal without brackets (else 1007900049). */
  ip: string;
  /** 0 = 53. */
  port: number;
}

/** A static DNS rule of NativeDnsRules. */
export interface NativeStaticDnsRule {
  host: string;
  port: number;
  /** IPv4 or IPv6 literals without brackets (else 1007900049); at least one. */
  addresses: string[];
}

/** NativeConfigurationLayer.dnsRules. */
export interface NativeDnsRules {
  servers: NativeDnsServer[];
  staticRules: NativeStaticDnsRule[];
  /**
   * The kit's DynamicDnsRule: called with each request's host and port when fetch() sends it, on
   * this thread, synchronously; returns the addresses to connect to (none = resolve normally). A
   * throw fails the fetch with 1007900042 (the exception is cleared), a result that is not an array
   * of strings with 401, a string that is not an IP literal with 1007900049.
   */
  dynamicRule?: (host: string, port: number) => string[];
}

/** NativeConfigurationLayer.dnsOverHttps. */
export interface NativeDnsOverHttps {
  url: string;
  skipVerify: boolean;
}

/**
 * rcp.TcpConfiguration. A member left out takes the kit's default; any keep-alive member set starts
 * keep-alive probing. The engine checks the ranges (0 or past the maximum: 401).
 */
export interface NativeTcp {
  /** Idle seconds before the first probe, 1..7200 (default 7200). */
  keepIdleSec?: number;
  /** Seconds between probes, 1..75 (default 75). */
  keepIntervalSec?: number;
  /** Probes unanswered before the connection drops, 1..9 (default 9). */
  keepCount?: number;
  /** TCP_USER_TIMEOUT in milliseconds, 1..3600000 (default: the transfer timeout). */
  userTimeoutMs?: number;
}

/**
 * One rcp.Configuration translated member by member, for compileLayer(). A
 * member left undefined (or null) is not set: it inherits from the layer
 * below (a request's layer stacks over its session's, which stacks over the
 * kit's defaults). Groups (serverValidation, clientCertificate, proxy, ...)
 * are taken whole from one layer. Numbers are whole; timeouts 0..2147483647 ms
 * (0 = no limit); strings hold no NUL.
 */
export interface NativeConfigurationLayer {
  connectTimeoutMs?: number;
  transferTimeoutMs?: number;
  /** Milliseconds without a byte in either direction; 0 = off. */
  inactivityTimeoutMs?: number;
  autoRedirect?: boolean;
  /** 1..2147483647. */
  maxRedirects?: number;
  /** Cap of the in-memory response body, in bytes (0 to 2^53 - 1). */
  maxBodyBytes?: number;
  /** An HttpVersion member. */
  httpVersion?: number;
  /** Decode gzip, br and zstd bodies (and send Accept-Encoding). */
  decodeContent?: boolean;
  /** true: plain http:// requests fail with 1007900201. */
  forbidCleartext?: boolean;
  /** TCP options of the request's new connections; taken whole from one layer. */
  tcp?: NativeTcp;
  collectTimeInfo?: boolean;
  /** Write libcurl's informational lines for each request to the log (hilog on a device, stderr on a host). */
  verbose?: boolean;
  /**
   * What Response.debugInfo collects: DebugKind bits, ORed; 0 = nothing. Taken whole from one layer. At most 1 MiB
   * per request (each entry counting 64 bytes more than its data); past it a last TEXT entry says so.
   */
  infoToCollect?: number;
  serverValidation?: NativeServerValidation;
  clientCertificate?: NativeClientCertificate;
  authentication?: NativeAuthentication;
  /** Base64 SHA-256 hashes of pinned public keys. */
  pinnedKeyHashes?: string[];
  proxy?: NativeProxy;
  dnsRules?: NativeDnsRules;
  /** DnsConfiguration.happyEyeballOnDnsRule: true tries every address the static rules give a host, false only the last. */
  happyEyeballs?: boolean;
  dnsOverHttps?: NativeDnsOverHttps;
}

/**
 * A layer compiled by compileLayer(): an opaque object with no properties of
 * its own. The native copy lives as long as this object is reachable and is
 * freed when it is garbage-collected; a fetch already started keeps what it
 * needs, so dropping the object never affects a transfer in flight. Only
 * objects compileLayer() returned are accepted.
 */
export interface NativeCompiledLayer {}

/** Result of compileLayer(): `layer` when `code` is 0; otherwise the code (401, 1007900049) and why. */
export interface NativeLayerResult {
  code: number;
  detail: string;
  layer?: NativeCompiledLayer;
}

/** Why fetch() or createSession() refused: an error code and a message for the application. */
export interface NativeFailure {
  code: number;
  detail: string;
}

/** One piece of a request body, sent in order. */
export interface NativeBodySegment {
  /** A BodySegmentKind member: BYTES (from `data`) or FILE (the file at `path`). */
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

/** One entry of NativeEvent.debugInfo. */
export interface NativeDebugEntry {
  /** A DebugKind member. */
  type: number;
  /** The bytes as libcurl reported them (text entries are ASCII lines ending in a line feed). */
  data: ArrayBuffer;
}

// ---- generated by tools/native/gen-boundary.js from src/main/cpp/napi/boundary_table.h; do not edit ----

/** The members of EventType. */
export interface NativeEventTypeMembers {
  /** A chunk of the body (WantBits.DATA). */
  readonly DATA: number;
  /** The status code, before the headers (WantBits.STATUS). */
  readonly STATUS: number;
  /** The response headers (WantBits.HEADERS). */
  readonly HEADERS: number;
  /** Bytes sent so far (WantBits.PROGRESS). */
  readonly UPLOAD_PROGRESS: number;
  /** Bytes received so far (WantBits.PROGRESS). */
  readonly DOWNLOAD_PROGRESS: number;
  /** The body is complete. */
  readonly DATA_END: number;
  /** The fetch was canceled. */
  readonly CANCELED: number;
  /** The fetch is over; the last event of every fetch. */
  readonly COMPLETE: number;
}

/**
 * Event types, the values of NativeEvent.type. DATA_END (only for a successful fetch) and CANCELED (a fetch ended by
 * cancel/cancelAll) are always delivered, right before that fetch's COMPLETE; the others only when selected by
 * fetch()'s eventMask. A frozen object; the ArkTS enum NativeEventType has the same values.
 */
export const EventType: NativeEventTypeMembers;

/** The members of WantBits. */
export interface NativeWantBitsMembers {
  /** Stream the body as EVENT_DATA chunks. */
  readonly DATA: number;
  /** Deliver EVENT_STATUS. */
  readonly STATUS: number;
  /** Deliver EVENT_HEADERS. */
  readonly HEADERS: number;
  /** Deliver both progress events. */
  readonly PROGRESS: number;
  /** Collect timings (EVENT_COMPLETE's timeInfo) even when the configuration does not ask. */
  readonly TIME_INFO: number;
}

/**
 * Bits of fetch()'s eventMask: which optional events the caller wants. DATA streams the body as EVENT_DATA chunks
 * instead of buffering it (the memory cap then does not apply). PROGRESS selects both progress events; consecutive
 * progress events of one fetch within a batch are merged into the newest. A frozen object; the ArkTS enum
 * NativeWantBits has the same values.
 */
export const WantBits: NativeWantBitsMembers;

/** The members of HttpVersion. */
export interface NativeHttpVersionMembers {
  /** HTTP/2 over TLS when ALPN agrees, else HTTP/1.1. */
  readonly AUTO: number;
  /** HTTP/1.1 only. */
  readonly HTTP1_ONLY: number;
  /** HTTP/2 without upgrade, also h2c. */
  readonly HTTP2_PRIOR_KNOWLEDGE: number;
}

/**
 * Values of NativeConfigurationLayer.httpVersion. A frozen object; the ArkTS enum NativeHttpVersion has the same
 * values.
 */
export const HttpVersion: NativeHttpVersionMembers;

/** The members of Validation. */
export interface NativeValidationMembers {
  /** The system's CA certificates. */
  readonly SYSTEM: number;
  /** No validation of the server's certificate. */
  readonly SKIP: number;
  /** The CA of caContent, caFile or caFolder (at least one). */
  readonly CUSTOM_CA: number;
}

/** Values of NativeServerValidation.kind. A frozen object; the ArkTS enum NativeValidation has the same values. */
export const Validation: NativeValidationMembers;

/** The members of AuthType. */
export interface NativeAuthTypeMembers {
  /** The server's choice among negotiate, ntlm, digest and basic. */
  readonly AUTO: number;
  /** Basic. */
  readonly BASIC: number;
  /** NTLM. */
  readonly NTLM: number;
  /** Digest. */
  readonly DIGEST: number;
}

/** Values of NativeAuthentication.type. A frozen object; the ArkTS enum NativeAuthType has the same values. */
export const AuthType: NativeAuthTypeMembers;

/** The members of ProxyMode. */
export interface NativeProxyModeMembers {
  /** The system's proxy settings. */
  readonly SYSTEM: number;
  /** No proxy. */
  readonly NONE: number;
  /** NativeProxy.url, which must then be non-empty. */
  readonly CUSTOM: number;
}

/** Values of NativeProxy.kind. A frozen object; the ArkTS enum NativeProxyMode has the same values. */
export const ProxyMode: NativeProxyModeMembers;

/** The members of BodySegmentKind. */
export interface NativeBodySegmentKindMembers {
  /** The bytes of `data`. */
  readonly BYTES: number;
  /** The file at `path` (non-empty), streamed. */
  readonly FILE: number;
}

/** Values of NativeBodySegment.kind. A frozen object; the ArkTS enum NativeBodySegmentKind has the same values. */
export const BodySegmentKind: NativeBodySegmentKindMembers;

/** The members of DebugKind. */
export interface NativeDebugKindMembers {
  /** libcurl's informational lines. */
  readonly TEXT: number;
  /** Received header lines, status lines included, one per entry. */
  readonly HEADER_IN: number;
  /** The request heads as sent. */
  readonly HEADER_OUT: number;
  /** Body bytes as received, before content decoding. */
  readonly DATA_IN: number;
  /** Body bytes as sent. */
  readonly DATA_OUT: number;
  /** TLS protocol messages received. */
  readonly SSL_DATA_IN: number;
  /** TLS protocol messages sent. */
  readonly SSL_DATA_OUT: number;
  /** The local 'ip:port' ('[ip]:port' for IPv6) of the last connection. */
  readonly SRC_ADDR: number;
  /** The server's 'ip:port' ('[ip]:port' for IPv6) of the last connection. */
  readonly DST_ADDR: number;
  /** The number of redirects followed, in decimal. */
  readonly REDIRECT_COUNT: number;
}

/**
 * Kinds of debug information: bits of NativeConfigurationLayer.infoToCollect (any combination) and the values of
 * NativeDebugEntry.type (one each). A frozen object; the ArkTS enum NativeDebugKind has the same values.
 */
export const DebugKind: NativeDebugKindMembers;

/** The members of EventType one by one: EVENT_DATA is EventType.DATA, and so on. */
export const EVENT_DATA: number;
export const EVENT_STATUS: number;
export const EVENT_HEADERS: number;
export const EVENT_UPLOAD_PROGRESS: number;
export const EVENT_DOWNLOAD_PROGRESS: number;
export const EVENT_DATA_END: number;
export const EVENT_CANCELED: number;
export const EVENT_COMPLETE: number;

/** The members of WantBits one by one: WANT_DATA is WantBits.DATA, and so on. */
export const WANT_DATA: number;
export const WANT_STATUS: number;
export const WANT_HEADERS: number;
export const WANT_PROGRESS: number;
export const WANT_TIME_INFO: number;

/**
 * One event of one fetch, as the session's NativeEventFactory built it. Only the fields of its type are set. Every
 * accepted fetch ends with exactly one EVENT_COMPLETE, after all its other events.
 */
export interface NativeEvent {
  /** The token given to fetch(). */
  token: number;
  /** An EventType member. */
  type: number;
  /** EVENT_COMPLETE: 0 or an error code (an HTTP error status is still 0). */
  code?: number;
  /** EVENT_COMPLETE with an error: readable detail. An error completion carries only code and message. */
  message?: string;
  /** EVENT_STATUS and successful EVENT_COMPLETE. */
  statusCode?: number;
  /**
   * EVENT_HEADERS and successful EVENT_COMPLETE: 'name:value' lines joined by line feeds, in the order received. A name
   * never holds ':' and no line holds a line feed.
   */
  headers?: string;
  /** EVENT_DATA: the chunk. Successful EVENT_COMPLETE: the body (absent when streamed or downloaded). */
  body?: ArrayBuffer;
  /** Progress events: the bytes to send or receive. */
  total?: number;
  /** Progress events: the bytes sent or received so far. */
  transferred?: number;
  /** Successful EVENT_COMPLETE: the URL of the last request. */
  effectiveUrl?: string;
  /** Successful EVENT_COMPLETE: the response's HTTP version. */
  httpVersion?: string;
  /** Successful EVENT_COMPLETE: the status line's reason phrase. */
  reasonPhrase?: string;
  /** Successful EVENT_COMPLETE: the file the body was written to. */
  downloadedTo?: string;
  /** Successful EVENT_COMPLETE: the Set-Cookie headers, parsed. */
  cookies?: NativeCookie[];
  /**
   * [nameLookup, connect, tlsHandshake, preTransfer, startTransfer, total, redirect] in ms; absent when collectTimeInfo
   * was false.
   */
  timeInfo?: number[];
  /**
   * Successful EVENT_COMPLETE: the debug information the layers' infoToCollect selected, in the order recorded; absent
   * when it selected nothing or nothing was recorded.
   */
  debugInfo?: NativeDebugEntry[];
}

/**
 * Builds one NativeEvent from its fields, in NativeEvent's order; a field the event does not carry is undefined. Called
 * once per event, right before the batch goes to the NativeEventHandler. One call per event is much cheaper than the
 * module setting each property. An exception it throws is reported as an uncaught exception and the event is left out
 * of the batch.
 */
export type NativeEventFactory = (token: number, type: number, code: number | undefined, message: string | undefined,
  statusCode: number | undefined, headers: string | undefined, body: ArrayBuffer | undefined, total: number | undefined,
  transferred: number | undefined, effectiveUrl: string | undefined, httpVersion: string | undefined,
  reasonPhrase: string | undefined, downloadedTo: string | undefined, cookies: NativeCookie[] | undefined,
  timeInfo: number[] | undefined, debugInfo: NativeDebugEntry[] | undefined) => NativeEvent;

/**
 * One fetch as ArkTS asks the engine for it: the arguments of NativeSession.fetch(), which callNativeSessionFetch
 * passes in this order. The module copies what it needs during the call and never changes the arrays, so requests may
 * share them.
 */
export interface NativeFetchCall {
  /** A whole number >= 0 that identifies the fetch in events and cancel(). */
  token: number;
  /** Absolute, or relative to the session's baseUrl. */
  url: string;
  /** An RFC 9110 token of at most 32 characters. */
  method: string;
  /** The request's own headers, as [name, value, name, value, ...]. */
  headers: string[];
  /** The request's own cookies, as [name, value, name, value, ...]. */
  cookies: string[];
  /** [from, to, from, to, ...] with null for a bound that is not set. */
  ranges: (number | null)[];
  /** Sent in order; a segment of kind BodySegmentKind.BYTES needs `data`, of kind FILE a non-empty `path`. */
  body: NativeBodySegment[];
  /** The Content-Type of a non-empty body when no header sets one ('' for none). */
  defaultContentType: string;
  /** The file the body is written to; '' keeps the body in memory. */
  downloadPath: string;
  /** The request's configuration; undefined when it has none. */
  ownLayer?: NativeCompiledLayer;
  /** The session's requestConfiguration; undefined when it has none. */
  sessionLayer?: NativeCompiledLayer;
  /** WantBits of the optional events wanted. */
  eventMask: number;
}

/**
 * Starts a fetch. The engine builds the request from these arguments, the session's NativeSessionDefaults and the two
 * layers (core/request_builder.h: URL resolution, header, cookie and range merging, configuration stacking,
 * validation). Returns 0 when accepted (events follow, ending with EVENT_COMPLETE), or a NativeFailure when rejected
 * (no event follows): 1007900993 closed session (checked first), 401 for bad input (wrong types, header, cookie or
 * method injection, odd-length pair arrays, bad ranges or body segments, unknown eventMask bits, a layer not made by
 * compileLayer(), a token already in flight), 1007900003 malformed URL, 1007900001 unsupported scheme, or another
 * engine code when the request cannot be set up (e.g. 1007900988 when downloadPath cannot be opened).
 */
export type NativeSessionFetch = (token: number, url: string, method: string, headers: string[], cookies: string[],
  ranges: (number | null)[], body: NativeBodySegment[], defaultContentType: string, downloadPath: string,
  ownLayer: NativeCompiledLayer | undefined, sessionLayer: NativeCompiledLayer | undefined,
  eventMask: number) => number | NativeFailure;

// ---- end of generated declarations ----

/**
 * Receives a batch of events, in order, on the module's thread. An exception
 * it throws is reported as an uncaught exception; it is not swallowed.
 */
export type NativeEventHandler = (events: NativeEvent[]) => void;

/** The engine side of one rcp.Session. */
export interface NativeSession {
  /** The session's unique id. */
  readonly id: string;
  /**
   * Starts a fetch (see NativeSessionFetch). Its arguments are the fields of a NativeFetchCall, in the
   * order of napi/boundary_table.h; ArkTS code calls it only through callNativeSessionFetch().
   */
  readonly fetch: NativeSessionFetch;
  /** Cancels the fetch started with `token` at once (it completes with 1007900992). Returns 0 or 1007900993. */
  cancel(token: number): number;
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
 * Result of createSession(): `session` on success, otherwise `code` and
 * `detail` (401 bad options or defaults, or a handler or factory that is not
 * a function; 1007900994 too many open sessions; 1007900999 when the runtime
 * refused a resource).
 */
export interface NativeSessionResult {
  code: number;
  detail: string;
  session?: NativeSession;
}

/**
 * Creates a session whose events `makeEvent` builds and `onEvents` receives.
 * Both are held strongly only while fetches are in flight, so an idle session
 * can be garbage-collected; its finalizer closes it. The runtime is kept
 * alive only while fetches are in flight.
 */
export function createSession(options: NativeSessionOptions, defaults: NativeSessionDefaults,
  onEvents: NativeEventHandler, makeEvent: NativeEventFactory): NativeSessionResult;

/**
 * Compiles one configuration layer for fetch(), checking its values in the
 * engine. Nothing needs freeing: see NativeCompiledLayer.
 */
export function compileLayer(layer: NativeConfigurationLayer): NativeLayerResult;

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
