/*
 * The ceiling for rcplib's engine: a plain libcurl multi loop on one thread
 * (epoll + curl_multi_socket_action, the design rcplib's loop uses too), with
 * easy handles reused between requests. It sets the same request options
 * rcplib sets for these requests (Accept-Encoding, no Expect, PIPEWAIT on
 * https), so the difference to the C API driver is what rcplib adds.
 *
 * Reads commands on stdin, one per line, and answers each with one JSON line
 * (see bench/README.md, "Driver protocol"). Usage: curl_multi_driver [CA-file]
 */
#include <curl/curl.h>
#include <errno.h>
#include <stdint.h>
#include <sys/epoll.h>

#include "driver_common.h"

#define MAX_SLOTS 1100

static const char *g_caFile = "";

typedef struct Loop {
  CURLM *multi;
  int epfd;
  double timerDeadline; /* absolute ms, or < 0 when libcurl wants no timer */
} Loop;

typedef struct Xfer {
  CURL *easy;
  char *buf;
  size_t len;
  size_t cap;
  int active;
} Xfer;

/* What a throughput sample keeps between samples: the multi handle (and so
 * its warm connections) and the easy handles, for as long as the same kind of
 * sample repeats. */
typedef struct Cached {
  char key[BENCH_LINE_MAX];
  Loop loop;
  Xfer xfers[MAX_SLOTS];
  int count;
  int open;
} Cached;

static Cached g_cached;
static bench_body g_postBody;

static size_t on_write(char *data, size_t size, size_t n, void *userp) {
  Xfer *x = (Xfer *)userp;
  size_t bytes = size * n;
  if (x->len + bytes > x->cap) {
    size_t cap = x->cap == 0 ? 4096 : x->cap;
    while (cap < x->len + bytes) cap *= 2;
    char *grown = (char *)realloc(x->buf, cap);
    if (grown == NULL) return 0;
    x->buf = grown;
    x->cap = cap;
  }
  memcpy(x->buf + x->len, data, bytes);
  x->len += bytes;
  return bytes;
}

static int on_socket(CURL *easy, curl_socket_t fd, int what, void *userp, void *socketp) {
  (void)easy;
  Loop *loop = (Loop *)userp;
  if (what == CURL_POLL_REMOVE) {
    epoll_ctl(loop->epfd, EPOLL_CTL_DEL, fd, NULL);
    curl_multi_assign(loop->multi, fd, NULL);
    return 0;
  }
  struct epoll_event ev;
  memset(&ev, 0, sizeof ev);
  ev.data.fd = fd;
  if (what == CURL_POLL_IN || what == CURL_POLL_INOUT) ev.events |= EPOLLIN;
  if (what == CURL_POLL_OUT || what == CURL_POLL_INOUT) ev.events |= EPOLLOUT;
  if (socketp == NULL) {
    if (epoll_ctl(loop->epfd, EPOLL_CTL_ADD, fd, &ev) != 0 && errno == EEXIST) {
      epoll_ctl(loop->epfd, EPOLL_CTL_MOD, fd, &ev);
    }
    curl_multi_assign(loop->multi, fd, (void *)1);
  } else if (epoll_ctl(loop->epfd, EPOLL_CTL_MOD, fd, &ev) != 0 && errno == ENOENT) {
    epoll_ctl(loop->epfd, EPOLL_CTL_ADD, fd, &ev);
  }
  return 0;
}

static int on_timer(CURLM *multi, long timeoutMs, void *userp) {
  (void)multi;
  Loop *loop = (Loop *)userp;
  loop->timerDeadline = timeoutMs < 0 ? -1.0 : bench_now_ms() + (double)timeoutMs;
  return 0;
}

