/*
 * rcplib C API (librcp.so).
 *
 * The same types, function shapes, constants and error codes as the Remote
 * Communication Kit C API, with the "HMS_" prefix dropped: HMS_Rcp_Fetch is
 * Rcp_Fetch here. Code written against <RemoteCommunicationKit/rcp.h> can
 * include rcplib's <RemoteCommunicationKit/rcp.h> instead, which maps the
 * HMS_ names onto these.
 *
 * Conventions for every function below:
 *  - Functions returning uint32_t return 0 on success or an error code
 *    (see <rcp/rcp_errors.h>; Rcp_GetErrorMessage() gives the text).
 *  - Strings passed in are copied unless a function says otherwise; nothing
 *    passed in needs to outlive the call.
 *  - Objects returned by Rcp_Create* belong to the caller and are freed with
 *    the matching Rcp_Destroy*. Pointers returned by Rcp_Get* belong to the
 *    object they were read from unless the function says "the caller frees".
 *  - Functions are thread-safe except on the same header/form/cookie object,
 *    which must not be changed from two threads at once.
 *  - Callbacks run on rcplib's network thread (or the thread named in their
 *    description), never while an rcplib lock is held, so they may call back
 *    into rcplib. Rcp_FetchSync is the exception: on that thread it fails.
 *  - Items marked "rcplib extension" do not exist in the Remote Communication
 *    Kit.
 */
#ifndef RCP_RCP_H
#define RCP_RCP_H

#include "rcp_errors.h"
#include "rcp_types.h"

#if defined(_WIN32)
#define RCP_EXPORT
#else
/* librcp.so is built with hidden visibility; only functions marked with this
 * are exported. */
#define RCP_EXPORT __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ======================================================================== */
/* Forms                                                                    */
/* ======================================================================== */

/* Creates an empty application/x-www-form-urlencoded form. Returns NULL only
 * when out of memory. The caller frees it with Rcp_DestroyForm (after the
 * fetches that use it have been started: Rcp_Fetch encodes the form). */
RCP_EXPORT Rcp_Form *Rcp_CreateForm(void);

/* Frees a form and every value stored in it. NULL is ignored. */
RCP_EXPORT void Rcp_DestroyForm(Rcp_Form *form);

/* Sets the value(s) of `key`, replacing any earlier ones; `value->next`
 * chains further values for the same key, each sent as its own key=value
 * pair. The values (strings included) are copied. Fields are encoded in the
 * order their keys were first set; names and values are percent-encoded with
 * RFC 3986 unreserved characters kept and space sent as '+'. Booleans are
 * "true"/"false", doubles the shortest text that reads back to the same
 * value.
 * Returns 0, 401 (NULL form/key/value, empty key, unknown value type, string
 * with NULL buffer and non-zero length) or 1007900027 (out of memory). */
RCP_EXPORT uint32_t Rcp_SetFormValue(Rcp_Form *form, const char *key, const Rcp_FormFieldValue *value);

/* Returns the values stored for `key` (owned by the form, valid until the key
 * is set again or the form is destroyed), or NULL if none or on NULL
 * arguments. */
RCP_EXPORT Rcp_FormFieldValue *Rcp_GetFormValue(Rcp_Form *form, const char *key);

/* Creates an empty multipart/form-data form (random boundary chosen per
 * fetch). Returns NULL only when out of memory. Free with
 * Rcp_DestroyMultipartForm. */
RCP_EXPORT Rcp_MultipartForm *Rcp_CreateMultipartForm(void);

/* Frees a multipart form and every value stored in it. NULL is ignored. */
RCP_EXPORT void Rcp_DestroyMultipartForm(Rcp_MultipartForm *form);

/* Sets the value(s) of `key`, replacing any earlier ones; `value->next`
 * chains further parts with the same name. Values are copied: strings and
 * RCP_FILE_VALUE_TYPE_CONTENT bytes by value, paths as text (the file is read
 * while the request is sent, so it must exist then), callbacks as the
 * function pointer. Names and file names are escaped ('"', CR, LF become
 * %22, %0D, %0A) so they cannot break out of the part header.
 * Returns 0, 401 (NULL form/key/value, empty key, unknown type, content type
 * containing CR/LF, empty path, NULL callback) or 1007900027. */
RCP_EXPORT uint32_t Rcp_SetMultipartFormValue(Rcp_MultipartForm *form, const char *key,
                                              const Rcp_MultipartFormFieldValue *value);

/* Returns the values stored for `key` (owned by the form, valid until the key
 * is set again or the form is destroyed), or NULL. */
RCP_EXPORT Rcp_MultipartFormFieldValue *Rcp_GetMultipartFormValue(Rcp_MultipartForm *form, const char *key);

