#pragma once

#include <string>
#include <vector>

#include "runtime/lang/yaml_reader.h"

namespace travet::lang {

// The node that `path` leads to from `root`: map keys, and list indices as
// decimal text. With `at_key`, the key node of the last map entry instead of
// its value. Where the path goes further than the tree, the deepest node
// reached (a problem about something missing points at what should hold it).
const YamlNode& NodeAtPath(const YamlNode& root, const std::vector<std::string>& path, bool at_key);

// Whether a scalar holding a `${{ }}` expression lies on the way along `path`
// or anywhere inside the node it leads to: the value is only known when the
// step runs.
bool PathHoldsExpression(const YamlNode& root, const std::vector<std::string>& path);

}  // namespace travet::lang
