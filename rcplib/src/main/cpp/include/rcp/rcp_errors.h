/*
 * rcplib C API: error codes (rcplib extension: the Remote Communication Kit
 * documents the numbers but has no names for them).
 *
 * Transport failures are 1007900000 + the libcurl CURLcode; the codes listed
 * here are the ones rcplib's own functions return. Rcp_GetErrorMessage() turns
 * any code into text. Include <rcp/rcp.h> rather than this file.
 */
#ifndef RCP_RCP_ERRORS_H
#define RCP_RCP_ERRORS_H

#define RCP_ERR_NONE 0U
/* Missing permission (kept for compatibility; rcplib does not check permissions). */
#define RCP_ERR_PERMISSION_DENIED 201U
/* An argument is NULL, empty or malformed. */
#define RCP_ERR_PARAMETER 401U
/* Base of the transport codes: 1007900000 + CURLcode. */
#define RCP_ERR_TRANSPORT_BASE 1007900000U
#define RCP_ERR_UNSUPPORTED_PROTOCOL 1007900001U
#define RCP_ERR_MALFORMED_URL 1007900003U
#define RCP_ERR_COULDNT_RESOLVE_HOST 1007900006U
#define RCP_ERR_COULDNT_CONNECT 1007900007U
/* The server broke HTTP framing (for example a malformed status line). */
#define RCP_ERR_WEIRD_SERVER_REPLY 1007900008U
/* The connection closed before the whole response arrived. */
#define RCP_ERR_PARTIAL_FILE 1007900018U
/* The response body could not be handed over (body cap reached, or a callback refused it). */
#define RCP_ERR_WRITE 1007900023U
/* Request body data could not be read. */
#define RCP_ERR_READ 1007900026U
#define RCP_ERR_OUT_OF_MEMORY 1007900027U
#define RCP_ERR_TIMEOUT 1007900028U
/* An application callback failed the request. */
#define RCP_ERR_ABORTED_BY_CALLBACK 1007900042U
#define RCP_ERR_TOO_MANY_REDIRECTS 1007900047U
#define RCP_ERR_BAD_DNS_RULE 1007900049U
/* Receiving failed, including response headers over the size limit. */
#define RCP_ERR_RECEIVE 1007900056U
#define RCP_ERR_CLEARTEXT_FORBIDDEN 1007900201U
/* A parameter error of the newer functions (Rcp_GetDefaultSession, Rcp_SetRequestConnectOnly). */
#define RCP_ERR_INVALID_PARAMETER 1007900401U
/* A file to send or to write to cannot be opened. */
#define RCP_ERR_CANNOT_OPEN_FILE 1007900988U
/* A response validation refused the response. */
#define RCP_ERR_INVALID_RESPONSE 1007900991U
#define RCP_ERR_REQUEST_CANCELED 1007900992U
#define RCP_ERR_SESSION_CLOSED 1007900993U
#define RCP_ERR_SESSION_LIMIT 1007900994U
#define RCP_ERR_INTERNAL 1007900999U

#endif /* RCP_RCP_ERRORS_H */
