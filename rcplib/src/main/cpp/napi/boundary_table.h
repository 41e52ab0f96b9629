// The boundary between the ArkTS layer and this module, declared once: every
// value that crosses it by position or by number is listed here and nowhere
// else.
//
// - A record is a list of fields that crosses as the positional arguments of
//   one call, in the order listed. Its shape says who calls whom.
// - An enum is a set of named integers: an event type, an eventMask bit, or
//   the value of a NativeConfigurationLayer / NativeBodySegment field. The module
//   exports each one as a frozen object ({ AUTO: 0, HTTP1_ONLY: 1, ... }).
//
// Who reads this file:
// - C++: napi/boundary.h expands the macros into C++ enums (each member under
//   its C++ name), record slot indexes (NativeEventSlot::statusCode, ...,
//   NativeEventSlot::kCount) and the member lists the module exports.
// - tools/native/gen-boundary.js reads it as text (tools/native/boundary-table.js)
//   and writes the generated region of types/librcp/index.d.ts and the whole of
//   ets/native_boundary.ets (interfaces, function types, the ArkTS functions
//   that make or pass the records, and the enums with the same values). After
//   editing this file run `node tools/native/gen-boundary.js`;
//   `gen-boundary.js --check` (the native-rules step of npm test) fails while
//   the checked-in output differs.
//
// The generator understands exactly this shape: each table is a
// `#define RCP_..._NAME(X)` whose body is a sequence of `X(argument, ...)`
// entries; an argument is an identifier, an integer, one or more adjacent
// "string literals" (no escapes), or an identifier with arguments of those
// kinds in parentheses (a record's shape). Comments are allowed anywhere.
//
// How to add:
// - a field: a FIELD line at its place in the record; C++ code addresses it by
//   name (slots[NativeEventSlot::name], args[NativeFetchCallSlot::name]), so
//   nothing else moves.
// - a member: a MEMBER line; a C++ switch over the enum that lacks it then
//   fails to compile (-Wswitch), so every reader is told.
// - a record: its FIELD table and a RECORD line of one of these shapes:
//   - FACTORY: the module builds the record by calling an ArkTS function with
//     the fields in order. The generator writes `interface Name`,
//     `type NameFactory` and `makeName`.
//   - ARGUMENTS(Receiver, method, "return type"): ArkTS passes the fields, in
//     order, to the module's Receiver.method(). The generator writes
//     `interface Name` (the fields ArkTS fills in), `type ReceiverMethod`
//     (the method's type, which the hand-written Receiver interface gives
//     `method`) and `callReceiverMethod(receiver, call)`, the only code that
//     passes the fields by position.
//   Another shape needs its entry in boundary-table.js's SHAPES and its
//   renderer in gen-boundary.js first.
// - an enum: its MEMBER table and an ENUM line.
#pragma once

// clang-format off

// RECORD(Name, FIELD_TABLE, shape, "doc of the record", "doc of the function that carries it": the
// factory of a FACTORY record, the method of an ARGUMENTS record)
#define RCP_BOUNDARY_RECORDS(RECORD)                                                                                   \
  RECORD(NativeEvent, RCP_NATIVE_EVENT_FIELDS, FACTORY,                                                                \
         "One event of one fetch, as the session's NativeEventFactory built it. Only the fields of its type "          \
         "are set. Every accepted fetch ends with exactly one EVENT_COMPLETE, after all its other events.",            \
         "Builds one NativeEvent from its fields, in NativeEvent's order; a field the event does not carry is "        \
         "undefined. Called once per event, right before the batch goes to the NativeEventHandler. One call "          \
         "per event is much cheaper than the module setting each property. An exception it throws is "                 \
         "reported as an uncaught exception and the event is left out of the batch.")                                  \
  RECORD(NativeFetchCall, RCP_NATIVE_FETCH_CALL_FIELDS, ARGUMENTS(NativeSession, fetch, "number | NativeFailure"),     \
         "One fetch as ArkTS asks the engine for it: the arguments of NativeSession.fetch(), which "                   \
         "callNativeSessionFetch passes in this order. The module copies what it needs during the call and never "     \
         "changes the arrays, so requests may share them.",                                                            \
         "Starts a fetch. The engine builds the request from these arguments, the session's "                          \
         "NativeSessionDefaults and the two layers (core/request_builder.h: URL resolution, header, cookie and "       \
         "range merging, configuration stacking, validation). Returns 0 when accepted (events follow, ending with "    \
         "EVENT_COMPLETE), or a NativeFailure when rejected (no event follows): 1007900993 closed session "            \
         "(checked first), 401 for bad input (wrong types, header, cookie or method injection, odd-length pair "       \
         "arrays, bad ranges or body segments, unknown eventMask bits, a layer not made by compileLayer(), a "         \
         "token already in flight), 1007900003 malformed URL, 1007900001 unsupported scheme, or another engine "       \
         "code when the request cannot be set up (e.g. 1007900988 when downloadPath cannot be opened).")

