#include "tools/scangen/random_source.h"

#include <utility>

namespace travet::scangen {
namespace {

// SplitMix64's finaliser: spreads nearby seeds far apart.
std::uint64_t Mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

}  // namespace

std::uint64_t Random::Derive(std::uint64_t seed, std::uint64_t index, std::uint64_t stream) {
  return Mix(Mix(Mix(seed) ^ index) ^ stream);
}

int Random::Int(int lo, int hi) {
  const auto span = static_cast<std::uint64_t>(static_cast<std::int64_t>(hi) - lo + 1);
  return lo + static_cast<int>(Next() % span);  // the bias is below 2^-40
}

double Random::Real(double lo, double hi) {
  const double unit = static_cast<double>(Next() >> 11) * 0x1.0p-53;
  return lo + (hi - lo) * unit;
}

std::string Random::Digits(int count) {
  std::string out;
  for (int i = 0; i < count; ++i) {
    out.push_back(static_cast<char>('0' + Int(0, 9)));
  }
  return out;
}

std::vector<int> Random::Permutation(int n) {
  std::vector<int> order(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i)
    order[static_cast<std::size_t>(i)] = i;
  for (int i = n - 1; i > 0; --i) {
    std::swap(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(Int(0, i))]);
  }
  return order;
}

}  // namespace travet::scangen