/* ======================================================================== */
/* Headers                                                                  */
/* ======================================================================== */

/* Creates an empty header collection. Free with Rcp_DestroyHeaders. Returns
 * NULL only when out of memory. */
RCP_EXPORT Rcp_Headers *Rcp_CreateHeaders(void);

/* Frees a header collection created by Rcp_CreateHeaders. NULL is ignored.
 * Do not destroy the headers of a response (destroyResponse does that) or
 * those passed to an onHeaderReceive callback. */
RCP_EXPORT void Rcp_DestroyHeaders(Rcp_Headers *headers);

/* Sets header `name` to the single value `value`, replacing every earlier
 * value of that name (names compare case-insensitively; the spelling of the
 * first set is kept). An empty value is allowed. A lower-case "content-type"
 * overrides rcplib's default content type.
 * Returns 0, 401 (NULL argument, name that is not an RFC 9110 token, value
 * containing CR, LF or NUL) or 1007900027. */
RCP_EXPORT uint32_t Rcp_SetHeaderValue(Rcp_Headers *headers, const char *name, const char *value);

/* Returns the values of header `name` (case-insensitive) as a list owned by
 * the collection (valid until that name is set again or the collection is
 * destroyed), or NULL if absent or on NULL arguments. */
RCP_EXPORT Rcp_HeaderValue *Rcp_GetHeaderValue(Rcp_Headers *headers, const char *name);

/* Returns every header as a new list in insertion order, or NULL when the
 * collection is empty or NULL. The caller frees the list with
 * Rcp_DestroyHeaderEntries; it stays valid after the collection is gone. */
RCP_EXPORT Rcp_HeaderEntry *Rcp_GetHeaderEntries(Rcp_Headers *headers);

/* Frees a list returned by Rcp_GetHeaderEntries. NULL, and pointers that are
 * not such a list, are ignored. */
RCP_EXPORT void Rcp_DestroyHeaderEntries(Rcp_HeaderEntry *headerEntry);

/* ======================================================================== */
/* Cookies                                                                  */
/* ======================================================================== */

/* Creates an empty request cookie collection. Free with
 * Rcp_DestroyRequestCookies. A fetch sends all cookies of the request and of
 * the session as one "Cookie: a=b; c=d" header. */
RCP_EXPORT Rcp_RequestCookies *Rcp_CreateRequestCookies(void);

/* Frees a request cookie collection. NULL is ignored. */
RCP_EXPORT void Rcp_DestroyRequestCookies(Rcp_RequestCookies *cookies);

/* Sets cookie `name` (case-sensitive) to `value`, replacing an earlier value.
 * Returns 0, 401 (NULL argument, name that is not a token, value containing
 * CR, LF, NUL, ';' or ',') or 1007900027. */
RCP_EXPORT uint32_t Rcp_SetRequestCookieValue(Rcp_RequestCookies *cookies, const char *name, const char *value);

/* Returns the value of cookie `name` (owned by the collection, valid until
 * the name is set again or the collection is destroyed), or NULL. */
RCP_EXPORT char *Rcp_GetRequestCookieValue(Rcp_RequestCookies *cookies, const char *name);

/* Returns every cookie as a new list in insertion order, or NULL when empty
 * or NULL. The caller frees it with Rcp_DestroyRequestCookieEntries. */
RCP_EXPORT Rcp_RequestCookieEntry *Rcp_GetRequestCookieEntries(Rcp_RequestCookies *cookies);

/* Frees a list returned by Rcp_GetRequestCookieEntries. NULL and unknown
 * pointers are ignored. */
RCP_EXPORT void Rcp_DestroyRequestCookieEntries(Rcp_RequestCookieEntry *cookieEntry);

/* Returns the value of attribute `name` (case-insensitive, e.g. "Max-Age")
 * of a response cookie, "" for flag attributes such as "Secure", or NULL when
 * absent or on NULL arguments. Owned by the response. */
RCP_EXPORT const char *Rcp_GetResponseCookieAttrValue(Rcp_CookieAttributes *cookieAttributes, const char *name);

/* Returns every attribute of a response cookie as a new list in the order
 * sent, or NULL when it has none. The caller frees it with
 * Rcp_DestroyResponseCookieAttrEntries; the strings it points to belong to
 * the response, so free the list before destroying the response. */
RCP_EXPORT Rcp_CookieAttributeEntry *Rcp_GetResponseCookieAttrEntries(Rcp_CookieAttributes *cookieAttributes);

/* Frees a list returned by Rcp_GetResponseCookieAttrEntries. NULL and
 * unknown pointers are ignored. */
RCP_EXPORT void Rcp_DestroyResponseCookieAttrEntries(Rcp_CookieAttributeEntry *cookieAttrEntry);

