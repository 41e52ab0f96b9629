// ResponseHead: which response block each header line belongs to, without a
// network. The wire-level tests are in core_wire_defects_test.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "core/errors.h"
#include "core/response_head.h"
#include "core/validation.h"
#include "thread_cpu_clock.h"

namespace rcp::test {
namespace {

using core::ResponseHead;
using Line = ResponseHead::Line;

struct Fed {
  std::vector<Line> kinds;
  uint32_t error = core::kOk;
};

Fed feedAll(ResponseHead& head, const std::vector<std::string>& lines) {
  Fed fed;
  for (const std::string& line : lines) {
    Line kind = Line::Dropped;
    std::string message;
    const std::string withCrlf = line + "\r\n";
    fed.error = head.feed(withCrlf.data(), withCrlf.size(), &kind, &message);
    if (fed.error != core::kOk) {
      EXPECT_FALSE(message.empty());
      break;
    }
    fed.kinds.push_back(kind);
  }
  return fed;
}

TEST(ResponseHead, token_characters_are_exactly_rfc_9110_tchar) {
  const std::string specials = "!#$%&'*+-.^_`|~";
  for (int c = 0; c < 256; ++c) {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool expected = alnum || (c != 0 && specials.find(static_cast<char>(c)) != std::string::npos);
    EXPECT_EQ(core::isTokenChar(static_cast<unsigned char>(c)), expected) << "byte " << c;
  }
}

TEST(ResponseHead, status_fields_and_end_of_block) {
  ResponseHead head;
  Fed fed = feedAll(head, {"HTTP/1.1 404 Not Found", "Content-Type: text/plain", "X-A:  spaced value \t", ""});
  EXPECT_EQ(fed.kinds, (std::vector<Line>{Line::StatusLine, Line::Field, Line::Field, Line::BlockEnd}));
  EXPECT_EQ(head.status(), 404);
  EXPECT_EQ(head.reason(), "Not Found");
  ASSERT_EQ(head.fields().size(), 2u);
  EXPECT_EQ(head.fields()[0].name, "content-type");
  EXPECT_EQ(head.fields()[1].value, "spaced value");
  EXPECT_FALSE(head.readingBlock());
}

TEST(ResponseHead, only_the_first_line_of_a_block_is_a_status_line) {
  ResponseHead head;
  Fed fed = feedAll(head, {"HTTP/1.1 200 OK", "X-Before: 1", "HTTP/1.1 302 Found: x", "X-After: 2", ""});
  EXPECT_EQ(fed.kinds[2], Line::Dropped);  // not a token name
  EXPECT_EQ(head.status(), 200);
  EXPECT_EQ(head.reason(), "OK");
  ASSERT_EQ(head.fields().size(), 2u);
  EXPECT_EQ(head.fields()[1].name, "x-after");
}

TEST(ResponseHead, a_new_block_after_an_interim_one_starts_afresh) {
  ResponseHead head;
  feedAll(head, {"HTTP/1.1 103 Early Hints", "Link: </a>", "", "HTTP/1.1 200 OK", "X-Final: 1", ""});
  EXPECT_EQ(head.status(), 200);
  ASSERT_EQ(head.fields().size(), 1u);
  EXPECT_EQ(head.fields()[0].name, "x-final");
}

TEST(ResponseHead, lines_after_the_final_block_are_trailers) {
  ResponseHead head;
  Fed fed = feedAll(head, {"HTTP/1.1 200 OK", "X-Head: 1", "", "X-Trailer: t", "Set-Cookie: a=1", ""});
  EXPECT_EQ(fed.kinds, (std::vector<Line>{Line::StatusLine, Line::Field, Line::BlockEnd, Line::Trailer, Line::Trailer,
                                          Line::Dropped}));
  ASSERT_EQ(head.fields().size(), 1u);
  EXPECT_EQ(head.fields()[0].name, "x-head");
}

TEST(ResponseHead, names_that_are_not_tokens_and_folded_lines_are_dropped) {
  ResponseHead head;
  Fed fed = feedAll(head, {"HTTP/1.1 200 OK", "Bad Name: x", " folded: y", ": empty", "no colon", "Good: z", ""});
  EXPECT_EQ(fed.kinds, (std::vector<Line>{Line::StatusLine, Line::Dropped, Line::Dropped, Line::Dropped, Line::Dropped,
                                          Line::Field, Line::BlockEnd}));
}

TEST(ResponseHead, an_obsolete_line_folding_continues_the_previous_value_with_one_space) {
  ResponseHead head;
  Fed fed = feedAll(head, {"HTTP/1.1 200 OK", "X-Folded: a", " \t b", "\tc ", "X-Next: d", ""});
  EXPECT_EQ(fed.kinds,
            (std::vector<Line>{Line::StatusLine, Line::Field, Line::Field, Line::Field, Line::Field, Line::BlockEnd}));
  ASSERT_EQ(head.fields().size(), 2u);
  EXPECT_EQ(head.fields()[0].value, "a b c");
  EXPECT_EQ(head.fields()[1].value, "d");
  ResponseHead length;
  EXPECT_EQ(feedAll(length, {"HTTP/1.1 200 OK", "Content-Length: 5", " 6"}).error, core::kWeirdServerReply);
}

TEST(ResponseHead, the_status_line_version_is_noticed) {
  ResponseHead head;
  feedAll(head, {"HTTP/2 200 "});
  EXPECT_EQ(head.majorVersion(), 2);
  feedAll(head, {"", "HTTP/1.1 200 OK"});
  EXPECT_EQ(head.majorVersion(), 1);
}

TEST(ResponseHead, location_is_noticed_only_when_not_empty) {
  ResponseHead empty;
  feedAll(empty, {"HTTP/1.1 302 Found", "Location:   ", ""});
  EXPECT_FALSE(empty.hasLocation());
  ResponseHead given;
  feedAll(given, {"HTTP/1.1 302 Found", "Location: /next", ""});
  EXPECT_TRUE(given.hasLocation());
}

TEST(ResponseHead, content_length_rules_follow_rfc_9112) {
  const std::vector<std::vector<std::string>> bad = {
      {"Content-Length: 18446744073709551621"},
      {"Content-Length: 9223372036854775808"},
      {"Content-Length: -1"},
      {"Content-Length: 5x"},
      {"Content-Length: "},
      {"Content-Length: 5,"},
      {"Content-Length: 5, 6"},
      {"Content-Length: 5", "Content-Length: 6"},
  };
  for (const auto& lines : bad) {
    ResponseHead head;
    std::vector<std::string> all{"HTTP/1.1 200 OK"};
    all.insert(all.end(), lines.begin(), lines.end());
    EXPECT_EQ(feedAll(head, all).error, core::kWeirdServerReply) << lines.back();
  }
  const std::vector<std::vector<std::string>> good = {
      {"Content-Length: 9223372036854775807"},
      {"Content-Length: 5, 5"},
      {"Content-Length: 5", "Content-Length: 5"},
      {"Content-Length: 0"},
  };
  for (const auto& lines : good) {
    ResponseHead head;
    std::vector<std::string> all{"HTTP/1.1 200 OK"};
    all.insert(all.end(), lines.begin(), lines.end());
    EXPECT_EQ(feedAll(head, all).error, core::kOk) << lines.back();
  }
  // Each block has its own length.
  ResponseHead head;
  EXPECT_EQ(
      feedAll(head, {"HTTP/1.1 302 Found", "Content-Length: 3", "", "HTTP/1.1 200 OK", "Content-Length: 9"}).error,
      core::kOk);
}

// CPU seconds to feed `lines` field lines after a status line, best of three runs
// so that a preemption cannot inflate one measurement. The lines are built
// before the clock starts.
double secondsToFeed(size_t lines, bool sameName) {
  std::vector<std::string> text;
  text.reserve(lines);
  for (size_t i = 0; i < lines; ++i) {
    text.push_back((sameName ? std::string("x-flood") : "x-" + std::to_string(i)) + ": v\r\n");
  }
  double best = 1e9;
  for (int run = 0; run < 3; ++run) {
    ResponseHead head;
    Line kind = Line::Dropped;
    std::string message;
    const std::string status = "HTTP/1.1 200 OK\r\n";
    head.feed(status.data(), status.size(), &kind, &message);
    const double start = threadCpuSeconds();
    for (const std::string& line : text) head.feed(line.data(), line.size(), &kind, &message);
    best = std::min(best, threadCpuSeconds() - start);
    EXPECT_EQ(head.fields().size(), lines);
  }
  return best;
}

TEST(ResponseHead, work_grows_linearly_with_the_number_of_lines) {
  for (bool sameName : {true, false}) {
    const double small = secondsToFeed(5000, sameName);
    const double large = secondsToFeed(80000, sameName);
    const double ratio = large / std::max(small, 1e-6);
    std::printf("[ head ] %s: 5000 lines %.2f ms, 80000 lines %.2f ms, ratio %.2f\n",
                sameName ? "one name" : "distinct names", small * 1e3, large * 1e3, ratio);
    // Sixteen times the lines: linear work takes about sixteen times as long
    // (more with cache effects and a busy machine), quadratic work 256 times.
    EXPECT_LT(ratio, 64.0) << (sameName ? "one name" : "distinct names");
  }
}

}  // namespace
}  // namespace rcp::test
