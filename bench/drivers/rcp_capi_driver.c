/*
 * rcplib through its C API (rcp.h), linked against librcp.so. Each response
 * callback (on rcplib's network thread) checks the response, frees it and
 * starts the slot's next fetch, so `c` fetches are always in flight.
 *
 * Reads commands on stdin, one per line, and answers each with one JSON line
 * (see bench/README.md, "Driver protocol"). Usage: rcp_capi_driver [CA-file]
 */
#include <pthread.h>
#include <rcp/rcp.h>

#include "driver_common.h"

#define MAX_SLOTS 1100
#define RCP_CANCELED 1007900992u

static const char *g_caFile = "";

typedef struct Run Run;

typedef struct Slot {
  Rcp_Request *request;
  Rcp_ResponseCallbackObject callback;
  Run *run;
} Slot;

struct Run {
  pthread_mutex_t mutex;
  pthread_cond_t done;
  Rcp_Session *session;
  long expect;
  double deadline;
  long limit; /* > 0: stop after this many fetches instead of at the deadline */
  long started;
  long count;
  long errors;
  long canceled;
  long inflight;
  long long bytes;
  double lastSettled;
};

/* A throughput sample's session and requests, kept while the same kind of sample repeats. */
typedef struct Cached {
  char key[BENCH_LINE_MAX];
  Run run;
  Slot slots[MAX_SLOTS];
  int count;
  int open;
} Cached;

static Cached g_cached;
static bench_body g_postBody;
static Rcp_RequestContent g_postContent;
static Rcp_Headers *g_postHeaders = NULL;
static Rcp_Configuration g_tlsConfiguration;

static int is_https(const char *url) { return strncmp(url, "https://", 8) == 0; }

static void run_init(Run *run) {
  memset(run, 0, sizeof *run);
  pthread_mutex_init(&run->mutex, NULL);
  pthread_cond_init(&run->done, NULL);
}

static void run_destroy(Run *run) {
  pthread_mutex_destroy(&run->mutex);
  pthread_cond_destroy(&run->done);
}

/* Waits until no fetch of the run is in flight. */
static void run_wait(Run *run) {
  pthread_mutex_lock(&run->mutex);
  while (run->inflight > 0) pthread_cond_wait(&run->done, &run->mutex);
  pthread_mutex_unlock(&run->mutex);
}

static Rcp_Session *open_session(const char *url, long conns, uint32_t *error) {
  Rcp_SessionConfiguration config;
  memset(&config, 0, sizeof config);
  config.type = RCP_SESSION_TYPE_HTTP;
  config.connectionConfiguration.maxConnectionsPerHost = conns;
  config.connectionConfiguration.maxTotalConnections = conns;
  if (url != NULL && is_https(url)) {
    /* A configuration is read as written, so everything the default would do is spelled out. */
    memset(&g_tlsConfiguration, 0, sizeof g_tlsConfiguration);
    g_tlsConfiguration.transferConfiguration.autoRedirect = true;
    g_tlsConfiguration.securityConfiguration.remoteValidationType = RCP_REMOTE_VALIDATION_CERTIFICATE_AUTHORITY;
    g_tlsConfiguration.securityConfiguration.certificateAuthority.filePath = (char *)g_caFile;
    config.requestConfiguration = &g_tlsConfiguration;
  }
  return Rcp_CreateSession(&config, error);
}

static int response_ok(Rcp_Response *response, uint32_t error, long expect) {
  return error == 0 && response != NULL && response->statusCode == RCP_OK &&
         (expect < 0 || (long)response->body.length == expect);
}

static void on_throughput_response(void *context, Rcp_Response *response, uint32_t error) {
  Slot *slot = (Slot *)context;
  Run *run = slot->run;
  int ok = response_ok(response, error, run->expect);
  long length = response != NULL ? (long)response->body.length : 0;
  if (response != NULL) response->destroyResponse(response);
  pthread_mutex_lock(&run->mutex);
  if (ok) {
    run->count++;
    run->bytes += length;
  } else {
    run->errors++;
  }
  int again = (run->limit > 0 ? run->started < run->limit : bench_now_ms() < run->deadline) && run->errors < 1000;
  if (again) run->started++;
  if (!again && --run->inflight == 0) {
    run->lastSettled = bench_now_ms();
    pthread_cond_signal(&run->done);
  }
  pthread_mutex_unlock(&run->mutex);
  if (again && Rcp_Fetch(run->session, slot->request, &slot->callback) != 0) {
    pthread_mutex_lock(&run->mutex);
    run->errors++;
    if (--run->inflight == 0) {
      run->lastSettled = bench_now_ms();
      pthread_cond_signal(&run->done);
    }
    pthread_mutex_unlock(&run->mutex);
  }
}