/* ======================================================================== */
/* Requests                                                                 */
/* ======================================================================== */

/* Creates a request for `url` (copied; absolute, or relative to the session's
 * baseUrl; it is checked when fetched). Sets a unique id (at most 31
 * characters) and method RCP_METHOD_GET; every other member is NULL.
 * Returns NULL when `url` is NULL or out of memory. The caller frees it with
 * Rcp_DestroyRequest. The same request may be fetched again after its
 * previous fetch has finished. */
RCP_EXPORT Rcp_Request *Rcp_CreateRequest(const char *url);

/* Frees what Rcp_CreateRequest allocated (the request, its URL copy and
 * rcplib's private data). It does NOT free headers, content, configuration,
 * transferRange or cookies attached by the application: free those yourself,
 * after this call or before it. If you replaced request->url, rcplib frees
 * its own copy, not yours. NULL is ignored.
 * Destroying a request whose fetch is still running is allowed: Rcp_Fetch
 * copied everything it needs, so the fetch continues (cancel it first with
 * Rcp_CancelRequest if you no longer want it); its response->request is the
 * pointer you passed and must not be read after the request is destroyed. */
RCP_EXPORT void Rcp_DestroyRequest(Rcp_Request *request);

/* Delivers the body of this request's later fetches to `callback` in binary
 * chunks instead of Rcp_Response.body; it takes precedence over the
 * configuration's onDataReceive. The callback object is copied.
 * Returns 0 or 401 (NULL request or NULL callback function). */
RCP_EXPORT uint32_t Rcp_SetRequestOnBinaryDataRecvCallback(Rcp_Request *request, Rcp_OnBinaryReceiveCallback callback);

/* Reports the final status code of this request's later fetches to
 * `callback` as soon as the status line arrives. A NULL function cannot be
 * used to stop listening. Returns 0 or 401 (NULL request or function). */
RCP_EXPORT uint32_t Rcp_SetRequestOnStatusCodeReceiveCallback(Rcp_Request *request,
                                                              Rcp_OnStatusCodeReceiveCallback callback);

/* Records the "connect only" (pre-connect) flag. rcplib has no connect-only
 * transfer: a request with the flag set is fetched like any other request
 * (the full request is sent), which also leaves a warm connection in the
 * session's pool. Returns 0, or 1007900401 for a NULL request. */
RCP_EXPORT uint32_t Rcp_SetRequestConnectOnly(Rcp_Request *request, bool connectOnly);

/* ======================================================================== */
/* Sessions                                                                 */
/* ======================================================================== */

/* Creates a session: a connection pool plus the fetches running on it.
 * `configuration` may be NULL (all defaults); it is deep-copied, so the
 * caller may free it and everything it points to after the call.
 * At most 1024 sessions (the default session included) may be open at once.
 * Returns the session handle, or NULL with *errCode set to 401 (invalid
 * configuration: unknown type, negative connection limits, interceptor array
 * with a negative size or NULL entries, baseUrl that is not an http(s) URL,
 * request configuration that Rcp_Fetch would refuse, such as one with a
 * timeout above 2147483647 ms or a bad DNS address), 1007900994 (too
 * many open sessions) or 1007900027. *errCode is 0 on success. `errCode` may
 * be NULL. Close the session with Rcp_CloseSession. */
RCP_EXPORT Rcp_Session *Rcp_CreateSession(const Rcp_SessionConfiguration *configuration, uint32_t *errCode);

/* Stores in *session a new handle to the process-wide default session (no
 * configuration), creating that session on first use. Every handle holds a
 * reference; Rcp_CloseSession on a handle releases that reference, and the
 * default session closes when the last handle is closed (a later call then
 * creates a new one, which does not reuse the old connections). Canceling
 * through any handle cancels the fetches of all handles.
 * Returns 0, 1007900401 (NULL `session`), 1007900994 (too many sessions) or
 * 1007900027. */
RCP_EXPORT uint32_t Rcp_GetDefaultSession(Rcp_Session **session);

/* Returns the session's unique id, owned by rcplib and valid until the
 * session is closed, or NULL for NULL, closed or unknown handles. */
RCP_EXPORT const char *Rcp_GetSessionId(Rcp_Session *session);

/* Returns rcplib's deep copy of the configuration the session was created
 * with (all zero if it was created with NULL), owned by the session and valid
 * until the session is closed; or NULL for NULL, closed or unknown handles. */
RCP_EXPORT const Rcp_SessionConfiguration *Rcp_GetSessionConfiguration(Rcp_Session *session);

