#include "runtime/engine/inputs.h"

#include <charconv>

#include "runtime/core/json_depth.h"
#include "runtime/lang/did_you_mean.h"

namespace travet::engine {
namespace {

// "an integer", "a number" ...
std::string TypeWithArticle(lang::InputType type) {
  std::string name(lang::InputTypeName(type));
  return (name[0] == 'i' ? "an " : "a ") + name;
}

Result<Value> Convert(const lang::InputSpec& spec, const std::string& text) {
  auto bad = [&] {
    return InvalidArgument("input '" + spec.name + "' must be " + TypeWithArticle(spec.type) +
                           ", not '" + text.substr(0, 80) + "'");
  };
  switch (spec.type) {
    case lang::InputType::kString:
    case lang::InputType::kPath:
      return Value(text);
    case lang::InputType::kInteger: {
      long long n = 0;
      auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (ec != std::errc() || p != text.data() + text.size() || text.empty())
        return bad();
      return Value(n);
    }
    case lang::InputType::kNumber: {
      Value v = Value::parse(text, nullptr, false);
      if (!v.is_number())
        return bad();
      return v;
    }
    case lang::InputType::kBoolean:
      if (text == "true" || text == "yes" || text == "1")
        return Value(true);
      if (text == "false" || text == "no" || text == "0")
        return Value(false);
      return bad();
    case lang::InputType::kList:
    case lang::InputType::kMap: {
      if (JsonTooDeepAt(text) != std::string::npos) {
        return InvalidArgument("input '" + spec.name + "' nests deeper than " +
                               std::to_string(kMaxJsonDepth) + " levels");
      }
      Value v = Value::parse(text, nullptr, false);
      bool fits = spec.type == lang::InputType::kList ? v.is_array() : v.is_object();
      if (!fits)
        return bad();
      return v;
    }
  }
  return bad();
}

bool Fits(const lang::InputSpec& spec, const Value& v) {
  switch (spec.type) {
    case lang::InputType::kString:
    case lang::InputType::kPath:
      return v.is_string();
    case lang::InputType::kInteger:
      return v.is_number_integer();
    case lang::InputType::kNumber:
      return v.is_number();
    case lang::InputType::kBoolean:
      return v.is_boolean();
    case lang::InputType::kList:
      return v.is_array();
    case lang::InputType::kMap:
      return v.is_object();
  }
  return false;
}

Status CheckUnknown(const lang::Bot& bot, const std::vector<std::string>& given) {
  std::vector<std::string> declared;
  for (const auto& input : bot.inputs)
    declared.push_back(input.name);
  for (const auto& name : given) {
    if (!bot.FindInput(name)) {
      return InvalidArgument("unknown input '" + name + "'" + lang::DidYouMean(name, declared));
    }
  }
  return Status::Ok();
}

Result<Value> Complete(const lang::Bot& bot, Value resolved) {
  for (const auto& input : bot.inputs) {
    if (resolved.contains(input.name))
      continue;
    if (input.default_value)
      resolved[input.name] = *input.default_value;
    else if (input.required)
      return InvalidArgument("missing input '" + input.name + "'");
    else
      resolved[input.name] = nullptr;
  }
  return resolved;
}

}  // namespace

Result<Value> ResolveInputs(const lang::Bot& bot, const std::map<std::string, std::string>& given) {
  std::vector<std::string> names;
  names.reserve(given.size());
  for (const auto& [name, unused] : given)
    names.push_back(name);
  TRAVET_RETURN_IF_ERROR(CheckUnknown(bot, names));
  Value resolved = Value::object();
  for (const auto& [name, text] : given) {
    auto v = Convert(*bot.FindInput(name), text);
    if (!v)
      return v.error();
    resolved[name] = std::move(*v);
  }
  return Complete(bot, std::move(resolved));
}

Result<Value> ResolveInputValues(const lang::Bot& bot, const Value& given) {
  if (!given.is_object())
    return InvalidArgument("inputs must be a map");
  std::vector<std::string> names;
  for (const auto& [name, unused] : given.items())
    names.push_back(name);
  TRAVET_RETURN_IF_ERROR(CheckUnknown(bot, names));
  for (const auto& [name, v] : given.items()) {
    const lang::InputSpec& spec = *bot.FindInput(name);
    if (!Fits(spec, v)) {
      return InvalidArgument("input '" + name + "' must be " + TypeWithArticle(spec.type));
    }
  }
  return Complete(bot, given);
}

}  // namespace travet::engine