/* Counts settlements without fetching again (cycles, close, idle). */
static void on_single_response(void *context, Rcp_Response *response, uint32_t error) {
  Run *run = (Run *)context;
  int ok = response_ok(response, error, run->expect);
  if (response != NULL) response->destroyResponse(response);
  pthread_mutex_lock(&run->mutex);
  if (ok) {
    run->count++;
  } else if (error == RCP_CANCELED) {
    run->canceled++;
  } else {
    run->errors++;
  }
  if (--run->inflight == 0) pthread_cond_signal(&run->done);
  run->lastSettled = bench_now_ms();
  pthread_mutex_unlock(&run->mutex);
}

static void drop_cached(void) {
  if (!g_cached.open) return;
  Rcp_CloseSession(&g_cached.run.session);
  for (int i = 0; i < g_cached.count; i++) Rcp_DestroyRequest(g_cached.slots[i].request);
  run_destroy(&g_cached.run);
  g_cached.open = 0;
  g_cached.key[0] = '\0';
}

/* Returns 0, or -1 after replying with an error. */
static int ensure_post_body(long size) {
  if (g_postHeaders == NULL) {
    g_postHeaders = Rcp_CreateHeaders();
    if (g_postHeaders == NULL) {
      bench_reply_error("out of memory");
      return -1;
    }
    Rcp_SetHeaderValue(g_postHeaders, "content-type", "application/octet-stream");
  }
  if (bench_body_resize(&g_postBody, size) != 0) return -1;
  memset(&g_postContent, 0, sizeof g_postContent);
  g_postContent.type = RCP_CONTENT_TYPE_STRING;
  g_postContent.data.contentStr.buffer = g_postBody.data;
  g_postContent.data.contentStr.length = (uint32_t)g_postBody.size;
  return 0;
}

static Rcp_Request *new_request(const char *url, const char *method) {
  Rcp_Request *request = Rcp_CreateRequest(url);
  if (request == NULL) return NULL;
  if (strcmp(method, "POST") == 0) {
    request->method = RCP_METHOD_POST;
    request->content = &g_postContent;
    request->headers = g_postHeaders;
  }
  return request;
}

static void op_throughput(const char *line, const char *method) {
  bench_throughput_args args;
  if (!bench_read_throughput(line, MAX_SLOTS, &args)) return;
  if (strcmp(method, "POST") == 0 && ensure_post_body(args.size) != 0) return;
  const char *url = args.url;
  const long concurrency = args.concurrency, conns = args.conns;
  char key[BENCH_LINE_MAX];
  snprintf(key, sizeof key, "%s %s %ld %ld", method, url, conns, concurrency);
  if (!g_cached.open || strcmp(key, g_cached.key) != 0) {
    drop_cached();
    run_init(&g_cached.run);
    uint32_t error = 0;
    g_cached.run.session = open_session(url, conns, &error);
    if (g_cached.run.session == NULL) {
      run_destroy(&g_cached.run);
      bench_reply_error("Rcp_CreateSession failed");
      return;
    }
    g_cached.open = 1;
    snprintf(g_cached.key, sizeof g_cached.key, "%s", key);
    g_cached.count = (int)concurrency;
    for (int i = 0; i < g_cached.count; i++) {
      Slot *slot = &g_cached.slots[i];
      slot->request = new_request(url, method);
      slot->run = &g_cached.run;
      slot->callback.callback = on_throughput_response;
      slot->callback.usrCtx = slot;
    }
  }
  Run *run = &g_cached.run;
  pthread_mutex_lock(&run->mutex);
  run->expect = args.expect;
  run->count = 0;
  run->errors = 0;
  run->bytes = 0;
  run->limit = args.limit;
  int first = g_cached.count;
  if (run->limit > 0 && run->limit < first) first = (int)run->limit;
  run->started = first;
  run->inflight = first;
  double cpuUser0, cpuSystem0, cpuUser1, cpuSystem1;
  bench_cpu_ms(&cpuUser0, &cpuSystem0);
  double start = bench_now_ms();
  run->deadline = start + (double)args.durationMs;
  pthread_mutex_unlock(&run->mutex);
  for (int i = 0; i < first; i++) {
    Slot *slot = &g_cached.slots[i];
    if (Rcp_Fetch(run->session, slot->request, &slot->callback) != 0) {
      pthread_mutex_lock(&run->mutex);
      run->errors++;
      if (--run->inflight == 0) pthread_cond_signal(&run->done);
      pthread_mutex_unlock(&run->mutex);
    }
  }
  run_wait(run);
  double end = run->lastSettled > start ? run->lastSettled : bench_now_ms();
  bench_cpu_ms(&cpuUser1, &cpuSystem1);
  printf("{\"ok\":true,\"count\":%ld,\"errors\":%ld,\"elapsedMs\":%.3f,\"bytes\":%lld,\"cpuUserMs\":%.3f,"
         "\"cpuSystemMs\":%.3f}\n",
         run->count, run->errors, end - start, run->bytes, cpuUser1 - cpuUser0, cpuSystem1 - cpuSystem0);
  fflush(stdout);
}