/* Starts a fetch and returns at once. The result arrives exactly once through
 * responseCallback->callback (see Rcp_ResponseCallback), on rcplib's network
 * thread, unless this function returns non-zero, in which case nothing is
 * called back. The callback object is copied; the request is copied too, so
 * the caller may destroy or reuse it right away (see Rcp_DestroyRequest).
 * The session's async interceptors run first, on this thread.
 * The request is checked here: URL resolved against the session's baseUrl,
 * method, headers, cookies, ranges, content and configuration.
 * Returns 0 (started) or:
 *   401         NULL session/request/callback object/callback function, empty
 *               URL, header or cookie name/value that could inject, method
 *               that is not a token, timeout above 2147483647 ms, CA
 *               validation without a CA, bad range,
 *               bad content, or this request already being fetched on this
 *               session;
 *   1007900001  URL scheme other than http/https;
 *   1007900003  malformed URL;
 *   1007900049  bad address in a DNS rule;
 *   1007900993  the session is closed or the handle is not a session;
 *   an interceptor's non-zero return value. */
RCP_EXPORT uint32_t Rcp_Fetch(Rcp_Session *session, Rcp_Request *request,
                              const Rcp_ResponseCallbackObject *responseCallback);

/* Fetches and waits for the result. The session's sync interceptors run
 * (async interceptors do not). Returns the response (the caller frees it with
 * response->destroyResponse) and sets *errCode to 0, or returns NULL (or a
 * response, as described for Rcp_ResponseCallback) with *errCode set to any
 * code Rcp_Fetch returns or reports, 1007900992 if the fetch was canceled
 * meanwhile, or 1007900999 when called on rcplib's network thread (from
 * inside an rcplib callback), where waiting would deadlock. Returns NULL
 * without doing anything when `errCode` is NULL. */
RCP_EXPORT Rcp_Response *Rcp_FetchSync(Rcp_Session *session, Rcp_Request *request, uint32_t *errCode);

/* Cancels the running fetches of `request` on `session`: each settles at
 * once with 1007900992 (its events onCanceled first). The session stays
 * usable. Returns 0 (also when nothing was running), 401 (NULL argument) or
 * 1007900993 (closed or unknown session). */
RCP_EXPORT uint32_t Rcp_CancelRequest(Rcp_Session *session, const Rcp_Request *request);

/* Cancels every running fetch of the session (each settles with
 * 1007900992), then calls the session listener's onCanceled (always, even if
 * nothing was running). The session stays usable. Returns 0, 401 (NULL) or
 * 1007900993 (closed or unknown session). */
RCP_EXPORT uint32_t Rcp_CancelSession(Rcp_Session *session);

/* Closes the session: cancels every running fetch (each settles with
 * 1007900992 before this returns; no callback for this session runs after
 * it returns), frees its connections, calls the listener's onCanceled if at
 * least one fetch was canceled, then onClosed, and sets *session to NULL.
 * For a default-session handle it only releases that handle's reference (see
 * Rcp_GetDefaultSession). May be called from inside a callback.
 * Returns 0, 401 (`session` or `*session` NULL) or 1007900993 (already closed,
 * for example through another copy of the handle, or not a session). */
RCP_EXPORT uint32_t Rcp_CloseSession(Rcp_Session **session);

/* ======================================================================== */
/* Interceptors                                                             */
/* ======================================================================== */

/* From inside an async interceptor: passes `request` to the next interceptor
 * or, after the last, starts the real fetch, whose result goes to
 * `responseCallback` (copied). Returns 0 or what Rcp_Fetch would return; 401
 * for NULL arguments; 1007900992 when `next` belongs to a fetch that has
 * already settled (for example canceled while the interceptor held it) or is
 * not a handler; 1007900993 when the session has been closed. */
RCP_EXPORT uint32_t Rcp_CallNextRequestHandler(Rcp_Request *request, const Rcp_RequestHandler *next,
                                               const Rcp_ResponseCallbackObject *responseCallback);

/* From inside a sync interceptor: passes `request` on and waits for the
 * response, like Rcp_FetchSync. Returns NULL with *errCode 401 for NULL
 * arguments, 1007900992 for a handler whose Rcp_FetchSync has returned, and
 * 1007900993 when the session has been closed. */
RCP_EXPORT Rcp_Response *Rcp_CallNextSyncRequestHandler(Rcp_Request *request, const Rcp_SyncRequestHandler *next,
                                                        uint32_t *errCode);

/* ======================================================================== */
/* Errors                                                                   */
/* ======================================================================== */

/* rcplib extension: a readable English description of any code returned or
 * reported by this API (unknown codes get a generic text). Never NULL; the
 * string is static. */
RCP_EXPORT const char *Rcp_GetErrorMessage(uint32_t code);

#ifdef __cplusplus
}
#endif

#endif /* RCP_RCP_H */
