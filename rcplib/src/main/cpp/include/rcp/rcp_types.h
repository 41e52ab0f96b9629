/*
 * rcplib C API: types, enums and limits.
 *
 * The names, members and order follow the Remote Communication Kit C API
 * (<RemoteCommunicationKit/rcp.h>) so code written for it compiles unchanged.
 * Members marked "rcplib extension" are appended at the end of their struct;
 * for every one of them zero means "the documented default", so structs
 * cleared with memset() or "= {0}" keep working.
 *
 * Include <rcp/rcp.h> rather than this file.
 */
#ifndef RCP_RCP_TYPES_H
#define RCP_RCP_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Limits and method names                                                   */
/* ------------------------------------------------------------------------ */

/* Size of Rcp_Request.id including the terminating NUL. */
#define RCP_MAX_REQUEST_ID_LEN 32
/* Size of Rcp_FormFieldFileValue.contentType including the NUL. */
#define RCP_MAX_CONTENT_TYPE_LEN 64
/* Size of Rcp_FormFieldFileValue.remoteFileName including the NUL. */
#define RCP_MAX_FILENAME_LEN 128
/* Size of Rcp_ContentOrPathOrCallback.data.path including the NUL. */
#define RCP_MAX_PATH_LEN 128
/* Size of an IP address text buffer including the NUL. */
#define RCP_IP_MAX_LEN 40
/* Size of a host name buffer including the NUL. */
#define RCP_HOST_MAX_LEN 256

/* Values for Rcp_Request.method. Any other RFC 9110 token is accepted too. */
#define RCP_METHOD_GET "GET"
#define RCP_METHOD_HEAD "HEAD"
#define RCP_METHOD_OPTIONS "OPTIONS"
#define RCP_METHOD_TRACE "TRACE"
#define RCP_METHOD_DELETE "DELETE"
#define RCP_METHOD_POST "POST"
#define RCP_METHOD_PUT "PUT"
#define RCP_METHOD_PATCH "PATCH"

/* ------------------------------------------------------------------------ */
/* Opaque objects: create and destroy them only through the functions in     */
/* <rcp/rcp.h>.                                                               */
/* ------------------------------------------------------------------------ */

/* A session handle. It is an opaque value, never dereferenced by rcplib's
 * users; rcplib validates it on every call, so a handle that was closed is
 * reported with 1007900993 instead of crashing. */
typedef struct Rcp_Session Rcp_Session;
/* A header collection (case-insensitive names, one or more values each). */
typedef struct Rcp_Headers Rcp_Headers;
/* An application/x-www-form-urlencoded form. */
typedef struct Rcp_Form Rcp_Form;
/* A multipart/form-data form. */
typedef struct Rcp_MultipartForm Rcp_MultipartForm;
/* Request cookies (name=value pairs sent in one Cookie header). */
typedef struct Rcp_RequestCookies Rcp_RequestCookies;
/* The attributes of one response cookie. */
typedef struct Rcp_CookieAttributes Rcp_CookieAttributes;
/* The rest of an async interceptor chain; an opaque, validated value. */
typedef struct Rcp_RequestHandler Rcp_RequestHandler;
/* The rest of a sync interceptor chain; an opaque, validated value. */
typedef struct Rcp_SyncRequestHandler Rcp_SyncRequestHandler;

/* ------------------------------------------------------------------------ */
/* Enums                                                                     */
/* ------------------------------------------------------------------------ */

typedef enum {
  RCP_FORM_VALUE_TYPE_INT32,
  RCP_FORM_VALUE_TYPE_INT64,
  RCP_FORM_VALUE_TYPE_BOOL,
  RCP_FORM_VALUE_TYPE_STRING,
  RCP_FORM_VALUE_TYPE_DOUBLE
} Rcp_FormValueType;

typedef enum {
  RCP_FILE_VALUE_TYPE_CONTENT,
  RCP_FILE_VALUE_TYPE_PATH,
  RCP_FILE_VALUE_TYPE_CALLBACK
} Rcp_ContentOrPathOrCallbackType;

typedef enum {
  RCP_TYPE_FORM_FIELD_VALUE,
  RCP_TYPE_FORM_FIELD_FILE_VALUE
} Rcp_MultipartValueType;

typedef enum {
  RCP_CONTENT_TYPE_STRING,
  RCP_CONTENT_TYPE_FORM,
  RCP_CONTENT_TYPE_MULTIPARTFORM,
  RCP_CONTENT_TYPE_GETCALLBACK
} Rcp_ContentType;

