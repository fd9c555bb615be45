#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/value.h"

namespace travet::lang {

// The type a parameter's value must have. A value that holds a `${{ }}`
// expression is checked when the step runs, not at load time.
enum class ParamType {
  kString,
  kNumber,  // integer or decimal
  kInteger,
  kBoolean,
  kList,
  kMap,
  kDuration,  // "30s", "5m"
  kAny,
  kStringOrList,  // e.g. `expect`: 201 or [200, 201]
};

std::string_view ParamTypeName(ParamType type);

// One parameter of an action, as the loader checks it and `travet schema`
// and `travet actions` print it.
struct ParamSpec {
  std::string name;
  ParamType type = ParamType::kString;
  bool required = false;
  std::string description;
  std::vector<std::string> choices;  // allowed values of a string, if any
  // For a map with fixed keys (e.g. `review:` of ocr.extract): its keys,
  // checked like parameters; empty: any keys.
  std::vector<ParamSpec> keys{};
};

// A group of parameters of which at most one may be given (and, when
// `required`, exactly one), e.g. `json`/`body`/`form`/`file`.
struct OneOf {
  std::vector<std::string> names;
  bool required = false;
};

// A problem that an action's own check found in a step's `with`. `path`
// leads from `with` to the node: map keys, and list indices as decimal text.
// `at_key`: the key at the end of the path is wrong, not its value.
struct ParamProblem {
  std::vector<std::string> path;
  bool at_key = false;
  std::string message;
};

// An action's check of its parameters beyond their types (how they fit
// together, what a map parameter may hold), given `with` as a value.
using ParamCheck = std::function<std::vector<ParamProblem>(const Value& with)>;

// What the loader knows about an action: its name, a one-line summary, its
// parameters and outputs. The action table in runtime/actions fills these in;
// the language layer only reads them.
struct ActionSpec {
  std::string name;     // family.verb, e.g. "file.read"
  std::string summary;  // one line
  std::vector<ParamSpec> params;
  std::vector<OneOf> one_of;
  std::string outputs;  // one line describing the outputs
  // When true, any parameter name is accepted (the `set` action).
  bool open_params = false;
  // Run at load time once every parameter has its type; problems at or
  // below a value that holds a `${{ }}` expression are dropped (the action
  // checks again when the step runs). Optional.
  ParamCheck check{};
};

// The actions the loader accepts, in name order.
using ActionCatalog = std::vector<const ActionSpec*>;

}  // namespace travet::lang
