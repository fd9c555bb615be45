#include "runtime/lang/bot_reader.h"

#include <regex>

#include "runtime/lang/did_you_mean.h"

namespace travet::lang {
namespace {

const std::vector<std::pair<std::string, InputType>>& InputTypes() {
  static const std::vector<std::pair<std::string, InputType>> kTypes = {
      {"string", InputType::kString},   {"number", InputType::kNumber},
      {"integer", InputType::kInteger}, {"boolean", InputType::kBoolean},
      {"path", InputType::kPath},       {"list", InputType::kList},
      {"map", InputType::kMap}};
  return kTypes;
}

bool ValueFitsType(const Value& v, InputType type) {
  switch (type) {
    case InputType::kString:
    case InputType::kPath:
      return v.is_string();
    case InputType::kNumber:
      return v.is_number();
    case InputType::kInteger:
      return v.is_number_integer();
    case InputType::kBoolean:
      return v.is_boolean();
    case InputType::kList:
      return v.is_array();
    case InputType::kMap:
      return v.is_object();
  }
  return false;
}

}  // namespace

const YamlNode* FindKey(const YamlNode& map, std::string_view key) {
  for (const auto& [k, v] : map.entries) {
    if (k.is_scalar() && k.scalar == key)
      return &v;
  }
  return nullptr;
}

bool IsIdentifier(std::string_view name) {
  static const std::regex kIdent("[A-Za-z_][A-Za-z0-9_]*");
  return name.size() <= 64 && std::regex_match(name.begin(), name.end(), kIdent);
}

void BotReader::CheckKeys(const YamlNode& map, std::initializer_list<const char*> allowed,
                          const std::string& where) {
  std::vector<std::string> names(allowed.begin(), allowed.end());
  for (const auto& [key, value] : map.entries) {
    if (!key.is_scalar()) {
      Error(key.loc, "a key in " + where + " must be a plain name, not " + key.Describe());
      continue;
    }
    if (std::find(names.begin(), names.end(), key.scalar) == names.end()) {
      Error(key.loc,
            "unknown key '" + key.scalar + "' in " + where + DidYouMean(key.scalar, names));
    }
  }
}

std::optional<std::string> BotReader::ReadString(const YamlNode& node, const std::string& what) {
  if (!node.is_scalar()) {
    Error(node.loc, what + " must be a string, not " + node.Describe());
    return std::nullopt;
  }
  return node.scalar;
}

std::optional<bool> BotReader::ReadBool(const YamlNode& node, const std::string& what) {
  Value v = ScalarValue(node);
  if (!node.is_scalar() || !v.is_boolean()) {
    Error(node.loc, what + " must be true or false, not " + node.Describe());
    return std::nullopt;
  }
  return v.get<bool>();
}

bool BotReader::ExpectMap(const YamlNode& node, const std::string& what) {
  if (node.is_map())
    return true;
  Error(node.loc, what + " must be a map, not " + node.Describe());
  return false;
}

Bot BotReader::ReadBot(const YamlNode& root) {
  Bot bot;
  bot.loc = root.loc;
  bot.file = root.loc.file;
  if (!ExpectMap(root, "a bot file"))
    return bot;
  CheckKeys(root,
            {"bot", "description", "inputs", "env", "secrets", "triggers", "vars", "steps",
             "on_error", "kpi"},
            "the bot");
  if (const YamlNode* name = FindKey(root, "bot")) {
    static const std::regex kName("[a-z0-9][a-z0-9-]*");
    if (auto s = ReadString(*name, "'bot'")) {
      if (!std::regex_match(*s, kName) || s->size() > 64) {
        Error(name->loc, "bot name '" + s->substr(0, 64) +
                             "' must be lower-case letters, digits and '-' (e.g. invoice-intake)");
      }
      bot.name = *s;
    }
  } else {
    Error(root.loc, "missing 'bot:' (the bot's name)");
  }
  if (const YamlNode* d = FindKey(root, "description"))
    bot.description = ReadString(*d, "'description'").value_or("");
  if (const YamlNode* n = FindKey(root, "inputs"))
    ReadInputs(*n, bot);
  if (const YamlNode* n = FindKey(root, "env"))
    bot.env = ReadNames(*n, "env");
  if (const YamlNode* n = FindKey(root, "secrets"))
    bot.secrets = ReadNames(*n, "secrets");
  if (const YamlNode* n = FindKey(root, "triggers"))
    ReadTriggers(*n, bot);
  if (const YamlNode* n = FindKey(root, "vars"))
    ReadVars(*n, bot);
  if (const YamlNode* n = FindKey(root, "kpi"))
    ReadKpi(*n, bot);
  if (const YamlNode* n = FindKey(root, "steps")) {
    bot.steps = ReadSteps(*n, "'steps'");
  } else {
    Error(root.loc, "missing 'steps:' (what the bot does)");
  }
  if (const YamlNode* n = FindKey(root, "on_error")) {
    ++on_error_depth_;
    bot.on_error = ReadSteps(*n, "'on_error'");
    --on_error_depth_;
  }
  CheckExpressions(bot);
  return bot;
}

void BotReader::ReadInputs(const YamlNode& node, Bot& bot) {
  if (!ExpectMap(node, "'inputs'"))
    return;
  for (const auto& [key, value] : node.entries) {
    if (auto input = ReadInput(key, value))
      bot.inputs.push_back(std::move(*input));
  }
}

std::optional<InputSpec> BotReader::ReadInput(const YamlNode& key, const YamlNode& node) {
  InputSpec input;
  input.name = key.scalar;
  input.loc = key.loc;
  if (!IsIdentifier(input.name)) {
    Error(key.loc, "input name '" + input.name.substr(0, 64) +
                       "' must be a letter or '_' followed by letters, digits or '_'");
    return std::nullopt;
  }
  if (!ExpectMap(node, "input '" + input.name + "'"))
    return std::nullopt;
  CheckKeys(node, {"type", "default", "description", "required"}, "input '" + input.name + "'");
  if (const YamlNode* t = FindKey(node, "type")) {
    std::vector<std::string> names;
    for (const auto& [name, type] : InputTypes())
      names.push_back(name);
    auto s = ReadString(*t, "the type of input '" + input.name + "'");
    auto it = std::find_if(InputTypes().begin(), InputTypes().end(),
                           [&](const auto& p) { return s && p.first == *s; });
    if (it != InputTypes().end()) {
      input.type = it->second;
    } else if (s) {
      Error(t->loc, "unknown input type '" + *s + "'" + DidYouMean(*s, names) +
                        " (use string, number, integer, boolean, path, list or map)");
    }
  }
  if (const YamlNode* d = FindKey(node, "description"))
    input.description = ReadString(*d, "'description'").value_or("");
  input.required = true;
  if (const YamlNode* d = FindKey(node, "default")) {
    input.default_value = ToValue(*d);
    input.required = false;
    if (!ValueFitsType(*input.default_value, input.type)) {
      std::string type(InputTypeName(input.type));
      Error(d->loc, "default of input '" + input.name + "' must be " +
                        (type[0] == 'i' ? "an " : "a ") + type + ", not " + d->Describe());
    }
  }
  if (const YamlNode* r = FindKey(node, "required")) {
    if (auto b = ReadBool(*r, "'required'"))
      input.required = *b;
  }
  return input;
}

std::vector<std::string> BotReader::ReadNames(const YamlNode& node, const char* what) {
  std::vector<std::string> names;
  if (!node.is_sequence()) {
    Error(node.loc, std::string("'") + what + "' must be a list of names, not " + node.Describe());
    return names;
  }
  static const std::regex kEnvName("[A-Za-z_][A-Za-z0-9_]*");
  for (const auto& item : node.items) {
    auto s = ReadString(item, std::string("an entry of '") + what + "'");
    if (!s)
      continue;
    if (!std::regex_match(*s, kEnvName) || s->size() > 128) {
      Error(item.loc, "'" + s->substr(0, 64) + "' in '" + what +
                          "' must be letters, digits and '_' (e.g. ACCOUNTING_URL)");
    } else if (std::find(names.begin(), names.end(), *s) != names.end()) {
      Error(item.loc, "'" + *s + "' is listed twice in '" + what + "'");
    } else {
      names.push_back(*s);
    }
  }
  return names;
}

void BotReader::ReadVars(const YamlNode& node, Bot& bot) {
  if (!ExpectMap(node, "'vars'"))
    return;
  for (const auto& [key, value] : node.entries) {
    if (!IsIdentifier(key.scalar)) {
      Error(key.loc, "variable name '" + key.scalar.substr(0, 64) +
                         "' must be a letter or '_' followed by letters, digits or '_'");
      continue;
    }
    bot.vars.emplace_back(key.scalar, ToValue(value));
    CollectExpressions(value);
  }
}

}  // namespace travet::lang
