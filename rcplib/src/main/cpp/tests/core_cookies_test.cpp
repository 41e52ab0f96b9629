// Set-Cookie parsing on its own (core/cookies.cpp): attributes, lenient
// spots, hostile input. The values come from servers and are never trusted.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/cookies.h"
#include "thread_cpu_clock.h"

namespace rcp::test {
namespace {

using core::ResponseCookie;

ResponseCookie parsed(const std::string& value) {
  ResponseCookie cookie;
  EXPECT_TRUE(core::parseSetCookie(value, &cookie)) << value;
  return cookie;
}

TEST(Cookies, name_value_and_every_attribute_are_read) {
  const ResponseCookie c =
      parsed("sid = \"abc\" ; Domain=.Example.com; Path=/app; Expires=Wed, 21 Oct 2037 07:28:00 GMT; Max-Age=60; "
             "Secure; HttpOnly; SameSite=Lax; Priority=High");
  EXPECT_EQ(c.name, "sid");
  EXPECT_EQ(c.value, "abc");           // quotes around the whole value are removed
  EXPECT_EQ(c.domain, "Example.com");  // the leading dot is ignored
  EXPECT_EQ(c.path, "/app");
  EXPECT_EQ(c.expires, "Wed, 21 Oct 2037 07:28:00 GMT");
  EXPECT_TRUE(c.hasMaxAge);
  EXPECT_EQ(c.maxAge, 60);
  EXPECT_TRUE(c.secure);
  EXPECT_TRUE(c.httpOnly);
  EXPECT_EQ(c.sameSite, "Lax");
  ASSERT_EQ(c.attributes.size(), 8u);
  EXPECT_EQ(c.attributes.back().name, "Priority");
  EXPECT_EQ(c.attributes.back().value, "High");
}

TEST(Cookies, headers_without_a_usable_pair_are_ignored) {
  ResponseCookie c;
  EXPECT_FALSE(core::parseSetCookie("no-equals-sign", &c));
  EXPECT_FALSE(core::parseSetCookie("=value-without-name", &c));
  EXPECT_FALSE(core::parseSetCookie("", &c));
  const core::HeaderList headers{
      {"set-cookie", "a=1"}, {"set-cookie", "broken"}, {"x-other", "b=2"}, {"set-cookie", "c=3"}};
  const std::vector<ResponseCookie> cookies = core::parseSetCookies(headers);
  ASSERT_EQ(cookies.size(), 2u);
  EXPECT_EQ(cookies[0].name, "a");
  EXPECT_EQ(cookies[1].name, "c");
}

TEST(Cookies, a_max_age_that_is_not_a_number_or_overflows_is_not_taken) {
  EXPECT_FALSE(parsed("a=1; Max-Age=12x").hasMaxAge);
  EXPECT_FALSE(parsed("a=1; Max-Age=99999999999999999999999").hasMaxAge);
  EXPECT_FALSE(parsed("a=1; Max-Age=").hasMaxAge);
  const ResponseCookie negative = parsed("a=1; Max-Age=-5");
  EXPECT_TRUE(negative.hasMaxAge);
  EXPECT_EQ(negative.maxAge, -5);
}

TEST(Cookies, prototype_names_are_ordinary_names) {
  const ResponseCookie c = parsed("__proto__=x; constructor=y; toString");
  EXPECT_EQ(c.name, "__proto__");
  EXPECT_EQ(c.value, "x");
  ASSERT_EQ(c.attributes.size(), 2u);
  EXPECT_EQ(c.attributes[0].name, "constructor");
  EXPECT_EQ(c.attributes[0].value, "y");
  EXPECT_EQ(c.attributes[1].name, "toString");
}

double cpuSecondsToParse(size_t attributes) {
  std::string value = "a=1";
  for (size_t i = 0; i < attributes; ++i) value += "; x" + std::to_string(i) + "=v";
  double best = 1e9;
  for (int run = 0; run < 3; ++run) {
    ResponseCookie c;
    const double start = threadCpuSeconds();
    EXPECT_TRUE(core::parseSetCookie(value, &c));
    best = std::min(best, threadCpuSeconds() - start);
    EXPECT_EQ(c.attributes.size(), attributes);
  }
  return best;
}

TEST(Cookies, parsing_grows_linearly_with_the_number_of_attributes) {
  const double small = cpuSecondsToParse(2000);
  const double large = cpuSecondsToParse(32000);
  // Sixteen times the attributes; quadratic work would take 256 times as long.
  EXPECT_LT(large / std::max(small, 1e-6), 64.0);
}

}  // namespace
}  // namespace rcp::test