// FIELD(name, "TypeScript type", REQUIRED or OPTIONAL, "doc")
#define RCP_NATIVE_EVENT_FIELDS(FIELD)                                                                                 \
  FIELD(token, "number", REQUIRED, "The token given to fetch().")                                                      \
  FIELD(type, "number", REQUIRED, "An EventType member.")                                                              \
  FIELD(code, "number", OPTIONAL, "EVENT_COMPLETE: 0 or an error code (an HTTP error status is still 0).")             \
  FIELD(message, "string", OPTIONAL,                                                                                   \
        "EVENT_COMPLETE with an error: readable detail. An error completion carries only code and message.")           \
  FIELD(statusCode, "number", OPTIONAL, "EVENT_STATUS and successful EVENT_COMPLETE.")                                 \
  FIELD(headers, "string", OPTIONAL,                                                                                   \
        "EVENT_HEADERS and successful EVENT_COMPLETE: 'name:value' lines joined by line feeds, in the order "          \
        "received. A name never holds ':' and no line holds a line feed.")                                             \
  FIELD(body, "ArrayBuffer", OPTIONAL,                                                                                 \
        "EVENT_DATA: the chunk. Successful EVENT_COMPLETE: the body (absent when streamed or downloaded).")            \
  FIELD(total, "number", OPTIONAL, "Progress events: the bytes to send or receive.")                                   \
  FIELD(transferred, "number", OPTIONAL, "Progress events: the bytes sent or received so far.")                        \
  FIELD(effectiveUrl, "string", OPTIONAL, "Successful EVENT_COMPLETE: the URL of the last request.")                   \
  FIELD(httpVersion, "string", OPTIONAL, "Successful EVENT_COMPLETE: the response's HTTP version.")                    \
  FIELD(reasonPhrase, "string", OPTIONAL, "Successful EVENT_COMPLETE: the status line's reason phrase.")               \
  FIELD(downloadedTo, "string", OPTIONAL, "Successful EVENT_COMPLETE: the file the body was written to.")              \
  FIELD(cookies, "NativeCookie[]", OPTIONAL, "Successful EVENT_COMPLETE: the Set-Cookie headers, parsed.")             \
  FIELD(timeInfo, "number[]", OPTIONAL,                                                                                \
        "[nameLookup, connect, tlsHandshake, preTransfer, startTransfer, total, redirect] in ms; absent when "         \
        "collectTimeInfo was false.")                                                                                  \
  FIELD(debugInfo, "NativeDebugEntry[]", OPTIONAL,                                                                     \
        "Successful EVENT_COMPLETE: the debug information the layers' infoToCollect selected, in the order "           \
        "recorded; absent when it selected nothing or nothing was recorded.")

// The arguments of NativeSession.fetch(), in the order the module reads them.
#define RCP_NATIVE_FETCH_CALL_FIELDS(FIELD)                                                                            \
  FIELD(token, "number", REQUIRED, "A whole number >= 0 that identifies the fetch in events and cancel().")            \
  FIELD(url, "string", REQUIRED, "Absolute, or relative to the session's baseUrl.")                                    \
  FIELD(method, "string", REQUIRED, "An RFC 9110 token of at most 32 characters.")                                     \
  FIELD(headers, "string[]", REQUIRED, "The request's own headers, as [name, value, name, value, ...].")               \
  FIELD(cookies, "string[]", REQUIRED, "The request's own cookies, as [name, value, name, value, ...].")               \
  FIELD(ranges, "(number | null)[]", REQUIRED, "[from, to, from, to, ...] with null for a bound that is not set.")     \
  FIELD(body, "NativeBodySegment[]", REQUIRED,                                                                         \
        "Sent in order; a segment of kind BodySegmentKind.BYTES needs `data`, of kind FILE a non-empty `path`.")       \
  FIELD(defaultContentType, "string", REQUIRED,                                                                        \
        "The Content-Type of a non-empty body when no header sets one ('' for none).")                                 \
  FIELD(downloadPath, "string", REQUIRED, "The file the body is written to; '' keeps the body in memory.")             \
  FIELD(ownLayer, "NativeCompiledLayer", OPTIONAL, "The request's configuration; undefined when it has none.")         \
  FIELD(sessionLayer, "NativeCompiledLayer", OPTIONAL,                                                                 \
        "The session's requestConfiguration; undefined when it has none.")                                             \
  FIELD(eventMask, "number", REQUIRED, "WantBits of the optional events wanted.")