static void op_cycles(const char *line) {
  char url[BENCH_VALUE_MAX];
  if (!bench_arg(line, "url", url, sizeof url)) {
    bench_reply_error("no url");
    return;
  }
  drop_cached();
  long durationMs = bench_arg_long(line, "ms", 1000);
  Run run;
  run_init(&run);
  run.expect = bench_arg_long(line, "expect", -1);
  Rcp_Request *request = new_request(url, "GET");
  Rcp_ResponseCallbackObject callback = {on_single_response, &run};
  double cpuUser0, cpuSystem0, cpuUser1, cpuSystem1;
  bench_cpu_ms(&cpuUser0, &cpuSystem0);
  double start = bench_now_ms();
  double deadline = start + (double)durationMs;
  while (bench_now_ms() < deadline && run.errors < 1000) {
    uint32_t error = 0;
    Rcp_Session *session = open_session(url, 6, &error);
    if (session == NULL) {
      run.errors++;
      continue;
    }
    run.inflight = 1;
    if (Rcp_Fetch(session, request, &callback) == 0) {
      run_wait(&run);
    } else {
      run.errors++;
    }
    Rcp_CloseSession(&session);
  }
  double elapsed = bench_now_ms() - start;
  bench_cpu_ms(&cpuUser1, &cpuSystem1);
  Rcp_DestroyRequest(request);
  printf("{\"ok\":true,\"count\":%ld,\"errors\":%ld,\"elapsedMs\":%.3f,\"cpuUserMs\":%.3f,\"cpuSystemMs\":%.3f}\n",
         run.count, run.errors, elapsed, cpuUser1 - cpuUser0, cpuSystem1 - cpuSystem0);
  fflush(stdout);
  run_destroy(&run);
}

static void op_close(const char *line) {
  char url[BENCH_VALUE_MAX];
  long n, conns, waitMs;
  if (!bench_close_args(line, MAX_SLOTS, url, sizeof url, &n, &conns, &waitMs)) return;
  drop_cached();
  long rssBefore, threadsBefore, rssInFlight, threadsInFlight;
  uint32_t error = 0;
  Rcp_Session *session = open_session(url, conns, &error);
  if (session == NULL) {
    bench_reply_error("Rcp_CreateSession failed");
    return;
  }
  static Rcp_Request *requests[MAX_SLOTS];
  for (long i = 0; i < n; i++) requests[i] = new_request(url, "GET");
  Run run;
  run_init(&run);
  run.expect = -1;
  Rcp_ResponseCallbackObject callback = {on_single_response, &run};
  bench_proc_status(&rssBefore, &threadsBefore);
  for (long i = 0; i < n; i++) {
    pthread_mutex_lock(&run.mutex);
    run.inflight++;
    pthread_mutex_unlock(&run.mutex);
    if (Rcp_Fetch(session, requests[i], &callback) != 0) {
      pthread_mutex_lock(&run.mutex);
      run.inflight--;
      run.errors++;
      pthread_mutex_unlock(&run.mutex);
    }
  }
  bench_sleep_ms(waitMs);
  bench_proc_status(&rssInFlight, &threadsInFlight);
  double t0 = bench_now_ms();
  Rcp_CloseSession(&session);
  double t1 = bench_now_ms();
  /* Close has returned, so every callback has run; waiting here only proves it. */
  run_wait(&run);
  double settle = run.lastSettled > t0 ? run.lastSettled - t0 : 0.0;
  long settled = run.count + run.errors + run.canceled;
  printf("{\"ok\":true,\"settleMs\":%.3f,\"closeCallMs\":%.3f,\"settled\":%ld,\"canceled\":%ld,"
         "\"rssBeforeKiB\":%ld,\"rssInFlightKiB\":%ld,\"threadsBefore\":%ld,\"threadsInFlight\":%ld}\n",
         settle > t1 - t0 ? settle : t1 - t0, t1 - t0, settled, run.canceled, rssBefore, rssInFlight, threadsBefore,
         threadsInFlight);
  fflush(stdout);
  for (long i = 0; i < n; i++) Rcp_DestroyRequest(requests[i]);
  run_destroy(&run);
}

