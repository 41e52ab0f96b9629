// The boundary between the ArkTS layer and this module, declared once: every
// value that crosses it by position or by number is listed here and nowhere
// else.
//
// - A record is a list of fields that crosses as the positional arguments of
//   one call, in the order listed.
// - An enum is a set of named integers: an event type, an eventMask bit, or
//   the value of a NativeConfigurationLayer / NativeBodySegment field. The module
//   exports each one as a frozen object ({ AUTO: 0, HTTP1_ONLY: 1, ... }).
//
// Who reads this file:
// - C++: napi/boundary.h expands the macros into C++ enums (each member under
//   its C++ name), record slot indexes (NativeEventSlot::statusCode, ...,
//   NativeEventSlot::kCount) and the member lists the module exports.
// - tools/native/gen-boundary.js reads it as text and writes the generated
//   region of types/librcp/index.d.ts and the whole of
//   ets/native_boundary.ets (interfaces, factory types, the ArkTS factory
//   functions and the enums with the same values). After editing this file run
//   `node tools/native/gen-boundary.js`; `gen-boundary.js --check` (the
//   native-rules step of npm test) fails while the checked-in output differs.
//
// The generator understands exactly this shape: each table is a
// `#define RCP_..._NAME(X)` whose body is a sequence of `X(argument, ...)`
// entries; an argument is an identifier, an integer or one or more adjacent
// "string literals" (no escapes). Comments are allowed anywhere.
//
// How to add:
// - a field: a FIELD line at its place in the record; C++ code addresses it by
//   name (slots[NativeEventSlot::name]), so nothing else moves.
// - a member: a MEMBER line; a C++ switch over the enum that lacks it then
//   fails to compile (-Wswitch), so every reader is told.
// - a record: its FIELD table and a RECORD line. Shape FACTORY means the module
//   builds the record by calling an ArkTS function with the fields in order;
//   the generator writes `interface Name`, `type NameFactory` and
//   `makeName`. Another shape (arguments ArkTS passes to the module) needs its
//   renderer in gen-boundary.js first.
// - an enum: its MEMBER table and an ENUM line.
#pragma once

// clang-format off

// RECORD(Name, FIELD_TABLE, shape, "doc of the record", "doc of its factory")
#define RCP_BOUNDARY_RECORDS(RECORD)                                                                                   \
  RECORD(NativeEvent, RCP_NATIVE_EVENT_FIELDS, FACTORY,                                                                \
         "One event of one fetch, as the session's NativeEventFactory built it. Only the fields of its type "          \
         "are set. Every accepted fetch ends with exactly one EVENT_COMPLETE, after all its other events.",            \
         "Builds one NativeEvent from its fields, in NativeEvent's order; a field the event does not carry is "        \
         "undefined. Called once per event, right before the batch goes to the NativeEventHandler. One call "          \
         "per event is much cheaper than the module setting each property. An exception it throws is "                 \
         "reported as an uncaught exception and the event is left out of the batch.")

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
