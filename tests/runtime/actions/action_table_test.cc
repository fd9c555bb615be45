#include "runtime/actions/action_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "runtime/actions/bot_loading.h"
#include "runtime/actions/ocr_review.h"
#include "runtime/actions/review_params.h"
#include "runtime/lang/loader.h"
#include "runtime/lang/schema.h"

namespace travet::actions {
namespace {

using lang::ParamSpec;
using lang::ParamType;

std::vector<std::string> Names(const std::vector<ParamSpec>& params) {
  std::vector<std::string> names;
  names.reserve(params.size());
  for (const auto& p : params)
    names.push_back(p.name);
  return names;
}

const ParamSpec* FindParam(const std::vector<ParamSpec>& params, const std::string& name) {
  for (const auto& p : params) {
    if (p.name == name)
      return &p;
  }
  return nullptr;
}

// Loads a bot the way `travet validate` does.
lang::LoadResult Load(const std::string& text) {
  return LoadBotText(text, "bot.yaml");
}

// A literal of the parameter's type, in YAML flow style.
std::string Sample(const ParamSpec& param) {
  if (!param.choices.empty())
    return "\"" + param.choices.front() + "\"";
  switch (param.type) {
    case ParamType::kString:
      return "\"in/fattura 12.png\"";
    case ParamType::kNumber:
      return "85.5";
    case ParamType::kInteger:
      return "1";
    case ParamType::kBoolean:
      return "true";
    case ParamType::kList:
      // ocr.extract checks that `totals` and `checks` name amount fields.
      if (param.name == "totals")
        return "[paid, change, total]";
      return param.name == "checks" ? "['total = paid - change']" : "[1, 2]";
    case ParamType::kMap: {
      if (param.keys.empty())
        return "{ total: { label: Totale, type: amount }, paid: { label: Contanti, type: amount }, "
               "change: { label: Resto, type: amount } }";
      std::string map;
      for (const auto& key : param.keys)
        map += (map.empty() ? "{ " : ", ") + key.name + ": " + Sample(key);
      return map + " }";
    }
    case ParamType::kDuration:
      return "30s";
    case ParamType::kAny:
      return "[a, 1]";
    case ParamType::kStringOrList:
      return "[200, 201]";
  }
  return "null";
}

// Whether `name` is a later member of a one-of group (only the first is used).
bool LaterInOneOf(const lang::ActionSpec& spec, const std::string& name) {
  for (const auto& group : spec.one_of) {
    auto it = std::find(group.names.begin(), group.names.end(), name);
    if (it != group.names.end() && it != group.names.begin())
      return true;
  }
  return false;
}

bool FirstOfRequiredOneOf(const lang::ActionSpec& spec, const std::string& name) {
  for (const auto& group : spec.one_of) {
    if (group.required && !group.names.empty() && group.names.front() == name)
      return true;
  }
  return false;
}

// One step per action, each with its required parameters (and the first of a
// required one-of group), or with every parameter it documents.
std::string BotUsingEveryAction(bool every_param) {
  std::string bot = "bot: every-action\nsteps:\n";
  for (const ActionDef& row : ActionTable()) {
    const lang::ActionSpec& spec = row.spec;
    bot += "  - uses: " + spec.name + "\n    with:\n";
    if (spec.open_params)
      bot += "      total: 12\n";
    for (const ParamSpec& p : spec.params) {
      bool wanted = every_param ? !LaterInOneOf(spec, p.name)
                                : p.required || FirstOfRequiredOneOf(spec, p.name);
      if (wanted)
        bot += "      " + p.name + ": " + Sample(p) + "\n";
    }
    if (bot.ends_with("with:\n"))
      bot += "      {}\n";
  }
  return bot;
}

TEST(ActionTableTest, IsSortedWithUniqueNames) {
  std::vector<std::string> names;
  for (const ActionDef& row : ActionTable())
    names.push_back(row.spec.name);
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), names.size());
  EXPECT_EQ(names, (std::vector<std::string>{"fail", "file.copy", "file.delete", "file.list",
                                             "file.move", "file.read", "file.write", "http.request",
                                             "log", "ocr.extract", "ocr.read", "review", "script",
                                             "set", "stop"}));
}

TEST(ActionTableTest, EveryActionIsDescribed) {
  const std::regex action_name("[a-z]+(\\.[a-z_]+)?");
  const std::regex param_name("[a-z][a-z0-9_]*");
  for (const ActionDef& row : ActionTable()) {
    const lang::ActionSpec& spec = row.spec;
    SCOPED_TRACE(spec.name);
    EXPECT_TRUE(std::regex_match(spec.name, action_name));
    EXPECT_FALSE(spec.summary.empty());
    EXPECT_FALSE(spec.outputs.empty());
    EXPECT_TRUE(row.run);
    std::vector<std::string> params = Names(spec.params);
    EXPECT_EQ(std::set<std::string>(params.begin(), params.end()).size(), params.size());
    for (const ParamSpec& p : spec.params) {
      EXPECT_TRUE(std::regex_match(p.name, param_name)) << p.name;
      EXPECT_FALSE(p.description.empty()) << p.name;
      EXPECT_NE(lang::ParamTypeName(p.type), "") << p.name;
      if (!p.choices.empty()) {
        EXPECT_EQ(p.type, ParamType::kString) << p.name;
      }
      if (!p.keys.empty()) {
        EXPECT_EQ(p.type, ParamType::kMap) << p.name;
      }
      for (const ParamSpec& key : p.keys)
        EXPECT_FALSE(key.description.empty()) << p.name << "." << key.name;
    }
    for (const lang::OneOf& group : spec.one_of) {
      for (const std::string& name : group.names) {
        const ParamSpec* p = FindParam(spec.params, name);
        ASSERT_NE(p, nullptr) << name;
        EXPECT_FALSE(p->required) << name << " is in a one-of group";
      }
    }
  }
}

