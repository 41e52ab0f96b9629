// Source compatibility with the Remote Communication Kit C API: the code in
// the extern "C" block below is written the way the kit's close-session
// guide writes it (HMS_ names, <RemoteCommunicationKit/rcp.h>, plain C), and
// must compile and behave unchanged against rcplib.
#include <RemoteCommunicationKit/rcp.h>
#include <gtest/gtest.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

extern "C" {

typedef struct {
  pthread_mutex_t mutex;
  pthread_cond_t done;
  int calls;
  uint32_t lastCode;
} SampleState;

static SampleState g_state = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0};
static int g_sessionClosed = 0;
static int g_sessionCanceled = 0;

static void SampleOnClosed(void) { g_sessionClosed++; }
static void SampleOnCanceled(void) { g_sessionCanceled++; }

static void SampleResponseCallback(void *usrCtx, Rcp_Response *response, uint32_t errCode) {
  (void)usrCtx;
  if (response != NULL) {
    response->destroyResponse(response);
  }
  pthread_mutex_lock(&g_state.mutex);
  g_state.calls++;
  g_state.lastCode = errCode;
  pthread_cond_signal(&g_state.done);
  pthread_mutex_unlock(&g_state.mutex);
}

/* Returns 0 when every step behaved as the guide expects. */
static int RunCloseSessionSample(const char *url) {
  uint32_t errCode = 0;
  Rcp_Session *session = HMS_Rcp_CreateSession(NULL, &errCode);
  if (session == NULL || errCode != 0) {
    return 1;
  }
  Rcp_Request *request = HMS_Rcp_CreateRequest(url);
  if (request == NULL) {
    return 2;
  }
  request->method = RCP_METHOD_GET;
  Rcp_ResponseCallbackObject responseCallback = {SampleResponseCallback, NULL};
  errCode = HMS_Rcp_Fetch(session, request, &responseCallback);
  if (errCode != 0) {
    return 3;
  }
  /* Cancel requests that may still be running, then close. */
  errCode = HMS_Rcp_CancelSession(session);
  if (errCode != 0) {
    return 4;
  }
  errCode = HMS_Rcp_CloseSession(&session);
  if (errCode != 0 || session != NULL) {
    return 5;
  }
  HMS_Rcp_DestroyRequest(request);
  return 0;
}

/* The sample's object functions and configuration, zero-initialised with memset. */
static int RunConfiguredSample(void) {
  Rcp_Headers *headers = HMS_Rcp_CreateHeaders();
  if (HMS_Rcp_SetHeaderValue(headers, "content-type", "application/json") != 0) {
    return 1;
  }
  Rcp_Configuration configuration;
  memset(&configuration, 0, sizeof(configuration));
  configuration.transferConfiguration.timeout.connectMs = 5000;
  configuration.transferConfiguration.timeout.transferMs = 10000;
  Rcp_SessionConfiguration sessionConfiguration;
  memset(&sessionConfiguration, 0, sizeof(sessionConfiguration));
  sessionConfiguration.headers = headers;
  sessionConfiguration.requestConfiguration = &configuration;
  sessionConfiguration.sessionListener.onClosed = SampleOnClosed;
  sessionConfiguration.sessionListener.onCanceled = SampleOnCanceled;
  uint32_t errCode = 0;
  Rcp_Session *session = HMS_Rcp_CreateSession(&sessionConfiguration, &errCode);
  HMS_Rcp_DestroyHeaders(headers);
  if (session == NULL) {
    return 2;
  }
  const Rcp_SessionConfiguration *copy = HMS_Rcp_GetSessionConfiguration(session);
  if (copy == NULL || copy->requestConfiguration->transferConfiguration.timeout.connectMs != 5000) {
    return 3;
  }
  if (HMS_Rcp_GetSessionId(session) == NULL) {
    return 4;
  }
  Rcp_Form *form = HMS_Rcp_CreateForm();
  Rcp_FormFieldValue value;
  memset(&value, 0, sizeof(value));
  value.type = RCP_FORM_VALUE_TYPE_INT32;
  value.data.varInt32 = 7;
  if (HMS_Rcp_SetFormValue(form, "n", &value) != 0 || HMS_Rcp_GetFormValue(form, "n") == NULL) {
    return 5;
  }
  HMS_Rcp_DestroyForm(form);
  if (HMS_Rcp_CloseSession(&session) != 0) {
    return 6;
  }
  return 0;
}

}  // extern "C"

namespace {

TEST(CapiCompat, close_session_sample_runs_unchanged) {
  pthread_mutex_lock(&g_state.mutex);
  g_state.calls = 0;
  pthread_mutex_unlock(&g_state.mutex);
  // Port 9 (discard) on the loopback: canceled before anything answers, or refused.
  ASSERT_EQ(RunCloseSessionSample("http://127.0.0.1:9/"), 0);
  pthread_mutex_lock(&g_state.mutex);
  EXPECT_EQ(g_state.calls, 1);  // settled exactly once, before CloseSession returned
  EXPECT_TRUE(g_state.lastCode == RCP_ERR_REQUEST_CANCELED || g_state.lastCode == RCP_ERR_COULDNT_CONNECT)
      << g_state.lastCode;
  pthread_mutex_unlock(&g_state.mutex);
}

TEST(CapiCompat, configured_sample_runs_unchanged) {
  g_sessionClosed = 0;
  g_sessionCanceled = 0;
  ASSERT_EQ(RunConfiguredSample(), 0);
  EXPECT_EQ(g_sessionClosed, 1);
  EXPECT_EQ(g_sessionCanceled, 0);
}

}  // namespace
