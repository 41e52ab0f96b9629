/* Returns from main() with a session open and a fetch in flight to a server
 * that never answers. The process must still exit promptly: the library's loop
 * thread must not keep it alive. Usage: exit_with_inflight <url> */
#include <stdio.h>

#include <rcp/rcp.h>

static void on_response(void *ctx, Rcp_Response *response, uint32_t code) {
  (void)ctx;
  (void)code;
  if (response != NULL) response->destroyResponse(response);
}

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  uint32_t code = 0;
  Rcp_Session *session = Rcp_CreateSession(NULL, &code);
  if (session == NULL) return 3;
  Rcp_Request *request = Rcp_CreateRequest(argv[1]);
  if (request == NULL) return 4;
  Rcp_ResponseCallbackObject callback = {on_response, NULL};
  code = Rcp_Fetch(session, request, &callback);
  if (code != 0) return 5;
  printf("fetch started\n");
  fflush(stdout);
  /* Deliberately no cancel, no close, no destroy. */
  return 0;
}