typedef enum {
  RCP_AUTHENTICATION_AUTO,
  RCP_AUTHENTICATION_BASIC,
  RCP_AUTHENTICATION_NTLM,
  RCP_AUTHENTICATION_DIGEST
} Rcp_AuthenticationType;

typedef enum {
  RCP_EXCLUSION_USE_URL_ARRAY,
  RCP_EXCLUSION_USE_CALLBACK
} Rcp_ExclusionsValueType;

typedef enum {
  RCP_CERT_PEM,
  RCP_CERT_DER,
  RCP_CERT_P12
} Rcp_CertType;

typedef enum {
  RCP_REMOTE_VALIDATION_SYSTEM,
  RCP_REMOTE_VALIDATION_SKIP,
  RCP_REMOTE_VALIDATION_CERTIFICATE_AUTHORITY
} Rcp_RemoteValidationType;

typedef enum {
  RCP_PROXY_TUNNEL_AUTO,
  RCP_PROXY_TUNNEL_ALWAYS
} Rcp_ProxyTunnelMode;

typedef enum {
  RCP_DNS_RULE_DNS_SERVERS,
  RCP_DNS_RULE_STATIC,
  RCP_DNS_RULE_DYNAMIC
} Rcp_DnsRuleType;

/* A hint only: rcplib always uses the system's default route. */
typedef enum {
  RCP_PATH_PREFERENCE_AUTO,
  RCP_PATH_PREFERENCE_WIFI,
  RCP_PATH_PREFERENCE_CELLULAR
} Rcp_PathPreference;

typedef enum {
  RCP_PROXY_SYSTEM,
  RCP_PROXY_CUSTOM,
  RCP_PROXY_NO_PROXY
} Rcp_ProxyType;

/* HTTP status codes. Rcp_Response.statusCode carries whatever number the
 * server sent (for example 429), so compare it numerically. */
typedef enum {
  RCP_NONE = 0,
  RCP_OK = 200,
  RCP_CREATED,
  RCP_ACCEPTED,
  RCP_NOT_AUTHORITATIVE,
  RCP_NO_CONTENT,
  RCP_RESET,
  RCP_PARTIAL,
  RCP_MULTI_CHOICE = 300,
  RCP_MOVED_PERMANENTLY,
  RCP_MOVED_TEMPORARILY,
  RCP_SEE_OTHER,
  RCP_NOT_MODIFIED,
  RCP_USE_PROXY,
  RCP_BAD_REQUEST = 400,
  RCP_UNAUTHORIZED,
  RCP_PAYMENT_REQUIRED,
  RCP_FORBIDDEN,
  RCP_NOT_FOUND,
  RCP_BAD_METHOD,
  RCP_NOT_ACCEPTABLE,
  RCP_PROXY_AUTH,
  RCP_CLIENT_TIMEOUT,
  RCP_CONFLICT,
  RCP_GONE,
  RCP_LENGTH_REQUIRED,
  RCP_PRECON_FAILED,
  RCP_ENTITY_TOO_LARGE,
  RCP_REQ_TOO_LONG,
  RCP_UNSUPPORTED_TYPE,
  RCP_INTERNAL_ERROR = 500,
  RCP_NOT_IMPLEMENTED,
  RCP_BAD_GATEWAY,
  RCP_UNAVAILABLE,
  RCP_GATEWAY_TIMEOUT,
  RCP_VERSION,
  /* rcplib extension: widens the enum to int so any status number is a valid
   * value of this type (C++ would otherwise limit it to 0..511). */
  RCP_STATUS_CODE_RANGE_END_ = 0x7FFFFFFF
} Rcp_StatusCode;

/* The kind of an Rcp_DebugInfo entry, one per Rcp_InfoToCollect flag:
 * TEXT (textual) libcurl's informational lines, each ending in a line feed;
 * HEADER_IN (incomingHeader) each received header line, status lines of
 * interim and redirect responses included; HEADER_OUT (outgoingHeader) each
 * request head as sent; DATA_IN (incomingData) body bytes as received, before
 * content decoding; DATA_OUT (outgoingData) body bytes as sent; SSL_DATA_IN /
 * SSL_DATA_OUT (incomingSslData / outgoingSslData) TLS protocol messages of
 * handshakes. */
typedef enum {
  RCP_DEBUG_EVENT_TEXT,
  RCP_DEBUG_EVENT_HEADER_IN,
  RCP_DEBUG_EVENT_HEADER_OUT,
  RCP_DEBUG_EVENT_DATA_IN,
  RCP_DEBUG_EVENT_DATA_OUT,
  RCP_DEBUG_EVENT_SSL_DATA_IN,
  RCP_DEBUG_EVENT_SSL_DATA_OUT
} Rcp_DebugEvent;

