// DnsConfiguration.happyEyeballOnDnsRule: without it only the last address
// the static rules give a host is used; with it every address is tried. The
// scripted server listens on 127.0.0.1; nothing listens on 127.0.0.3, so a
// connection there is refused.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/configuration_layer.h"
#include "engine_fetch.h"
#include "scripted_server.h"

namespace rcp {
namespace {

using core::ConfigurationLayer;
using test::ScriptedConnection;
using test::ScriptedServer;

constexpr const char* kRefused = "127.0.0.3";
constexpr const char* kListening = "127.0.0.1";

// The code of one GET of http://he.test:<port>/ with `rules` for he.test.
uint32_t fetchWithRules(const std::vector<std::vector<std::string>>& rules, std::optional<bool> happyEyeballs) {
  ScriptedServer server([](ScriptedConnection& c, int) {
    if (c.readRequestHead().empty()) return;
    c.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
  });
  const std::string url = server.url();  // http://127.0.0.1:<port>/
  const std::string portText = url.substr(url.rfind(':') + 1, url.size() - url.rfind(':') - 2);
  const uint16_t port = static_cast<uint16_t>(std::stoi(portText));
  ConfigurationLayer layer;
  layer.dnsRules = ConfigurationLayer::DnsRules{};
  for (const std::vector<std::string>& addresses : rules) {
    layer.dnsRules->staticRules.push_back(core::StaticDnsRule{"he.test", port, addresses});
  }
  layer.happyEyeballs = happyEyeballs;
  std::string detail;
  EXPECT_EQ(core::checkConfigurationLayer(layer, &detail), core::kOk) << detail;
  auto session = test::newSession();
  core::Request request = test::getRequest("http://he.test:" + portText + "/");
  core::resolveOptions(&layer, nullptr, &request.options);
  auto rec = test::runFetch(*session, std::move(request));
  session->close();
  return rec->code();
}

TEST(HappyEyeballsOnDnsRule, off_by_default_only_the_last_address_is_used) {
  EXPECT_EQ(fetchWithRules({{kListening, kRefused}}, std::nullopt), core::kCouldntConnect);
  EXPECT_EQ(fetchWithRules({{kRefused, kListening}}, std::nullopt), core::kOk);
  EXPECT_EQ(fetchWithRules({{kListening}, {kRefused}}, false), core::kCouldntConnect);
}

TEST(HappyEyeballsOnDnsRule, on_every_address_of_every_rule_for_the_host_is_tried) {
  EXPECT_EQ(fetchWithRules({{kListening, kRefused}}, true), core::kOk);
  EXPECT_EQ(fetchWithRules({{kRefused, kListening}}, true), core::kOk);
  EXPECT_EQ(fetchWithRules({{kListening}, {kRefused}}, true), core::kOk);
}

TEST(HappyEyeballsOnDnsRule, the_requests_member_wins_over_the_sessions) {
  ConfigurationLayer session;
  session.happyEyeballs = true;
  ConfigurationLayer own;
  core::RequestOptions o;
  core::resolveOptions(&own, &session, &o);
  EXPECT_TRUE(o.happyEyeballs);
  own.happyEyeballs = false;
  core::resolveOptions(&own, &session, &o);
  EXPECT_FALSE(o.happyEyeballs);
  core::resolveOptions(nullptr, nullptr, &o);
  EXPECT_FALSE(o.happyEyeballs);
}

}  // namespace
}  // namespace rcp