static int loop_open(Loop *loop, long conns) {
  loop->multi = curl_multi_init();
  loop->epfd = epoll_create1(EPOLL_CLOEXEC);
  loop->timerDeadline = -1.0;
  if (loop->multi == NULL || loop->epfd < 0) return -1;
  curl_multi_setopt(loop->multi, CURLMOPT_SOCKETFUNCTION, on_socket);
  curl_multi_setopt(loop->multi, CURLMOPT_SOCKETDATA, loop);
  curl_multi_setopt(loop->multi, CURLMOPT_TIMERFUNCTION, on_timer);
  curl_multi_setopt(loop->multi, CURLMOPT_TIMERDATA, loop);
  curl_multi_setopt(loop->multi, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
  curl_multi_setopt(loop->multi, CURLMOPT_MAX_HOST_CONNECTIONS, conns);
  curl_multi_setopt(loop->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, conns);
  curl_multi_setopt(loop->multi, CURLMOPT_MAXCONNECTS, conns);
  return 0;
}

static void loop_close(Loop *loop) {
  if (loop->multi != NULL) curl_multi_cleanup(loop->multi);
  if (loop->epfd >= 0) close(loop->epfd);
  loop->multi = NULL;
  loop->epfd = -1;
}

/* Waits at most maxWaitMs for sockets or libcurl's timer and lets libcurl act. */
static void loop_step(Loop *loop, long maxWaitMs) {
  struct epoll_event events[256];
  long wait = maxWaitMs;
  if (loop->timerDeadline >= 0) {
    double left = loop->timerDeadline - bench_now_ms();
    long leftMs = left <= 0 ? 0 : (long)(left + 0.999);
    if (leftMs < wait) wait = leftMs;
  }
  int n = epoll_wait(loop->epfd, events, 256, (int)wait);
  int running = 0;
  for (int i = 0; i < n; i++) {
    int mask = 0;
    if (events[i].events & EPOLLIN) mask |= CURL_CSELECT_IN;
    if (events[i].events & EPOLLOUT) mask |= CURL_CSELECT_OUT;
    if (events[i].events & (EPOLLERR | EPOLLHUP)) mask |= CURL_CSELECT_ERR;
    curl_multi_socket_action(loop->multi, events[i].data.fd, mask, &running);
  }
  if (loop->timerDeadline >= 0 && bench_now_ms() >= loop->timerDeadline) {
    loop->timerDeadline = -1.0;
    curl_multi_socket_action(loop->multi, CURL_SOCKET_TIMEOUT, 0, &running);
  }
}

static int is_https(const char *url) { return strncmp(url, "https://", 8) == 0; }

/* The options rcplib sets for a plain GET or POST (core/transfer.cpp), minus its error buffer and timeouts. */
static CURL *new_easy(const char *url, const char *method, Xfer *x) {
  CURL *e = curl_easy_init();
  if (e == NULL) return NULL;
  curl_easy_setopt(e, CURLOPT_URL, url);
  curl_easy_setopt(e, CURLOPT_PRIVATE, (void *)x);
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_write);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, (void *)x);
  curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
  if (is_https(url)) {
    curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
    if (g_caFile[0] != '\0') curl_easy_setopt(e, CURLOPT_CAINFO, g_caFile);
  }
  if (strcmp(method, "POST") == 0) {
    static struct curl_slist *postHeaders = NULL;
    if (postHeaders == NULL) {
      postHeaders = curl_slist_append(postHeaders, "Expect:");
      postHeaders = curl_slist_append(postHeaders, "Content-Type: application/octet-stream");
    }
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, postHeaders);
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)g_postBody.size);
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, g_postBody.data);
  }
  return e;
}

static int response_ok(CURLMsg *msg, Xfer *x, long expect) {
  long status = 0;
  if (msg->data.result != CURLE_OK) return 0;
  curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE, &status);
  return status == 200 && (expect < 0 || (long)x->len == expect);
}

static void drop_cached(void) {
  if (!g_cached.open) return;
  for (int i = 0; i < g_cached.count; i++) {
    Xfer *x = &g_cached.xfers[i];
    if (x->active) curl_multi_remove_handle(g_cached.loop.multi, x->easy);
    curl_easy_cleanup(x->easy);
    free(x->buf);
    memset(x, 0, sizeof *x);
  }
  loop_close(&g_cached.loop);
  g_cached.open = 0;
  g_cached.key[0] = '\0';
}