typedef enum {
  RCP_SESSION_TYPE_HTTP = 0,
  RCP_SESSION_TYPE_MAX = 100
} Rcp_SessionType;

/* rcplib extension: which HTTP version to speak
 * (Rcp_TransferConfiguration.httpVersion). */
typedef enum {
  /* HTTP/2 over TLS when the server offers it (ALPN), HTTP/1.1 otherwise. */
  RCP_HTTP_VERSION_AUTO = 0,
  /* HTTP/1.1 only, also over TLS. */
  RCP_HTTP_VERSION_1_1,
  /* HTTP/2 without upgrade, also for http:// URLs (h2c "prior knowledge"). */
  RCP_HTTP_VERSION_2_PRIOR_KNOWLEDGE
} Rcp_HttpVersion;

/* ------------------------------------------------------------------------ */
/* Buffers, form values and request content                                  */
/* ------------------------------------------------------------------------ */

/* A byte range that its owner keeps alive; not NUL-terminated unless a
 * function says so. */
typedef struct Rcp_Buffer {
  const char *buffer;
  uint32_t length;
} Rcp_Buffer;

/* Produces the next piece of a request body: write at most `size` bytes to
 * `out` and return how many were written; return 0 at the end of the body
 * and -1 to fail the request with 1007900026. Called on rcplib's network
 * thread while the request is being sent. */
typedef int (*Rcp_GetDataCallback)(char *out, uint32_t size);

/* The content of a multipart file part. */
typedef struct Rcp_ContentOrPathOrCallback {
  Rcp_ContentOrPathOrCallbackType type;
  union {
    Rcp_Buffer content;           /* RCP_FILE_VALUE_TYPE_CONTENT: copied on set */
    char path[RCP_MAX_PATH_LEN];  /* RCP_FILE_VALUE_TYPE_PATH: streamed when sent */
    Rcp_GetDataCallback callback; /* RCP_FILE_VALUE_TYPE_CALLBACK */
  } data;
} Rcp_ContentOrPathOrCallback;

/* A multipart file part. An empty contentType means application/octet-stream;
 * an empty remoteFileName means the path's last component for path parts and
 * no filename parameter otherwise. */
typedef struct Rcp_FormFieldFileValue {
  char contentType[RCP_MAX_CONTENT_TYPE_LEN];
  char remoteFileName[RCP_MAX_FILENAME_LEN];
  Rcp_ContentOrPathOrCallback contentOrPathOrCb;
} Rcp_FormFieldFileValue;

/* A form value; `next` chains further values for the same key. */
typedef struct Rcp_FormFieldValue {
  Rcp_FormValueType type;
  union {
    uint8_t varBool;
    int32_t varInt32;
    int64_t varInt64;
    double varDouble;
    Rcp_Buffer varStr;
  } data;
  struct Rcp_FormFieldValue *next;
} Rcp_FormFieldValue;

/* A multipart value; `next` chains further values for the same key. Inside a
 * multipart value, data.formValue.next is ignored. */
typedef struct Rcp_MultipartFormFieldValue {
  Rcp_MultipartValueType type;
  union {
    Rcp_FormFieldValue formValue;
    Rcp_FormFieldFileValue formFileValue;
  } data;
  struct Rcp_MultipartFormFieldValue *next;
} Rcp_MultipartFormFieldValue;

/* A request body. Without a "content-type" request header, rcplib sends
 * text/plain;charset=UTF-8 for strings, application/x-www-form-urlencoded for
 * forms, multipart/form-data with the boundary for multipart forms and
 * application/octet-stream for callbacks. */
typedef struct Rcp_RequestContent {
  Rcp_ContentType type;
  union {
    Rcp_Buffer contentStr;
    Rcp_Form *form;
    Rcp_MultipartForm *multipartForm;
    Rcp_GetDataCallback getDataCallback;
  } data;
} Rcp_RequestContent;

/* ------------------------------------------------------------------------ */
/* Headers and cookies                                                       */
/* ------------------------------------------------------------------------ */

typedef struct Rcp_HeaderValue {
  char *value;
  struct Rcp_HeaderValue *next;
} Rcp_HeaderValue;

typedef struct Rcp_HeaderEntry {
  char *key;
  Rcp_HeaderValue *value;
  struct Rcp_HeaderEntry *next;
} Rcp_HeaderEntry;

