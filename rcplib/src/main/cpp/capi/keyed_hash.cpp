#include "capi/keyed_hash.h"

#include <chrono>
#include <cstdint>
#include <random>

namespace rcp::capi {
namespace {

struct Key {
  uint64_t k0 = 0;
  uint64_t k1 = 0;
};

// Never throws: without a random device the key still differs per run (time
// and address), which is weaker but keeps the index working.
Key drawKey() noexcept {
  Key key;
  try {
    std::random_device device;
    std::uniform_int_distribution<uint64_t> any;
    key.k0 = any(device);
    key.k1 = any(device);
  } catch (...) {
    static int anchor = 0;
    key.k0 = static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    key.k1 = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(&anchor)) * 0x9e3779b97f4a7c15ULL;
  }
  return key;
}

const Key& processKey() noexcept {
  static const Key key = drawKey();
  return key;
}

constexpr uint64_t rotateLeft(uint64_t value, int bits) { return (value << bits) | (value >> (64 - bits)); }

struct SipState {
  uint64_t v0, v1, v2, v3;

  void round() {
    v0 += v1;
    v1 = rotateLeft(v1, 13);
    v1 ^= v0;
    v0 = rotateLeft(v0, 32);
    v2 += v3;
    v3 = rotateLeft(v3, 16);
    v3 ^= v2;
    v0 += v3;
    v3 = rotateLeft(v3, 21);
    v3 ^= v0;
    v2 += v1;
    v1 = rotateLeft(v1, 17);
    v1 ^= v2;
    v2 = rotateLeft(v2, 32);
  }

  // One compression round per 8-byte word: enough for a hash table, where the
  // output is never shown to the party choosing the input.
  void absorb(uint64_t word) {
    v3 ^= word;
    round();
    v0 ^= word;
  }
};

// Little-endian load of `count` (at most 8) bytes.
uint64_t loadWord(const unsigned char* bytes, size_t count) {
  uint64_t word = 0;
  for (size_t i = 0; i < count; ++i) word |= static_cast<uint64_t>(bytes[i]) << (8 * i);
  return word;
}

}  // namespace

size_t KeyedHash::operator()(const std::string& text) const noexcept {
  const Key& key = processKey();
  SipState s{key.k0 ^ 0x736f6d6570736575ULL, key.k1 ^ 0x646f72616e646f6dULL, key.k0 ^ 0x6c7967656e657261ULL,
             key.k1 ^ 0x7465646279746573ULL};
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t length = text.size();
  const size_t wholeWords = length / 8;
  for (size_t i = 0; i < wholeWords; ++i) s.absorb(loadWord(bytes + 8 * i, 8));
  // The last word carries the length, so "a" and "a\0" differ.
  const uint64_t tail = loadWord(bytes + 8 * wholeWords, length % 8) | (static_cast<uint64_t>(length) << 56);
  s.absorb(tail);
  s.v2 ^= 0xff;
  s.round();
  s.round();
  s.round();
  return static_cast<size_t>(s.v0 ^ s.v1 ^ s.v2 ^ s.v3);
}

}  // namespace rcp::capi
