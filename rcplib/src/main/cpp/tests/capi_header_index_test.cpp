// The index behind Rcp_Headers for received headers: a response's header
// lines (taken over, or read in place during the header callback) become a
// collection that the public functions read (case-insensitive names, values
// in arrival order, set replaces, clones are independent), and building it
// costs time proportional to the number of lines (times a logarithm for
// distinct names), whether they repeat one name or all differ.
#include <gtest/gtest.h>
#include <rcp/rcp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "capi/objects.h"
#include "core/http_types.h"
#include "thread_cpu_clock.h"

namespace {

using rcp::core::Header;
using rcp::core::HeaderList;

std::vector<std::string> valuesOf(Rcp_Headers* headers, const char* name) {
  std::vector<std::string> values;
  for (Rcp_HeaderValue* value = Rcp_GetHeaderValue(headers, name); value != nullptr; value = value->next) {
    values.push_back(value->value);
  }
  return values;
}

// "name=v1,v2;name=v3" for every entry of Rcp_GetHeaderEntries, in order.
std::string entriesText(Rcp_Headers* headers) {
  std::string text;
  Rcp_HeaderEntry* entries = Rcp_GetHeaderEntries(headers);
  for (Rcp_HeaderEntry* entry = entries; entry != nullptr; entry = entry->next) {
    if (!text.empty()) text += ';';
    text += entry->key;
    text += '=';
    for (Rcp_HeaderValue* value = entry->value; value != nullptr; value = value->next) {
      if (value != entry->value) text += ',';
      text += value->value;
    }
  }
  Rcp_DestroyHeaderEntries(entries);
  return text;
}

TEST(CapiHeaderIndex, received_values_of_one_name_form_one_chain_in_arrival_order) {
  std::unique_ptr<Rcp_Headers> headers =
      rcp::capi::headersFromList(HeaderList{{"x-a", "1"}, {"x-b", "b"}, {"X-A", "2"}, {"x-a", "3"}});
  EXPECT_EQ(valuesOf(headers.get(), "X-a"), (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(valuesOf(headers.get(), "x-b"), std::vector<std::string>{"b"});
  EXPECT_EQ(Rcp_GetHeaderValue(headers.get(), "x-c"), nullptr);
  // Fields in order of first arrival, with the spelling of the first one.
  EXPECT_EQ(entriesText(headers.get()), "x-a=1,2,3;x-b=b");
}

TEST(CapiHeaderIndex, set_replaces_every_received_value_and_keeps_the_field_in_place) {
  std::unique_ptr<Rcp_Headers> headers =
      rcp::capi::headersFromList(HeaderList{{"x-a", "1"}, {"x-a", "2"}, {"x-b", "b"}});
  ASSERT_EQ(Rcp_SetHeaderValue(headers.get(), "X-A", "only"), 0u);
  Rcp_HeaderValue* chain = Rcp_GetHeaderValue(headers.get(), "x-a");
  ASSERT_NE(chain, nullptr);
  EXPECT_STREQ(chain->value, "only");
  EXPECT_EQ(chain->next, nullptr);
  EXPECT_EQ(entriesText(headers.get()), "x-a=only;x-b=b");
  // Setting again replaces again; a new name goes at the end.
  ASSERT_EQ(Rcp_SetHeaderValue(headers.get(), "x-a", "again"), 0u);
  ASSERT_EQ(Rcp_SetHeaderValue(headers.get(), "X-New", "n"), 0u);
  EXPECT_EQ(entriesText(headers.get()), "x-a=again;x-b=b;X-New=n");
}

TEST(CapiHeaderIndex, appending_after_a_received_list_keeps_arrival_order) {
  std::unique_ptr<Rcp_Headers> headers = rcp::capi::headersFromList(HeaderList{{"x-a", "1"}});
  rcp::capi::appendHeader(headers.get(), "x-b", "b");
  rcp::capi::appendHeader(headers.get(), "X-A", "2");
  EXPECT_EQ(entriesText(headers.get()), "x-a=1,2;x-b=b");
}

TEST(CapiHeaderIndex, a_returned_chain_stays_valid_while_other_names_are_added) {
  Rcp_Headers* headers = Rcp_CreateHeaders();
  ASSERT_EQ(Rcp_SetHeaderValue(headers, "X-Kept", "kept"), 0u);
  Rcp_HeaderValue* kept = Rcp_GetHeaderValue(headers, "x-kept");
  ASSERT_NE(kept, nullptr);
  for (int i = 0; i < 2000; ++i) {
    ASSERT_EQ(Rcp_SetHeaderValue(headers, ("X-" + std::to_string(i)).c_str(), std::to_string(i).c_str()), 0u);
  }
  EXPECT_STREQ(kept->value, "kept");
  EXPECT_EQ(kept->next, nullptr);
  EXPECT_EQ(kept, Rcp_GetHeaderValue(headers, "X-KEPT"));
  EXPECT_EQ(valuesOf(headers, "x-1999"), std::vector<std::string>{"1999"});
  Rcp_DestroyHeaders(headers);
}

TEST(CapiHeaderIndex, clone_and_header_list_carry_every_value_and_are_independent) {
  std::unique_ptr<Rcp_Headers> original =
      rcp::capi::headersFromList(HeaderList{{"x-a", "1"}, {"x-b", "b"}, {"x-a", "2"}});
  std::unique_ptr<Rcp_Headers> copy = rcp::capi::cloneHeaders(*original);
  ASSERT_EQ(Rcp_SetHeaderValue(copy.get(), "x-a", "changed"), 0u);
  EXPECT_EQ(valuesOf(original.get(), "x-a"), (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(valuesOf(copy.get(), "x-a"), std::vector<std::string>{"changed"});

  const HeaderList flat = rcp::capi::headerList(*original);
  ASSERT_EQ(flat.size(), 3u);
  EXPECT_EQ(flat[0].name + "=" + flat[0].value, "x-a=1");
  EXPECT_EQ(flat[1].name + "=" + flat[1].value, "x-a=2");
  EXPECT_EQ(flat[2].name + "=" + flat[2].value, "x-b=b");
}

TEST(CapiHeaderIndex, a_received_value_with_a_nul_byte_is_kept_whole) {
  const std::string withNul("a\0b", 3);
  std::unique_ptr<Rcp_Headers> headers = rcp::capi::headersFromList(HeaderList{{"x-a", withNul}});
  EXPECT_STREQ(Rcp_GetHeaderValue(headers.get(), "x-a")->value, "a");  // a C string ends at the NUL
  EXPECT_EQ(rcp::capi::headerList(*headers).at(0).value, withNul);
}

TEST(CapiHeaderIndex, a_borrowed_list_reads_like_a_taken_one_and_is_left_unchanged) {
  const HeaderList received{{"x-a", "1"}, {"set-cookie", "a=1"}, {"X-A", "2"}, {"set-cookie", "b=2"}};
  std::unique_ptr<Rcp_Headers> headers = rcp::capi::headersBorrowing(received);
  EXPECT_EQ(entriesText(headers.get()), "x-a=1,2;set-cookie=a=1,b=2");
  ASSERT_EQ(Rcp_SetHeaderValue(headers.get(), "x-a", "changed"), 0u);
  EXPECT_EQ(valuesOf(headers.get(), "x-a"), std::vector<std::string>{"changed"});
  ASSERT_EQ(received.size(), 4u);
  EXPECT_EQ(received[0].value, "1");  // the engine's list is read, never written
  EXPECT_EQ(received[2].value, "2");
}

TEST(CapiHeaderIndex, an_empty_collection_reads_as_empty) {
  std::unique_ptr<Rcp_Headers> headers = rcp::capi::headersFromList(HeaderList{});
  EXPECT_EQ(Rcp_GetHeaderValue(headers.get(), "x-a"), nullptr);
  EXPECT_EQ(Rcp_GetHeaderEntries(headers.get()), nullptr);
  EXPECT_TRUE(rcp::capi::headerList(*headers).empty());
}

// The shapes of a header block a server may flood with.
enum class Flood {
  OneName,           // "x-flood" on every line
  OneNameMixedCase,  // "x-flood", "X-FLOOD", ... (one name, spelled two ways)
  DistinctNames,     // "x-name-0", "x-name-1", ...
};

std::string lineName(Flood flood, size_t i) {
  switch (flood) {
    case Flood::OneName: return "x-flood";
    case Flood::OneNameMixedCase: return i % 2 == 0 ? "x-flood" : "X-FLOOD";
    case Flood::DistinctNames: break;
  }
  return "x-name-" + std::to_string(i);
}

// CPU seconds to index `lines` received lines (the first read builds the index),
// best of several runs so a preemption cannot inflate one measurement. The
// lines are generated before the clock starts.
double bestIndexingSeconds(size_t lines, Flood flood) {
  double best = 1e9;
  for (int run = 0; run < 3; ++run) {
    HeaderList list;
    list.reserve(lines);
    for (size_t i = 0; i < lines; ++i) list.push_back(Header{lineName(flood, i), std::to_string(i)});
    const std::string probe = flood == Flood::DistinctNames ? "X-NAME-" + std::to_string(lines - 1) : "X-Flood";
    const double start = rcp::test::threadCpuSeconds();
    std::unique_ptr<Rcp_Headers> headers = rcp::capi::headersFromList(std::move(list));
    Rcp_HeaderValue* chain = Rcp_GetHeaderValue(headers.get(), probe.c_str());
    best = std::min(best, rcp::test::threadCpuSeconds() - start);

    size_t count = 0;
    for (Rcp_HeaderValue* value = chain; value != nullptr; value = value->next) ++count;
    EXPECT_EQ(count, flood == Flood::DistinctNames ? 1u : lines);
  }
  return best;
}

// 16x the lines must cost at most 64x the time: n log n (about 21x) with room
// for cache effects and a busy machine, where a quadratic index would cost 256x.
void expectLinearIndexing(Flood flood, const char* label) {
  constexpr size_t kLines = 5000;
  const double small = bestIndexingSeconds(kLines, flood);
  const double large = bestIndexingSeconds(16 * kLines, flood);
  const double ratio = large / std::max(small, 1e-6);
  std::printf("[ index ] %s: %zu lines %.2f ms, %zu lines %.2f ms, ratio %.2f\n", label, kLines, small * 1e3,
              16 * kLines, large * 1e3, ratio);
  EXPECT_LE(ratio, 64.0) << "indexing " << 16 * kLines << " lines took " << ratio << "x the time of " << kLines;
}

TEST(CapiHeaderIndex, indexing_one_repeated_name_costs_time_linear_in_the_lines) {
  expectLinearIndexing(Flood::OneName, "one name");
}

TEST(CapiHeaderIndex, indexing_one_name_in_changing_case_costs_time_linear_in_the_lines) {
  expectLinearIndexing(Flood::OneNameMixedCase, "one name, mixed case");
}

TEST(CapiHeaderIndex, indexing_distinct_names_costs_time_linear_in_the_lines) {
  expectLinearIndexing(Flood::DistinctNames, "distinct names");
}

}  // namespace