typedef struct Rcp_RequestCookieEntry {
  char *key;
  char *value;
  struct Rcp_RequestCookieEntry *next;
} Rcp_RequestCookieEntry;

typedef struct Rcp_CookieAttributeEntry {
  const char *key;
  const char *value;
  struct Rcp_CookieAttributeEntry *next;
} Rcp_CookieAttributeEntry;

/* One Set-Cookie of a response. Strings are never NULL (empty when the
 * attribute is absent) and belong to the response. */
typedef struct Rcp_ResponseCookies {
  char *name;
  char *value;
  char *domain;
  char *path;
  char *expires;
  uint64_t maxAge; /* 0 when absent or not positive */
  bool secure;
  bool httpOnly;
  char *sameSite;
  uint64_t rawSize;   /* length of originString */
  char *originString; /* the whole Set-Cookie value */
  Rcp_CookieAttributes *cookieAttributes;
  struct Rcp_ResponseCookies *next;
} Rcp_ResponseCookies;

/* ------------------------------------------------------------------------ */
/* Configuration                                                             */
/* ------------------------------------------------------------------------ */

typedef struct Rcp_Credential {
  char *username;
  char *password;
} Rcp_Credential;

/* Used only when credential.username is non-NULL. */
typedef struct Rcp_ServerAuthentication {
  Rcp_Credential credential;
  Rcp_AuthenticationType authenticationType;
} Rcp_ServerAuthentication;

/* A NULL-terminated-by-`next` list of URLs or host names. */
typedef struct Rcp_Urls {
  const char *url;
  struct Rcp_Urls *next;
} Rcp_Urls;

/* Returns whether the proxy is used for `url` ("true = use the proxy", as in
 * the Remote Communication Kit documentation). Called on the thread that calls
 * Rcp_Fetch/Rcp_FetchSync, once per fetch, for the request URL. */
typedef bool (*Rcp_ExclusionFunction)(const char *url);

/* Hosts that bypass the proxy: a URL list (their host names are used) or a
 * function. */
typedef struct Rcp_Exclusions {
  Rcp_ExclusionsValueType type;
  union {
    Rcp_Urls *urls;
    Rcp_ExclusionFunction exclusionFunction;
  } data;
} Rcp_Exclusions;

/* Trusted CAs for RCP_REMOTE_VALIDATION_CERTIFICATE_AUTHORITY: PEM text, a
 * PEM file, or a folder of hash-named certificates. NULL or "" = unused. */
typedef struct Rcp_CertificateAuthority {
  char *content;
  char *filePath;
  char *folderPath;
} Rcp_CertificateAuthority;

/* A client certificate: PEM text or a file, its key (path or PEM text) and
 * the key's password. NULL or "" = unused. */
typedef struct Rcp_ClientCertificate {
  char *content;
  char *filePath;
  char *key;
  char *keyPassword;
  Rcp_CertType type;
} Rcp_ClientCertificate;

typedef struct Rcp_SecurityConfiguration {
  Rcp_RemoteValidationType remoteValidationType;
  Rcp_CertificateAuthority certificateAuthority;
  Rcp_ClientCertificate certificate;
  Rcp_ServerAuthentication serverAuthentication;
} Rcp_SecurityConfiguration;

/* A custom proxy. rcplib ignores securityConfiguration (the proxy connection
 * uses the system trust store). */
typedef struct Rcp_WebProxy {
  const char *url; /* default port 1080 */
  Rcp_ProxyTunnelMode createTunnel;
  Rcp_Exclusions exclusions;
  Rcp_SecurityConfiguration securityConfiguration;
} Rcp_WebProxy;

typedef struct Rcp_ProxyConfiguration {
  Rcp_ProxyType proxyType;
  Rcp_WebProxy customProxy; /* used when proxyType is RCP_PROXY_CUSTOM */
} Rcp_ProxyConfiguration;

typedef struct Rcp_IpAndPort {
  char ip[RCP_IP_MAX_LEN];
  uint16_t port; /* 0 = 53 */
} Rcp_IpAndPort;

typedef struct Rcp_DnsServers {
  Rcp_IpAndPort ipAndPort;
  struct Rcp_DnsServers *next;
} Rcp_DnsServers;

typedef struct Rcp_IpAddress {
  char ipAddress[RCP_IP_MAX_LEN];
  struct Rcp_IpAddress *next;
} Rcp_IpAddress;

typedef struct Rcp_StaticDnsRuleItem {
  char host[RCP_HOST_MAX_LEN];
  uint16_t port;
  Rcp_IpAddress *ipAddresses;
} Rcp_StaticDnsRuleItem;