static void op_throughput(const char *line, const char *method) {
  bench_throughput_args args;
  if (!bench_read_throughput(line, MAX_SLOTS, &args)) return;
  if (strcmp(method, "POST") == 0 && bench_body_resize(&g_postBody, args.size) != 0) return;
  const char *url = args.url;
  const long concurrency = args.concurrency, conns = args.conns, expect = args.expect, limit = args.limit;
  char key[BENCH_LINE_MAX];
  snprintf(key, sizeof key, "%s %s %ld %ld", method, url, conns, concurrency);
  if (!g_cached.open || strcmp(key, g_cached.key) != 0) {
    drop_cached();
    if (loop_open(&g_cached.loop, conns) != 0) {
      bench_reply_error("cannot create the multi handle");
      return;
    }
    g_cached.open = 1;
    snprintf(g_cached.key, sizeof g_cached.key, "%s", key);
    g_cached.count = (int)concurrency;
    for (int i = 0; i < g_cached.count; i++) {
      g_cached.xfers[i].easy = new_easy(url, method, &g_cached.xfers[i]);
      if (g_cached.xfers[i].easy == NULL) {
        bench_reply_error("cannot create an easy handle");
        drop_cached();
        return;
      }
    }
  }
  Loop *loop = &g_cached.loop;
  long count = 0, errors = 0, active = 0, started = 0;
  long long bytes = 0;
  double cpuUser0, cpuSystem0, cpuUser1, cpuSystem1;
  bench_cpu_ms(&cpuUser0, &cpuSystem0);
  double start = bench_now_ms();
  double deadline = start + (double)args.durationMs;
  for (int i = 0; i < g_cached.count && (limit <= 0 || started < limit); i++) {
    Xfer *x = &g_cached.xfers[i];
    x->len = 0;
    if (curl_multi_add_handle(loop->multi, x->easy) == CURLM_OK) {
      x->active = 1;
      active++;
      started++;
    }
  }
  while (active > 0) {
    loop_step(loop, 1000);
    CURLMsg *msg;
    int left = 0;
    while ((msg = curl_multi_info_read(loop->multi, &left)) != NULL) {
      if (msg->msg != CURLMSG_DONE) continue;
      Xfer *x = NULL;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&x);
      if (response_ok(msg, x, expect)) {
        count++;
        bytes += (long long)x->len;
      } else {
        errors++;
      }
      CURL *easy = msg->easy_handle;
      curl_multi_remove_handle(loop->multi, easy);
      x->len = 0;
      int again = limit > 0 ? started < limit : bench_now_ms() < deadline;
      if (again && errors < 1000 && curl_multi_add_handle(loop->multi, easy) == CURLM_OK) {
        started++;
        continue;
      }
      x->active = 0;
      active--;
    }
  }
  double elapsed = bench_now_ms() - start;
  bench_cpu_ms(&cpuUser1, &cpuSystem1);
  printf("{\"ok\":true,\"count\":%ld,\"errors\":%ld,\"elapsedMs\":%.3f,\"bytes\":%lld,\"cpuUserMs\":%.3f,"
         "\"cpuSystemMs\":%.3f}\n",
         count, errors, elapsed, bytes, cpuUser1 - cpuUser0, cpuSystem1 - cpuSystem0);
  fflush(stdout);
}

/* Runs one easy handle to completion on its own multi handle. Returns 1 on a good response. */
static int run_one(CURLM *multi, CURL *easy, Xfer *x, long expect) {
  int ok = 0, running = 1;
  x->len = 0;
  curl_multi_add_handle(multi, easy);
  while (running > 0) {
    if (curl_multi_perform(multi, &running) != CURLM_OK) break;
    if (running > 0) curl_multi_poll(multi, NULL, 0, 1000, NULL);
  }
  CURLMsg *msg;
  int left = 0;
  while ((msg = curl_multi_info_read(multi, &left)) != NULL) {
    if (msg->msg == CURLMSG_DONE) ok = response_ok(msg, x, expect);
  }
  curl_multi_remove_handle(multi, easy);
  return ok;
}

static void op_cycles(const char *line) {
  char url[BENCH_VALUE_MAX];
  if (!bench_arg(line, "url", url, sizeof url)) {
    bench_reply_error("no url");
    return;
  }
  drop_cached();
  long durationMs = bench_arg_long(line, "ms", 1000);
  long expect = bench_arg_long(line, "expect", -1);
  long count = 0, errors = 0;
  Xfer x;
  memset(&x, 0, sizeof x);
  double cpuUser0, cpuSystem0, cpuUser1, cpuSystem1;
  bench_cpu_ms(&cpuUser0, &cpuSystem0);
  double start = bench_now_ms();
  double deadline = start + (double)durationMs;
  while (bench_now_ms() < deadline && errors < 1000) {
    CURLM *multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, 1L);
    CURL *easy = new_easy(url, "GET", &x);
    if (run_one(multi, easy, &x, expect)) {
      count++;
    } else {
      errors++;
    }
    curl_easy_cleanup(easy);
    curl_multi_cleanup(multi);
  }
  double elapsed = bench_now_ms() - start;
  bench_cpu_ms(&cpuUser1, &cpuSystem1);
  free(x.buf);
  printf("{\"ok\":true,\"count\":%ld,\"errors\":%ld,\"elapsedMs\":%.3f,\"cpuUserMs\":%.3f,\"cpuSystemMs\":%.3f}\n",
         count, errors, elapsed, cpuUser1 - cpuUser0, cpuSystem1 - cpuSystem0);
  fflush(stdout);
}

