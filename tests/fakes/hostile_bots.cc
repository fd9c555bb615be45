#include "tests/fakes/hostile_bots.h"

namespace travet::testing {
namespace {

std::string Repeat(const std::string& piece, size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (size_t i = 0; i < times; ++i)
    out += piece;
  return out;
}

const char kSteps[] = "steps:\n  - uses: log\n    with: { message: hello }\n";

// "billion laughs": 10 levels of 10 aliases each, 10^10 nodes once expanded.
std::string AliasBomb() {
  std::string text =
      "bot: demo\nvars:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int level = 1; level < 10; ++level) {
    std::string prev = "*l" + std::to_string(level - 1);
    text += "  l" + std::to_string(level) + ": &l" + std::to_string(level) + " [" +
            Repeat(prev + ", ", 9) + prev + "]\n";
  }
  return text + kSteps;
}

std::string TooLarge(const std::string& text) {
  return "{file}:1:1: file is too large (" + std::to_string(text.size()) +
         " bytes; the limit is 1048576)";
}

std::string TwoMegabytesOfKeys() {
  std::string text = "bot: demo\nvars:\n";
  for (int i = 0; text.size() < 2'000'000; ++i)
    text += "  key" + std::to_string(i) + ": value\n";
  return text + kSteps;
}

// 60,000 keys in one map, under the size limit: the node limit must answer
// quickly, so the check for duplicate keys must not compare every key with
// every other one.
std::string SixtyThousandKeys() {
  std::string text = "bot: demo\nvars:\n";
  for (int i = 0; i < 60'000; ++i)
    text += "  k" + std::to_string(i) + ": 1\n";
  return text + kSteps;
}

}  // namespace

std::vector<HostileBot> HostileBots() {
  std::vector<HostileBot> bots;
  bots.push_back({"deep_flow.yaml",
                  "bot: demo\nvars:\n  deep: " + Repeat("[", 10'000) + "1" + Repeat("]", 10'000) +
                      "\n" + kSteps,
                  "{file}:3:73: nesting is too deep (the limit is 64 levels)"});
  bots.push_back({"deep_block.yaml",
                  "bot: demo\nvars:\n  deep:\n    " + Repeat("- ", 10'000) + "1\n" + kSteps,
                  "{file}:4:129: nesting is too deep (the limit is 64 levels)"});
  bots.push_back({"deep_map.yaml",
                  "bot: demo\nvars:\n  deep: " + Repeat("{a: ", 10'000) + "1" +
                      Repeat("}", 10'000) + "\n" + kSteps,
                  "{file}:3:265: nesting is too deep (the limit is 64 levels)"});
  bots.push_back({"alias_bomb.yaml", AliasBomb(),
                  "{file}:7:47: document is too large: more than 100000 nodes (an alias bomb?)"});
  std::string huge = "bot: demo\ndescription: \"" + Repeat("x", 10'000'000) + "\"\n" + kSteps;
  bots.push_back({"huge_string.yaml", huge, TooLarge(huge)});
  std::string keys = TwoMegabytesOfKeys();
  bots.push_back({"many_keys.yaml", keys, TooLarge(keys)});
  bots.push_back(
      {"too_many_keys.yaml", SixtyThousandKeys(),
       "{file}:50001:11: document is too large: more than 100000 nodes (an alias bomb?)"});
  bots.push_back({"long_line.yaml",
                  "bot: demo\ndescription: " + Repeat("word ", 200'000) + "\n" + kSteps,
                  "{file}:2:14: value is too long (999999 bytes; the limit is 65536)"});
  bots.push_back(
      {"long_flow_line.yaml",
       "bot: demo\nvars:\n  list: [" + Repeat("1, ", 120'000) + "1]\n" + kSteps,
       "{file}:3:299998: document is too large: more than 100000 nodes (an alias bomb?)"});
  return bots;
}

}  // namespace travet::testing
