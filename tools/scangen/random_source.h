#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace travet::scangen {

// A seeded random source whose draws are the same on every platform and
// standard library: it uses only the raw output of std::mt19937_64 (fixed by
// the standard), never the implementation-defined distributions. Make one
// draw per statement: the order in which the operands of one expression are
// evaluated is unspecified (g++ goes right to left, clang left to right). The
// committed sample pages were made by g++, so where an expression once held
// several draws they are now made last to first.
class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}

  // A seed for stream `stream` of item `index` under `seed`, so that item 7
  // is the same whether 10 or 100 items are generated.
  static std::uint64_t Derive(std::uint64_t seed, std::uint64_t index, std::uint64_t stream);

  std::uint64_t Next() { return engine_(); }
  // A uniform integer in [lo, hi].
  int Int(int lo, int hi);
  // A uniform real in [lo, hi).
  double Real(double lo, double hi);
  // True with probability `p`.
  bool Chance(double p) { return Real(0, 1) < p; }
  // `count` random decimal digits.
  std::string Digits(int count);

  // 0..n-1 in random order (Fisher-Yates).
  std::vector<int> Permutation(int n);

  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(Int(0, static_cast<int>(items.size()) - 1))];
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace travet::scangen