typedef struct Rcp_StaticDnsRule {
  Rcp_StaticDnsRuleItem staticDnsRule;
  struct Rcp_StaticDnsRule *next;
} Rcp_StaticDnsRule;

/* Returns the addresses to use for host:port, or NULL for normal resolution.
 * Called on the thread that calls Rcp_Fetch/Rcp_FetchSync, once per fetch,
 * for the request URL's host. rcplib copies the list and never frees it: the
 * function keeps ownership (return a list that outlives the call). */
typedef Rcp_IpAddress *(*Rcp_DynamicDnsRuleFunction)(const char *host, uint16_t port);

typedef struct Rcp_DnsRule {
  Rcp_DnsRuleType type;
  union {
    Rcp_DnsServers *dnsServers;
    Rcp_StaticDnsRule *staticDnsRule;
    Rcp_DynamicDnsRuleFunction dynamicDnsRule;
  } data;
} Rcp_DnsRule;

typedef struct Rcp_DnsOverHttps {
  const char *url; /* NULL or "" = off */
  bool skipCertificatesValidation;
} Rcp_DnsOverHttps;

typedef struct Rcp_DnsConfiguration {
  Rcp_DnsRule *dnsRules; /* NULL = system resolver */
  Rcp_DnsOverHttps dnsOverHttps;
} Rcp_DnsConfiguration;

/* Called with a NUL-terminated copy of each received body chunk (a chunk with
 * an embedded NUL is cut there). Return the number of bytes handled; a value
 * smaller than strlen(data) aborts the fetch with 1007900023. */
typedef size_t (*Rcp_OnDataReceiveCallbackFunc)(void *usrObject, const char *data);
/* Called with each received body chunk (binary safe; the buffer is valid
 * during the call only). Return buffer->length to continue; a smaller value
 * aborts the fetch with 1007900023. */
typedef size_t (*Rcp_OnBinaryReceiveCallbackFunc)(void *usrObject, Rcp_Buffer *buffer);
/* Called once with the status code of the response the fetch returns, before
 * its body. Interim 1xx responses, redirects that are followed and
 * authentication challenges that are answered are not reported. It comes as
 * soon as the header block has arrived, except for a block that may still be
 * followed or answered (a 301/302/303/307/308 with a Location when redirects
 * are on, a 401/407 when server authentication is set): that one is reported
 * when its body starts, or when the fetch ends. A fetch that fails may have
 * reported it once, or not at all. */
typedef void (*Rcp_OnStatusCodeReceiveCallbackFunc)(void *usrObject, uint32_t statusCode);
/* Upload or download progress; totalSize is 0 while unknown. */
typedef void (*Rcp_OnProgressCallbackFunc)(void *usrObject, uint64_t totalSize, uint64_t transferredSize);
/* Called once with the header fields of the response the fetch returns, right
 * after the status callback and under the same rules. Trailer fields are never
 * included. The object is valid during the call only and must not be
 * destroyed. */
typedef void (*Rcp_OnHeaderReceiveCallbackFunc)(void *usrObject, Rcp_Headers *headers);
/* onDataEnd: the body has been received completely; onCanceled: the fetch was
 * canceled (by Rcp_CancelRequest, Rcp_CancelSession or Rcp_CloseSession). */
typedef void (*Rcp_OnVoidCallbackFunc)(void *usrObject);

typedef struct Rcp_OnDataReceiveCallback {
  Rcp_OnDataReceiveCallbackFunc callback;
  void *usrObject;
} Rcp_OnDataReceiveCallback;

typedef struct Rcp_OnProgressCallback {
  Rcp_OnProgressCallbackFunc callback;
  void *usrObject;
} Rcp_OnProgressCallback;

typedef struct Rcp_OnHeaderReceiveCallback {
  Rcp_OnHeaderReceiveCallbackFunc callback;
  void *usrObject;
} Rcp_OnHeaderReceiveCallback;

typedef struct Rcp_OnVoidCallback {
  Rcp_OnVoidCallbackFunc callback;
  void *usrObject;
} Rcp_OnVoidCallback;

typedef struct Rcp_OnBinaryReceiveCallback {
  Rcp_OnBinaryReceiveCallbackFunc callback;
  void *usrObject;
} Rcp_OnBinaryReceiveCallback;

typedef struct Rcp_OnStatusCodeReceiveCallback {
  Rcp_OnStatusCodeReceiveCallbackFunc callback;
  void *usrObject;
} Rcp_OnStatusCodeReceiveCallback;

