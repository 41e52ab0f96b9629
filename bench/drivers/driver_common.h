/*
 * What the two C bench drivers share: the line protocol they read on stdin
 * ("op key=value ..."), a monotonic clock, and the process's RSS and thread
 * count from /proc. Header-only so each driver stays one compile command.
 */
#ifndef BENCH_DRIVER_COMMON_H
#define BENCH_DRIVER_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define BENCH_LINE_MAX 4096
#define BENCH_VALUE_MAX 1024

/* Milliseconds on the monotonic clock, with sub-millisecond precision. */
static inline double bench_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static inline void bench_sleep_ms(long ms) {
  struct timespec ts;
  ts.tv_sec = ms / 1000;
  ts.tv_nsec = (ms % 1000) * 1000000L;
  while (nanosleep(&ts, &ts) != 0) {
  }
}

/* Copies the value of `key` in a command line into `out`; returns 0 when the key is absent. */
static inline int bench_arg(const char *line, const char *key, char *out, size_t outSize) {
  size_t keyLen = strlen(key);
  const char *p = line;
  while (*p != '\0') {
    while (*p == ' ') p++;
    const char *token = p;
    while (*p != '\0' && *p != ' ' && *p != '\n') p++;
    if ((size_t)(p - token) > keyLen && strncmp(token, key, keyLen) == 0 && token[keyLen] == '=') {
      size_t len = (size_t)(p - token) - keyLen - 1;
      if (len >= outSize) len = outSize - 1;
      memcpy(out, token + keyLen + 1, len);
      out[len] = '\0';
      return 1;
    }
    if (*p == '\n') break;
  }
  return 0;
}

static inline long bench_arg_long(const char *line, const char *key, long fallback) {
  char value[64];
  return bench_arg(line, key, value, sizeof value) ? strtol(value, NULL, 10) : fallback;
}

/* The first word of a command line. */
static inline void bench_op(const char *line, char *out, size_t outSize) {
  size_t i = 0;
  while (line[i] != '\0' && line[i] != ' ' && line[i] != '\n' && i + 1 < outSize) {
    out[i] = line[i];
    i++;
  }
  out[i] = '\0';
}

/* Resident set size in KiB and the number of threads of this process. */
static inline void bench_proc_status(long *rssKiB, long *threads) {
  char line[256];
  FILE *f = fopen("/proc/self/status", "r");
  *rssKiB = -1;
  *threads = -1;
  if (f == NULL) return;
  while (fgets(line, sizeof line, f) != NULL) {
    if (strncmp(line, "VmRSS:", 6) == 0) *rssKiB = strtol(line + 6, NULL, 10);
    if (strncmp(line, "Threads:", 8) == 0) *threads = strtol(line + 8, NULL, 10);
  }
  fclose(f);
}

/* CPU time of the whole process (every thread) in ms, user and system. */
static inline void bench_cpu_ms(double *userMs, double *systemMs) {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  *userMs = (double)usage.ru_utime.tv_sec * 1000.0 + (double)usage.ru_utime.tv_usec / 1000.0;
  *systemMs = (double)usage.ru_stime.tv_sec * 1000.0 + (double)usage.ru_stime.tv_usec / 1000.0;
}

/* Fills a buffer with a repeating pattern, for request bodies. */
static inline char *bench_pattern(size_t size) {
  char *p = (char *)malloc(size == 0 ? 1 : size);
  if (p == NULL) return NULL;
  for (size_t i = 0; i < size; i++) p[i] = (char)('a' + (i % 26));
  return p;
}

static inline void bench_reply_error(const char *message) {
  printf("{\"ok\":false,\"error\":\"%s\"}\n", message);
  fflush(stdout);
}

/* The arguments of a "get" or "post" throughput command. */
typedef struct bench_throughput_args {
  char url[BENCH_VALUE_MAX];
  long concurrency; /* c: fetches in flight, 1..maxSlots */
  long conns;       /* connections (default: c) */
  long durationMs;  /* ms: how long the sample runs */
  long expect;      /* the expected body length, or -1 for any */
  long limit;       /* n > 0: a fixed number of requests instead of a duration (for instruction counts) */
  long size;        /* the POST body's size */
} bench_throughput_args;

/* Reads a throughput command; for "post" (`isPost`) also makes `body` that
 * size. Replies with an error and returns 0 when the arguments are unusable. */
static inline int bench_read_throughput(const char *line, long maxSlots, bench_throughput_args *args) {
  if (!bench_arg(line, "url", args->url, sizeof args->url)) {
    bench_reply_error("no url");
    return 0;
  }
  args->concurrency = bench_arg_long(line, "c", 1);
  args->conns = bench_arg_long(line, "conns", args->concurrency);
  args->durationMs = bench_arg_long(line, "ms", 1000);
  args->expect = bench_arg_long(line, "expect", -1);
  args->limit = bench_arg_long(line, "n", 0);
  args->size = bench_arg_long(line, "size", 0);
  if (args->concurrency < 1 || args->concurrency > maxSlots) {
    bench_reply_error("bad concurrency");
    return 0;
  }
  return 1;
}

/* The POST body of the throughput samples: the pattern, made again only when its size changes. */
typedef struct bench_body {
  char *data;
  size_t size;
} bench_body;

/* Returns 0, or -1 (after replying with an error) when memory ran out. */
static inline int bench_body_resize(bench_body *body, long size) {
  if (size <= 0 || (size_t)size == body->size) return 0;
  free(body->data);
  body->data = bench_pattern((size_t)size);
  body->size = body->data == NULL ? 0 : (size_t)size;
  if (body->data != NULL) return 0;
  bench_reply_error("out of memory");
  return -1;
}

/* Arguments of the "close" command: url (required), n fetches in 1..maxN,
 * conns connections and waitMs before closing. Replies with an error and
 * returns 0 when they are unusable. */
static inline int bench_close_args(const char *line, long maxN, char *url, size_t urlSize, long *n, long *conns,
                                   long *waitMs) {
  if (!bench_arg(line, "url", url, urlSize)) {
    bench_reply_error("no url");
    return 0;
  }
  *n = bench_arg_long(line, "n", 1000);
  *conns = bench_arg_long(line, "conns", 64);
  *waitMs = bench_arg_long(line, "waitMs", 300);
  if (*n < 1 || *n > maxN) {
    bench_reply_error("bad n");
    return 0;
  }
  return 1;
}

/* What a driver does for each command the bench sends it. */
typedef struct bench_driver {
  void (*throughput)(const char *line, const char *method);
  void (*cycles)(const char *line);
  void (*close)(const char *line);
  void (*idle)(const char *line);
} bench_driver;

/* Reads commands from stdin, one per line, until "quit" or end of input. */
static inline void bench_serve(const bench_driver *driver) {
  char line[BENCH_LINE_MAX];
  char op[64];
  while (fgets(line, sizeof line, stdin) != NULL) {
    bench_op(line, op, sizeof op);
    if (strcmp(op, "get") == 0) {
      driver->throughput(line, "GET");
    } else if (strcmp(op, "post") == 0) {
      driver->throughput(line, "POST");
    } else if (strcmp(op, "cycles") == 0) {
      driver->cycles(line);
    } else if (strcmp(op, "close") == 0) {
      driver->close(line);
    } else if (strcmp(op, "idle") == 0) {
      driver->idle(line);
    } else if (strcmp(op, "quit") == 0) {
      break;
    } else {
      bench_reply_error("unknown op");
    }
  }
}

#endif /* BENCH_DRIVER_COMMON_H */
