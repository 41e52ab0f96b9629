/*
 * fetch_then_close: fetch one URL with the rcplib C API, wait for the
 * response, then close the session.
 *
 *   fetch_then_close <url>
 *
 * Exit status: 0 when the fetch succeeded with an HTTP status below 400,
 * 1 on any failure, 2 on wrong usage.
 */
#define _POSIX_C_SOURCE 200809L

#include <rcp/rcp.h>

#include <pthread.h>
#include <stdio.h>
#include <time.h>

/* What the response callback hands back to main(). */
typedef struct {
  pthread_mutex_t mutex;
  pthread_cond_t settled;
  int done;
  uint32_t errCode;
  uint32_t statusCode;
} FetchResult;

static double nowMs(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* Runs on rcplib's network thread: report, free the response, wake main(). */
static void onResponse(void *usrCtx, Rcp_Response *response, uint32_t errCode) {
  FetchResult *result = (FetchResult *)usrCtx;
  uint32_t statusCode = 0;
  if (errCode != 0) {
    printf("error %u: %s\n", (unsigned)errCode, Rcp_GetErrorMessage(errCode));
  }
  if (response != NULL) {
    statusCode = (uint32_t)response->statusCode;
    printf("status %u, body %u bytes\n", (unsigned)statusCode, (unsigned)response->body.length);
    if (response->timeInfo != NULL) {
      const Rcp_TimeInfo *t = response->timeInfo;
      printf("timing (ms): dns %.1f, connect %.1f, tls %.1f, first byte %.1f, total %.1f\n", t->nameLookUpTime,
             t->connectTime, t->tlsHandshakeTime, t->startTransferTime, t->totalTime);
    }
    response->destroyResponse(response);
  }
  pthread_mutex_lock(&result->mutex);
  result->errCode = errCode;
  result->statusCode = statusCode;
  result->done = 1;
  pthread_cond_signal(&result->settled);
  pthread_mutex_unlock(&result->mutex);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s <url>\n", argc > 0 ? argv[0] : "fetch_then_close");
    return 2;
  }

  uint32_t errCode = 0;
  Rcp_Session *session = Rcp_CreateSession(NULL, &errCode);
  if (session == NULL) {
    fprintf(stderr, "create session: %u %s\n", (unsigned)errCode, Rcp_GetErrorMessage(errCode));
    return 1;
  }
  Rcp_Request *request = Rcp_CreateRequest(argv[1]);
  if (request == NULL) {
    fprintf(stderr, "create request failed\n");
    Rcp_CloseSession(&session);
    return 1;
  }

  FetchResult result;
  pthread_mutex_init(&result.mutex, NULL);
  pthread_cond_init(&result.settled, NULL);
  result.done = 0;
  result.errCode = 0;
  result.statusCode = 0;

  Rcp_ResponseCallbackObject callback = {onResponse, &result};
  errCode = Rcp_Fetch(session, request, &callback);
  if (errCode != 0) {
    /* A refused fetch is never called back. */
    fprintf(stderr, "fetch refused: %u %s\n", (unsigned)errCode, Rcp_GetErrorMessage(errCode));
    result.errCode = errCode;
  } else {
    pthread_mutex_lock(&result.mutex);
    while (!result.done) {
      pthread_cond_wait(&result.settled, &result.mutex);
    }
    pthread_mutex_unlock(&result.mutex);
  }

  double closeStart = nowMs();
  uint32_t closeCode = Rcp_CloseSession(&session);
  printf("close returned %u after %.2f ms\n", (unsigned)closeCode, nowMs() - closeStart);
  Rcp_DestroyRequest(request);

  pthread_cond_destroy(&result.settled);
  pthread_mutex_destroy(&result.mutex);
  return result.errCode == 0 && result.statusCode < 400 && closeCode == 0 ? 0 : 1;
}