// ENUM(Name, MEMBER_TABLE, "doc"). Values are whole numbers in [0, 2^32 - 1].
#define RCP_BOUNDARY_ENUMS(ENUM)                                                                                       \
  ENUM(EventType, RCP_EVENT_TYPE_MEMBERS,                                                                              \
       "Event types, the values of NativeEvent.type. DATA_END (only for a successful fetch) and CANCELED (a "          \
       "fetch ended by cancel/cancelAll) are always delivered, right before that fetch's COMPLETE; the "               \
       "others only when selected by fetch()'s eventMask.")                                                            \
  ENUM(WantBits, RCP_WANT_BITS_MEMBERS,                                                                                \
       "Bits of fetch()'s eventMask: which optional events the caller wants. DATA streams the body as "                \
       "EVENT_DATA chunks instead of buffering it (the memory cap then does not apply). PROGRESS selects "             \
       "both progress events; consecutive progress events of one fetch within a batch are merged into the "            \
       "newest.")                                                                                                      \
  ENUM(HttpVersion, RCP_HTTP_VERSION_MEMBERS, "Values of NativeConfigurationLayer.httpVersion.")                           \
  ENUM(Validation, RCP_VALIDATION_MEMBERS, "Values of NativeServerValidation.kind.")                               \
  ENUM(AuthType, RCP_AUTH_TYPE_MEMBERS, "Values of NativeAuthentication.type.")                                    \
  ENUM(ProxyMode, RCP_PROXY_MODE_MEMBERS, "Values of NativeProxy.kind.")                                     \
  ENUM(BodySegmentKind, RCP_BODY_SEGMENT_KIND_MEMBERS, "Values of NativeBodySegment.kind.")                         \
  ENUM(DebugKind, RCP_DEBUG_KIND_MEMBERS,                                                                              \
       "Kinds of debug information: bits of NativeConfigurationLayer.infoToCollect (any combination) and the "       \
       "values of NativeDebugEntry.type (one each).")

// MEMBER(C++ name, JS_NAME, value, "doc")
#define RCP_EVENT_TYPE_MEMBERS(MEMBER)                                                                                 \
  MEMBER(kEventData, DATA, 1, "A chunk of the body (WantBits.DATA).")                                                  \
  MEMBER(kEventStatus, STATUS, 2, "The status code, before the headers (WantBits.STATUS).")                            \
  MEMBER(kEventHeaders, HEADERS, 3, "The response headers (WantBits.HEADERS).")                                        \
  MEMBER(kEventUploadProgress, UPLOAD_PROGRESS, 4, "Bytes sent so far (WantBits.PROGRESS).")                           \
  MEMBER(kEventDownloadProgress, DOWNLOAD_PROGRESS, 5, "Bytes received so far (WantBits.PROGRESS).")                   \
  MEMBER(kEventDataEnd, DATA_END, 6, "The body is complete.")                                                          \
  MEMBER(kEventCanceled, CANCELED, 7, "The fetch was canceled.")                                                       \
  MEMBER(kEventComplete, COMPLETE, 8, "The fetch is over; the last event of every fetch.")

#define RCP_WANT_BITS_MEMBERS(MEMBER)                                                                                  \
  MEMBER(kWantData, DATA, 1, "Stream the body as EVENT_DATA chunks.")                                                  \
  MEMBER(kWantStatus, STATUS, 2, "Deliver EVENT_STATUS.")                                                              \
  MEMBER(kWantHeaders, HEADERS, 4, "Deliver EVENT_HEADERS.")                                                           \
  MEMBER(kWantProgress, PROGRESS, 8, "Deliver both progress events.")                                                 \
  MEMBER(kWantTimeInfo, TIME_INFO, 16,                                                                                 \
         "Collect timings (EVENT_COMPLETE's timeInfo) even when the configuration does not ask.")

