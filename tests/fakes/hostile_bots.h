#pragma once

#include <string>
#include <vector>

namespace travet::testing {

// A bot file too large or too hostile to keep in the repository, made on
// demand: deep nesting, an alias bomb, huge values, many keys.
struct HostileBot {
  std::string name;           // e.g. "alias_bomb.yaml"
  std::string text;           // the file's content
  std::string expected_line;  // what `travet validate` prints, "{file}" for its path
};

// Every hostile bot `travet validate` must refuse with one line, quickly.
std::vector<HostileBot> HostileBots();

}  // namespace travet::testing
