#pragma once

#include <filesystem>

#include "runtime/core/result.h"
#include "runtime/lang/yaml_reader.h"

namespace travet::lang {

// Reads and parses a YAML file other than a bot (a FIELDS.yaml), with the
// limits of a bot file. Errors are one line, "file:line:col: what":
// kNotFound "f.yaml:1:1: cannot read the file: No such file or directory",
// kInvalidArgument "f.yaml:1:1: the file is too large (the limit is N bytes)"
// and every error of ReadYaml.
Result<YamlNode> ReadYamlFile(const std::filesystem::path& path, const YamlLimits& limits = {});

}  // namespace travet::lang