/* Transfer events. Every callback runs on rcplib's network thread, never
 * while an rcplib lock is held; it may call any rcplib function except
 * Rcp_FetchSync. When onDataReceive (or a binary receive callback) is set, the
 * body goes to it and Rcp_Response.body is empty. */
typedef struct Rcp_EventsHandler {
  Rcp_OnDataReceiveCallback onDataReceive;
  Rcp_OnProgressCallback onUploadProgress;
  Rcp_OnProgressCallback onDownloadProgress;
  Rcp_OnHeaderReceiveCallback onHeaderReceive;
  Rcp_OnVoidCallback onDataEnd;
  Rcp_OnVoidCallback onCanceled;
} Rcp_EventsHandler;

/* Timeouts in milliseconds. 0 means the default (in a request's own
 * configuration: the session's requestConfiguration value, else the default);
 * values above 2147483647 make the fetch fail with 401. */
typedef struct Rcp_Timeout {
  uint32_t connectMs;  /* connection set-up; 0 = 60000 */
  uint32_t transferMs; /* the whole fetch; 0 = 60000 */
  /* rcplib extension: fail with 1007900028 when no byte moves in either
   * direction for this long; 0 = the default, no inactivity limit. */
  uint32_t inactivityMs;
} Rcp_Timeout;

typedef struct Rcp_TransferConfiguration {
  /* Follow redirects. Note: a configuration you pass is read as written, so a
   * zero-initialised one does NOT follow redirects; without any configuration
   * redirects are followed. */
  bool autoRedirect;
  Rcp_Timeout timeout;
  bool assumesHTTP3Capable;          /* accepted and ignored: rcplib has no HTTP/3 */
  Rcp_PathPreference pathPreference; /* accepted and ignored (a hint) */
  /* rcplib extension: redirect limit, 0 = 50; more fails with 1007900047. */
  uint32_t maxAutoRedirects;
  /* rcplib extension: largest in-memory response body in bytes, 0 = 50 MiB;
   * more fails with 1007900023. Not applied when a receive callback is set. */
  uint32_t maxBodySize;
  /* rcplib extension: HTTP version policy, 0 = RCP_HTTP_VERSION_AUTO. */
  Rcp_HttpVersion httpVersion;
  /* rcplib extension: true makes http:// URLs fail with 1007900201. */
  bool forbidCleartext;
  /* rcplib extension: true stops rcplib from sending Accept-Encoding and
   * decoding gzip/br/zstd bodies (the body is delivered as received). */
  bool disableContentDecoding;
} Rcp_TransferConfiguration;

/* Each flag (default false) selects a kind of Rcp_DebugEvent for
 * Rcp_Response.debugInfo. Memory heavy, for debugging only: what one request
 * keeps is capped at 1 MiB (1048576 bytes), each entry counting 64 bytes more
 * than its data; past the cap nothing more is recorded, the last entry is a
 * RCP_DEBUG_EVENT_TEXT entry reading "rcplib: debug information truncated:
 * ...", and the transfer goes on. A request that selects nothing pays nothing. */
typedef struct Rcp_InfoToCollect {
  bool textual;
  bool incomingHeader;
  bool outgoingHeader;
  bool incomingData;
  bool outgoingData;
  bool incomingSslData;
  bool outgoingSslData;
} Rcp_InfoToCollect;

/* verbose writes libcurl's informational lines of each request to the log
 * (hilog at info level, domain 0xD0F, tag "rcplib"; stderr on a host); for
 * debugging only, the lines name hosts, addresses and redirect targets.
 * infoToCollect collects with or without it. Both are members like any other:
 * a request's configuration sets them (an all-false infoToCollect selects
 * nothing, also over a session that selects something). collectTimeInfo is
 * ignored because rcplib always fills Rcp_Response.timeInfo. */
typedef struct Rcp_TracingConfiguration {
  bool verbose;
  Rcp_InfoToCollect infoToCollect;
  bool collectTimeInfo;
  Rcp_EventsHandler httpEventsHandler;
} Rcp_TracingConfiguration;

/* Per-request settings. Pointers inside (strings, lists) are read during
 * Rcp_Fetch/Rcp_FetchSync and Rcp_CreateSession only; rcplib keeps copies.
 * A request's own configuration is layered over its session's
 * requestConfiguration, member by member, by the rule of the ArkTS API: every
 * member it sets wins. A struct sets all its members, except the numbers
 * documented as "0 = the default" (timeout.connectMs, timeout.transferMs,
 * timeout.inactivityMs, maxAutoRedirects, maxBodySize): at 0 they are the
 * session's, else the default. A credential without a username and a
 * dnsOverHttps.url that is NULL or "" are not set either: the session's apply.
 * Groups are taken whole from one level (a proxy with its exclusions, the DNS
 * rule, the CA with the validation type, a client certificate with its key). */