#define RCP_HTTP_VERSION_MEMBERS(MEMBER)                                                                               \
  MEMBER(kHttpVersionAuto, AUTO, 0, "HTTP/2 over TLS when ALPN agrees, else HTTP/1.1.")                                \
  MEMBER(kHttpVersionHttp1Only, HTTP1_ONLY, 1, "HTTP/1.1 only.")                                                       \
  MEMBER(kHttpVersionHttp2PriorKnowledge, HTTP2_PRIOR_KNOWLEDGE, 2, "HTTP/2 without upgrade, also h2c.")

#define RCP_VALIDATION_MEMBERS(MEMBER)                                                                                 \
  MEMBER(kValidationSystem, SYSTEM, 0, "The system's CA certificates.")                                                \
  MEMBER(kValidationSkip, SKIP, 1, "No validation of the server's certificate.")                                       \
  MEMBER(kValidationCustomCa, CUSTOM_CA, 2, "The CA of caContent, caFile or caFolder (at least one).")

#define RCP_AUTH_TYPE_MEMBERS(MEMBER)                                                                                  \
  MEMBER(kAuthTypeAuto, AUTO, 1, "The server's choice among negotiate, ntlm, digest and basic.")                       \
  MEMBER(kAuthTypeBasic, BASIC, 2, "Basic.")                                                                           \
  MEMBER(kAuthTypeNtlm, NTLM, 3, "NTLM.")                                                                              \
  MEMBER(kAuthTypeDigest, DIGEST, 4, "Digest.")

#define RCP_PROXY_MODE_MEMBERS(MEMBER)                                                                                 \
  MEMBER(kProxySystem, SYSTEM, 0, "The system's proxy settings.")                                                      \
  MEMBER(kProxyNone, NONE, 1, "No proxy.")                                                                             \
  MEMBER(kProxyCustom, CUSTOM, 2, "NativeProxy.url, which must then be non-empty.")

#define RCP_BODY_SEGMENT_KIND_MEMBERS(MEMBER)                                                                          \
  MEMBER(kBodySegmentBytes, BYTES, 0, "The bytes of `data`.")                                                          \
  MEMBER(kBodySegmentFile, FILE, 1, "The file at `path` (non-empty), streamed.")

#define RCP_DEBUG_KIND_MEMBERS(MEMBER)                                                                                 \
  MEMBER(kDebugText, TEXT, 1, "libcurl's informational lines.")                                                       \
  MEMBER(kDebugHeaderIn, HEADER_IN, 2, "Received header lines, status lines included, one per entry.")               \
  MEMBER(kDebugHeaderOut, HEADER_OUT, 4, "The request heads as sent.")                                                 \
  MEMBER(kDebugDataIn, DATA_IN, 8, "Body bytes as received, before content decoding.")                                \
  MEMBER(kDebugDataOut, DATA_OUT, 16, "Body bytes as sent.")                                                           \
  MEMBER(kDebugSslDataIn, SSL_DATA_IN, 32, "TLS protocol messages received.")                                          \
  MEMBER(kDebugSslDataOut, SSL_DATA_OUT, 64, "TLS protocol messages sent.")                                            \
  MEMBER(kDebugSrcAddr, SRC_ADDR, 128, "The local 'ip:port' ('[ip]:port' for IPv6) of the last connection.")          \
  MEMBER(kDebugDstAddr, DST_ADDR, 256, "The server's 'ip:port' ('[ip]:port' for IPv6) of the last connection.")       \
  MEMBER(kDebugRedirectCount, REDIRECT_COUNT, 512, "The number of redirects followed, in decimal.")

// FLAT(Enum, "PREFIX"): each member of Enum is also exported on its own as PREFIX + JS_NAME
// (EVENT_DATA, WANT_DATA). Kept while ArkTS code still reads those; the generated ArkTS file has
// them as constants.
#define RCP_BOUNDARY_FLAT_EXPORTS(FLAT)                                                                                \
  FLAT(EventType, "EVENT_")                                                                                            \
  FLAT(WantBits, "WANT_")

// clang-format on