TEST(ActionTableTest, OnlyActionsThatChangeTheWorldHaveSideEffects) {
  std::vector<std::string> side_effects;
  for (const ActionDef& row : ActionTable()) {
    if (row.side_effect)
      side_effects.push_back(row.spec.name);
  }
  EXPECT_EQ(side_effects, (std::vector<std::string>{"file.copy", "file.delete", "file.move",
                                                    "file.write", "http.request", "review"}));
}

TEST(ActionTableTest, RequiredParametersAreTheDocumentedOnes) {
  auto required = [](const std::string& action) {
    std::vector<std::string> names;
    for (const ParamSpec& p : FindAction(action)->spec.params) {
      if (p.required)
        names.push_back(p.name);
    }
    return names;
  };
  EXPECT_EQ(required("file.read"), (std::vector<std::string>{"path"}));
  EXPECT_EQ(required("file.move"), (std::vector<std::string>{"from", "to"}));
  EXPECT_EQ(required("http.request"), (std::vector<std::string>{"url"}));
  EXPECT_EQ(required("ocr.extract"), (std::vector<std::string>{"file", "fields"}));
  EXPECT_EQ(required("log"), (std::vector<std::string>{"message"}));
  EXPECT_EQ(required("script"), (std::vector<std::string>{"lua"}));
  EXPECT_EQ(required("review"), std::vector<std::string>{});
  EXPECT_TRUE(FindAction("set")->spec.open_params);
}

TEST(ActionTableTest, FindsActionsByNameOnly) {
  for (const ActionDef& row : ActionTable())
    EXPECT_EQ(FindAction(row.spec.name), &row);
  EXPECT_EQ(FindAction("file.reed"), nullptr);
  EXPECT_EQ(FindAction("File.read"), nullptr);
  EXPECT_EQ(FindAction("file"), nullptr);
  EXPECT_EQ(FindAction(""), nullptr);
  EXPECT_EQ(FindAction("a"), nullptr);    // before the first
  EXPECT_EQ(FindAction("zzz"), nullptr);  // after the last
  EXPECT_EQ(FindAction("file.read "), nullptr);
}

TEST(ActionTableTest, CatalogIsTheTablesSpecsInOrder) {
  const lang::ActionCatalog& catalog = ActionCatalog();
  ASSERT_EQ(catalog.size(), ActionTable().size());
  for (size_t i = 0; i < catalog.size(); ++i)
    EXPECT_EQ(catalog[i], &ActionTable()[i].spec);
}

TEST(ActionTableTest, LoaderAcceptsEveryActionWithItsRequiredParameters) {
  std::string bot = BotUsingEveryAction(/*every_param=*/false);
  lang::LoadResult r = Load(bot);
  ASSERT_TRUE(r.ok()) << bot << ::testing::PrintToString(r.errors);
  ASSERT_EQ(r.bot->steps.size(), ActionTable().size());
  EXPECT_EQ(r.bot->steps[0].uses, "fail");
  EXPECT_EQ(r.bot->steps.back().uses, "stop");
}

TEST(ActionTableTest, LoaderAcceptsEveryDocumentedParameter) {
  std::string bot = BotUsingEveryAction(/*every_param=*/true);
  lang::LoadResult r = Load(bot);
  ASSERT_TRUE(r.ok()) << bot << ::testing::PrintToString(r.errors);
  const Value& review = r.bot->steps[9].with["review"];
  EXPECT_EQ(r.bot->steps[9].uses, "ocr.extract");
  EXPECT_EQ(review["due"], "30s");
  EXPECT_EQ(review["approvals"], 1);
}

TEST(ActionTableTest, LoaderRequiresEachRequiredParameter) {
  for (const ActionDef& row : ActionTable()) {
    for (const ParamSpec& p : row.spec.params) {
      if (!p.required)
        continue;
      lang::LoadResult r = Load("bot: b\nsteps:\n  - uses: " + row.spec.name + "\n");
      EXPECT_FALSE(r.ok());
      EXPECT_NE(std::find(r.errors.begin(), r.errors.end(),
                          "bot.yaml:3:11: " + row.spec.name + " needs parameter '" + p.name + "'"),
                r.errors.end())
          << ::testing::PrintToString(r.errors);
    }
  }
}