static void op_idle(const char *line) {
  char url[BENCH_VALUE_MAX];
  if (!bench_arg(line, "url", url, sizeof url)) {
    bench_reply_error("no url");
    return;
  }
  drop_cached();
  long n = bench_arg_long(line, "n", 1024);
  if (n < 1 || n > MAX_SLOTS) {
    bench_reply_error("bad n");
    return;
  }
  static Rcp_Session *sessions[MAX_SLOTS];
  long rss[4], threads[4], untouchedRss, untouchedThreads;
  Run run;
  run_init(&run);
  run.expect = bench_arg_long(line, "expect", -1);
  Rcp_Request *request = new_request(url, "GET");
  Rcp_ResponseCallbackObject callback = {on_single_response, &run};
  /* Threads count from before rcplib did anything; RSS from after one warm-up request. */
  bench_proc_status(&untouchedRss, &untouchedThreads);
  {
    uint32_t error = 0;
    Rcp_Session *warm = open_session(url, 6, &error);
    if (warm != NULL) {
      run.inflight = 1;
      if (Rcp_Fetch(warm, request, &callback) == 0) run_wait(&run);
      Rcp_CloseSession(&warm);
    }
    run.count = 0;
    run.errors = 0;
  }
  bench_proc_status(&rss[0], &threads[0]);
  long created = 0;
  for (long i = 0; i < n; i++) {
    uint32_t error = 0;
    sessions[i] = open_session(url, 6, &error);
    if (sessions[i] != NULL) created++;
  }
  bench_proc_status(&rss[1], &threads[1]);
  for (long i = 0; i < n; i++) {
    if (sessions[i] == NULL) continue;
    run.inflight = 1;
    if (Rcp_Fetch(sessions[i], request, &callback) == 0) {
      run_wait(&run);
    } else {
      run.errors++;
    }
  }
  bench_proc_status(&rss[2], &threads[2]);
  for (long i = 0; i < n; i++) {
    if (sessions[i] != NULL) Rcp_CloseSession(&sessions[i]);
  }
  bench_proc_status(&rss[3], &threads[3]);
  Rcp_DestroyRequest(request);
  printf("{\"ok\":true,\"errors\":%ld,\"sessions\":%ld,\"untouched\":{\"rssKiB\":%ld,\"threads\":%ld},"
         "\"baseline\":{\"rssKiB\":%ld,\"threads\":%ld},"
         "\"created\":{\"rssKiB\":%ld,\"threads\":%ld},\"used\":{\"rssKiB\":%ld,\"threads\":%ld},"
         "\"closed\":{\"rssKiB\":%ld,\"threads\":%ld}}\n",
         run.errors + (n - created), created, untouchedRss, untouchedThreads, rss[0], threads[0], rss[1], threads[1],
         rss[2], threads[2], rss[3], threads[3]);
  fflush(stdout);
  run_destroy(&run);
}

int main(int argc, char **argv) {
  if (argc > 1) g_caFile = argv[1];
  printf("{\"ok\":true,\"ready\":\"rcplib C API\"}\n");
  fflush(stdout);
  const bench_driver driver = {op_throughput, op_cycles, op_close, op_idle};
  bench_serve(&driver);
  drop_cached();
  if (g_postHeaders != NULL) Rcp_DestroyHeaders(g_postHeaders);
  free(g_postBody.data);
  return 0;
}