typedef struct Rcp_Configuration {
  Rcp_TransferConfiguration transferConfiguration;
  Rcp_TracingConfiguration tracingConfiguration;
  Rcp_ProxyConfiguration proxyConfiguration;
  Rcp_DnsConfiguration dnsConfiguration;
  Rcp_SecurityConfiguration securityConfiguration;
  void *configurationPrivate; /* reserved; ignored */
} Rcp_Configuration;

/* One byte range. A bound is present when it is non-zero or its hasZero flag
 * is set (so {0, true, 99, false} is "0-99" and {500, false, 0, false} is
 * "500-"); a range with neither bound is skipped; only `to` present means the
 * last `to` bytes ("-to"). Negative bounds or from > to fail with 401. */
typedef struct Rcp_TransferRange {
  int64_t from;
  bool hasZeroFrom;
  int64_t to;
  bool hasZeroTo;
  struct Rcp_TransferRange *next;
} Rcp_TransferRange;

/* ------------------------------------------------------------------------ */
/* Request and response                                                      */
/* ------------------------------------------------------------------------ */

/* A request. Create it with Rcp_CreateRequest, which fills id, url and method;
 * set the other members yourself. Rcp_DestroyRequest frees only what
 * Rcp_CreateRequest allocated: headers, content, configuration, transferRange
 * and cookies you attach stay yours. */
typedef struct Rcp_Request {
  char id[RCP_MAX_REQUEST_ID_LEN]; /* unique, generated by rcplib */
  char *url;                       /* absolute, or relative to the session's baseUrl */
  const char *method;              /* NULL = RCP_METHOD_GET */
  Rcp_Headers *headers;
  Rcp_RequestContent *content;
  Rcp_Configuration *configuration; /* non-NULL: layered over the session's requestConfiguration */
  Rcp_TransferRange *transferRange;
  Rcp_RequestCookies *cookies;
  void *requestPrivate; /* rcplib's; do not touch */
} Rcp_Request;

typedef struct Rcp_DebugInfo {
  Rcp_DebugEvent type;
  Rcp_Buffer data;
  struct Rcp_DebugInfo *next;
} Rcp_DebugInfo;

/* Phase timings in milliseconds, each measured from the start of the fetch.
 * fileTime is always 0. */
typedef struct Rcp_TimeInfo {
  double totalTime;
  double nameLookUpTime;
  double connectTime;
  double preTransferTime;
  double fileTime;
  double startTransferTime;
  double redirectTime;
  double tlsHandshakeTime;
} Rcp_TimeInfo;

struct Rcp_ResponseCallbackObject;

/* A response. It belongs to whoever receives it (the response callback or the
 * caller of Rcp_FetchSync), who frees it, and everything it points to, with
 * response->destroyResponse(response). */
typedef struct Rcp_Response {
  /* The request pointer given to Rcp_Fetch/Rcp_FetchSync; not a copy, so do
   * not read it after destroying that request. */
  const Rcp_Request *request;
  char *effectiveUrl; /* the final URL, after redirects and baseUrl */
  Rcp_StatusCode statusCode;
  Rcp_Headers *headers; /* of the final response; names are lower-case */
  /* The body in memory; empty when a receive callback took it. rcplib keeps
   * a NUL after the last byte (not counted in length) for text convenience. */
  Rcp_Buffer body;
  /* What tracingConfiguration.infoToCollect selected, in the order it
   * happened; NULL when it selected nothing or nothing was recorded. Capped
   * per request (see Rcp_InfoToCollect). Freed with the response. */
  Rcp_DebugInfo *debugInfo;
  Rcp_TimeInfo *timeInfo;       /* always set by rcplib */
  Rcp_ResponseCookies *cookies; /* parsed Set-Cookie headers, NULL if none */
  /* A copy of the callback object this response was delivered through. */
  const struct Rcp_ResponseCallbackObject *responseCallback;
  void (*destroyResponse)(struct Rcp_Response *response);
  void *responsePrivate; /* rcplib's; do not touch */
  /* rcplib extension: the reason phrase ("" for HTTP/2). May be NULL in
   * responses built by interceptors. */
  const char *reasonPhrase;
  /* rcplib extension: "1.0", "1.1", "2", "3" or "unknown". May be NULL in
   * responses built by interceptors. */
  const char *httpVersion;
} Rcp_Response;

