/* A program written the way Huawei's close-session sample is, against the
 * HMS_Rcp_* names, compiled as C99 with only the compatibility header. It must
 * build and run unchanged. Usage: hms_close_sample <url> */
#include <RemoteCommunicationKit/rcp.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Set by the callback on rcplib's thread, read by main(): guarded. */
static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static int g_done = 0;

static int done(void) {
  pthread_mutex_lock(&g_lock);
  int value = g_done;
  pthread_mutex_unlock(&g_lock);
  return value;
}

static void ResponseCallback(void *usrCtx, Rcp_Response *response, uint32_t errCode) {
  (void)usrCtx;
  if (response != NULL) {
    printf("status %d\n", (int)response->statusCode);
    response->destroyResponse(response);
  } else {
    printf("error %u\n", errCode);
  }
  pthread_mutex_lock(&g_lock);
  g_done = 1;
  pthread_mutex_unlock(&g_lock);
}

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  uint32_t errCode = 0;
  Rcp_Session *session = HMS_Rcp_CreateSession(NULL, &errCode);
  if (session == NULL) return 3;
  Rcp_Request *request = HMS_Rcp_CreateRequest(argv[1]);
  request->method = RCP_METHOD_GET;
  Rcp_ResponseCallbackObject responseCallback = {ResponseCallback, NULL};
  errCode = HMS_Rcp_Fetch(session, request, &responseCallback);
  if (errCode != 0) return 4;
  for (int i = 0; i < 500 && !done(); ++i) usleep(10 * 1000);
  /* Cancel whatever may still run, then close, then destroy: the sample's order. */
  HMS_Rcp_CancelSession(session);
  errCode = HMS_Rcp_CloseSession(&session);
  HMS_Rcp_DestroyRequest(request);
  printf("close %u %s\n", errCode, session == NULL ? "null" : "set");
  return done() && errCode == 0 && session == NULL ? 0 : 1;
}