static void op_close(const char *line) {
  char url[BENCH_VALUE_MAX];
  long n, conns, waitMs;
  if (!bench_close_args(line, MAX_SLOTS, url, sizeof url, &n, &conns, &waitMs)) return;
  drop_cached();
  long rssBefore, threadsBefore, rssInFlight, threadsInFlight;
  bench_proc_status(&rssBefore, &threadsBefore);
  Loop loop;
  if (loop_open(&loop, conns) != 0) {
    bench_reply_error("cannot create the multi handle");
    return;
  }
  static Xfer xfers[MAX_SLOTS];
  memset(xfers, 0, sizeof xfers);
  for (long i = 0; i < n; i++) {
    xfers[i].easy = new_easy(url, "GET", &xfers[i]);
    curl_multi_add_handle(loop.multi, xfers[i].easy);
  }
  double until = bench_now_ms() + (double)waitMs;
  while (bench_now_ms() < until) loop_step(&loop, 10);
  /* Anything finished early (it should not, the route is slow) is counted as not canceled. */
  long finishedEarly = 0;
  CURLMsg *msg;
  int left = 0;
  while ((msg = curl_multi_info_read(loop.multi, &left)) != NULL) {
    if (msg->msg == CURLMSG_DONE) finishedEarly++;
  }
  bench_proc_status(&rssInFlight, &threadsInFlight);
  double t0 = bench_now_ms();
  for (long i = 0; i < n; i++) {
    curl_multi_remove_handle(loop.multi, xfers[i].easy);
    curl_easy_cleanup(xfers[i].easy);
  }
  loop_close(&loop);
  double t1 = bench_now_ms();
  for (long i = 0; i < n; i++) free(xfers[i].buf);
  printf("{\"ok\":true,\"settleMs\":%.3f,\"closeCallMs\":%.3f,\"settled\":%ld,\"canceled\":%ld,"
         "\"rssBeforeKiB\":%ld,\"rssInFlightKiB\":%ld,\"threadsBefore\":%ld,\"threadsInFlight\":%ld}\n",
         t1 - t0, t1 - t0, n, n - finishedEarly, rssBefore, rssInFlight, threadsBefore, threadsInFlight);
  fflush(stdout);
}

static void op_idle(const char *line) {
  char url[BENCH_VALUE_MAX];
  if (!bench_arg(line, "url", url, sizeof url)) {
    bench_reply_error("no url");
    return;
  }
  drop_cached();
  long n = bench_arg_long(line, "n", 1024);
  long expect = bench_arg_long(line, "expect", -1);
  if (n < 1 || n > MAX_SLOTS) {
    bench_reply_error("bad n");
    return;
  }
  long rss[4], threads[4], untouchedRss, untouchedThreads;
  static CURLM *multis[MAX_SLOTS];
  Xfer x;
  memset(&x, 0, sizeof x);
  /* Threads count from before the warm-up request; RSS from after it. */
  bench_proc_status(&untouchedRss, &untouchedThreads);
  {
    CURLM *warm = curl_multi_init();
    CURL *easy = new_easy(url, "GET", &x);
    run_one(warm, easy, &x, expect);
    curl_easy_cleanup(easy);
    curl_multi_cleanup(warm);
  }
  bench_proc_status(&rss[0], &threads[0]);
  for (long i = 0; i < n; i++) {
    multis[i] = curl_multi_init();
    curl_multi_setopt(multis[i], CURLMOPT_MAX_HOST_CONNECTIONS, 6L);
    curl_multi_setopt(multis[i], CURLMOPT_MAXCONNECTS, 6L);
  }
  bench_proc_status(&rss[1], &threads[1]);
  long errors = 0;
  for (long i = 0; i < n; i++) {
    CURL *easy = new_easy(url, "GET", &x);
    if (!run_one(multis[i], easy, &x, expect)) errors++;
    curl_easy_cleanup(easy);
  }
  free(x.buf);
  bench_proc_status(&rss[2], &threads[2]);
  for (long i = 0; i < n; i++) curl_multi_cleanup(multis[i]);
  bench_proc_status(&rss[3], &threads[3]);
  printf("{\"ok\":true,\"errors\":%ld,\"sessions\":%ld,\"untouched\":{\"rssKiB\":%ld,\"threads\":%ld},"
         "\"baseline\":{\"rssKiB\":%ld,\"threads\":%ld},"
         "\"created\":{\"rssKiB\":%ld,\"threads\":%ld},\"used\":{\"rssKiB\":%ld,\"threads\":%ld},"
         "\"closed\":{\"rssKiB\":%ld,\"threads\":%ld}}\n",
         errors, n, untouchedRss, untouchedThreads, rss[0], threads[0], rss[1], threads[1], rss[2], threads[2], rss[3],
         threads[3]);
  fflush(stdout);
}

int main(int argc, char **argv) {
  if (argc > 1) g_caFile = argv[1];
  curl_global_init(CURL_GLOBAL_ALL);
  printf("{\"ok\":true,\"ready\":\"%s\"}\n", curl_version());
  fflush(stdout);
  const bench_driver driver = {op_throughput, op_cycles, op_close, op_idle};
  bench_serve(&driver);
  drop_cached();
  curl_global_cleanup();
  return 0;
}