/* Receives the result of a fetch, exactly once per accepted fetch, on
 * rcplib's network thread (or on the thread of an interceptor that answers
 * itself). errCode is 0 on success (any HTTP status counts as success) or an
 * error code. `response` is non-NULL exactly when errCode is 0 (HTTP error
 * statuses included); on errors it is NULL. Free it with
 * response->destroyResponse. */
typedef void (*Rcp_ResponseCallback)(void *usrCtx, Rcp_Response *response, uint32_t errCode);

typedef struct Rcp_ResponseCallbackObject {
  Rcp_ResponseCallback callback;
  void *usrCtx;
} Rcp_ResponseCallbackObject;

/* ------------------------------------------------------------------------ */
/* Interceptors and sessions                                                 */
/* ------------------------------------------------------------------------ */

/* An async interceptor. It either passes the request on with
 * Rcp_CallNextRequestHandler(request, next, callbackObject) (with
 * `responseCallback` or its own callback object that later forwards to
 * `responseCallback`), or answers itself by calling
 * responseCallback->callback(responseCallback->usrCtx, response, errCode)
 * exactly once, now or later, and returns 0. A non-zero return rejects the
 * fetch: Rcp_Fetch returns that code and no callback is made.
 * `request` is a copy of the application's request (the application may
 * destroy its own right after Rcp_Fetch). The copy, `next` and
 * `responseCallback` stay valid until `responseCallback` has been called,
 * even after the fetch was settled by a cancel or close (a late answer is
 * then ignored and its response destroyed), so an interceptor must call it
 * exactly once or return non-zero: a fetch it drops is never freed.
 * Interceptors run on the thread that called Rcp_Fetch (or on the thread of
 * the previous interceptor's Rcp_CallNextRequestHandler). */
typedef struct Rcp_Interceptor {
  uint32_t (*intercept)(Rcp_Request *request, const Rcp_RequestHandler *next,
                        const Rcp_ResponseCallbackObject *responseCallback);
} Rcp_Interceptor;

/* A sync interceptor (used by Rcp_FetchSync): returns the response from
 * Rcp_CallNextSyncRequestHandler(request, next, errCode), possibly changed,
 * or one of its own, setting *errCode. */
typedef struct Rcp_SyncInterceptor {
  Rcp_Response *(*intercept)(Rcp_Request *request, const Rcp_SyncRequestHandler *next, uint32_t *errCode);
} Rcp_SyncInterceptor;

/* Interceptors run in array order on the request and in reverse order on the
 * response. */
typedef struct Rcp_InterceptorArray {
  Rcp_Interceptor *interceptors;
  int size;
} Rcp_InterceptorArray;

typedef struct Rcp_SyncInterceptorArray {
  Rcp_SyncInterceptor *interceptors;
  int size;
} Rcp_SyncInterceptorArray;

/* Session events, called on the thread that closes or cancels the session,
 * after the fetches concerned have been settled, with no rcplib lock held. */
typedef struct Rcp_SessionListener {
  void (*onClosed)(void);
  void (*onCanceled)(void);
} Rcp_SessionListener;

/* Connection pool limits; 0 means the default. */
typedef struct Rcp_ConnectionConfiguration {
  long maxConnectionsPerHost; /* 0 = 6 */
  long maxTotalConnections;   /* 0 = 64 */
  long maxCacheConnections;   /* idle connections kept; 0 = 4 x maxTotalConnections */
} Rcp_ConnectionConfiguration;

/* Session settings. Rcp_CreateSession copies everything (strings, headers,
 * cookies, the request configuration, the interceptor arrays), so the
 * application may free its own objects right after it. */
typedef struct Rcp_SessionConfiguration {
  Rcp_SessionType type; /* must be RCP_SESSION_TYPE_HTTP */
  Rcp_InterceptorArray interceptors;
  Rcp_SyncInterceptorArray syncInterceptors;
  const char *baseUrl; /* resolves relative request URLs (RFC 3986) */
  /* Default headers: a request header with the same name (case-insensitive)
   * wins, the others are added to every request. */
  Rcp_Headers *headers;
  /* Default cookies: a request cookie with the same name wins. */
  Rcp_RequestCookies *cookies;
  Rcp_SessionListener sessionListener;
  /* Used by requests whose own configuration pointer is NULL, and below the
   * configuration of those that have one (see Rcp_Configuration). */
  Rcp_Configuration *requestConfiguration;
  Rcp_ConnectionConfiguration connectionConfiguration;
} Rcp_SessionConfiguration;

#ifdef __cplusplus
}
#endif

#endif /* RCP_RCP_TYPES_H */