TEST(ActionTableTest, LoaderRejectsParametersOutsideTheTable) {
  for (const ActionDef& row : ActionTable()) {
    if (row.spec.open_params)
      continue;
    lang::LoadResult r =
        Load("bot: b\nsteps:\n  - uses: " + row.spec.name + "\n    with: { zzzzzzzz: 1 }\n");
    EXPECT_FALSE(r.ok());
    EXPECT_NE(std::find(r.errors.begin(), r.errors.end(),
                        "bot.yaml:4:13: unknown parameter 'zzzzzzzz' for " + row.spec.name),
              r.errors.end())
        << ::testing::PrintToString(r.errors);
  }
}

TEST(ActionTableTest, ReviewDocumentsItsSettings) {
  const std::vector<std::string> settings = {"queue",   "instructions", "priority", "due",
                                             "expires", "escalate_to",  "approvals"};
  EXPECT_EQ(Names(ReviewParamSpecs()), settings);
  const lang::ActionSpec& review = FindAction("review")->spec;
  for (const std::string& name : settings) {
    const ParamSpec* p = FindParam(review.params, name);
    ASSERT_NE(p, nullptr) << name;
    EXPECT_FALSE(p->required) << name;
  }
  EXPECT_EQ(FindParam(review.params, "due")->type, ParamType::kDuration);
  EXPECT_EQ(FindParam(review.params, "expires")->type, ParamType::kDuration);
  EXPECT_EQ(FindParam(review.params, "approvals")->type, ParamType::kInteger);
  EXPECT_EQ(FindParam(review.params, "escalate_to")->type, ParamType::kString);
  // Sampling is for confident extractions; a `review` step always asks.
  EXPECT_EQ(FindParam(review.params, "sample"), nullptr);
}

TEST(ActionTableTest, OcrExtractDocumentsTheKeysOfReview) {
  const ParamSpec* review = FindParam(FindAction("ocr.extract")->spec.params, "review");
  ASSERT_NE(review, nullptr);
  EXPECT_EQ(review->type, ParamType::kMap);
  EXPECT_FALSE(review->required);
  EXPECT_EQ(Names(review->keys),
            (std::vector<std::string>{"queue", "instructions", "priority", "due", "expires",
                                      "escalate_to", "approvals", "sample"}));
  EXPECT_EQ(Names(review->keys), Names(ReviewSettingSpecs()));
  EXPECT_EQ(FindParam(review->keys, "due")->type, ParamType::kDuration);
  EXPECT_EQ(FindParam(review->keys, "sample")->type, ParamType::kAny);
  for (const char* key : {"queue", "due", "expires", "escalate_to", "approvals", "sample"})
    EXPECT_NE(review->description.find(key), std::string::npos) << key;
}

TEST(ActionTableTest, LoaderChecksTheKeysOfReview) {
  const std::string head =
      "bot: b\nsteps:\n  - uses: ocr.extract\n    with:\n      file: a.png\n"
      "      fields: { total: { label: Totale } }\n";
  lang::LoadResult ok = Load(head +
                             "      review: { queue: accounting, sample: 5%, due: 48h, "
                             "expires: 168h, escalate_to: supervisors, approvals: 2 }\n");
  EXPECT_TRUE(ok.ok()) << ::testing::PrintToString(ok.errors);
  lang::LoadResult typo = Load(head + "      review: { queu: accounting }\n");
  EXPECT_EQ(typo.errors, std::vector<std::string>{"bot.yaml:7:17: unknown key 'queu' in parameter "
                                                  "'review' of ocr.extract; did you mean "
                                                  "'queue'?"});
  lang::LoadResult bad_due = Load(head + "      review: { due: soon }\n");
  EXPECT_EQ(bad_due.errors,
            std::vector<std::string>{"bot.yaml:7:22: parameter 'review.due' of ocr.extract must "
                                     "be a duration, not a string"});
  lang::LoadResult bad_approvals = Load(head + "      review: { approvals: two }\n");
  EXPECT_EQ(bad_approvals.errors,
            std::vector<std::string>{"bot.yaml:7:28: parameter 'review.approvals' of ocr.extract "
                                     "must be an integer, not a string"});
}

TEST(ActionTableTest, SchemaHasOneRulePerActionAndTheKeysOfReview) {
  Value schema = lang::BotJsonSchema(ActionCatalog());
  const Value& rules = schema["$defs"]["step"]["allOf"];
  ASSERT_EQ(rules.size(), ActionTable().size());
  for (size_t i = 0; i < rules.size(); ++i)
    EXPECT_EQ(rules[i]["if"]["properties"]["uses"]["const"], ActionTable()[i].spec.name);
  ASSERT_EQ(rules[9]["if"]["properties"]["uses"]["const"], "ocr.extract");
  const Value& review = rules[9]["then"]["properties"]["with"]["properties"]["review"]["anyOf"][0];
  EXPECT_EQ(review["additionalProperties"], false);
  std::vector<std::string> keys;
  for (const auto& [key, value] : review["properties"].items())
    keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"approvals", "due", "escalate_to", "expires",
                                            "instructions", "priority", "queue", "sample"}));
}

}  // namespace
}  // namespace travet::actions
