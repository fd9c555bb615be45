// The bots a server serves: list, show, validate.
#include <algorithm>

#include "runtime/actions/bot_loading.h"
#include "runtime/schedule/trigger_json.h"
#include "runtime/server/routes.h"
#include "runtime/server/server_context.h"

namespace travet::server {
namespace {

Value InputsJson(const lang::Bot& bot) {
  Value inputs = Value::array();
  for (const lang::InputSpec& input : bot.inputs) {
    Value v = {{"name", input.name},
               {"type", std::string(lang::InputTypeName(input.type))},
               {"required", input.required},
               {"description", input.description}};
    if (input.default_value) {
      v["default"] = *input.default_value;
    }
    inputs.push_back(std::move(v));
  }
  return inputs;
}

// Each trigger as `travet schedules` shows it, without fire times: those
// are the schedules' (GET /api/v1/schedules/{bot}).
Value TriggersJson(const lang::Bot& bot) {
  Value triggers = Value::array();
  for (const lang::Trigger& trigger : bot.triggers) {
    Value json = schedule::TriggerJson(bot, trigger, {}, 0);
    json.erase("next");
    triggers.push_back(std::move(json));
  }
  return triggers;
}

Value EntryJson(const CatalogEntry& entry) {
  Value v = {{"name", entry.name},
             {"file", entry.file},
             {"valid", entry.bot != nullptr},
             {"errors", entry.errors}};
  if (entry.bot) {
    v["description"] = entry.bot->description;
    v["inputs"] = InputsJson(*entry.bot);
    v["triggers"] = TriggersJson(*entry.bot);
  }
  return v;
}

}  // namespace

ApiResponse ListBots(const ApiRequest&, ServerContext& context) {
  Value bots = Value::array();
  for (const CatalogEntry& entry : *context.bots.Entries()) {
    bots.push_back(EntryJson(entry));
  }
  return JsonResponse(200, {{"bots", std::move(bots)}});
}

ApiResponse ShowBot(const ApiRequest& request, ServerContext& context) {
  const auto entries = context.bots.Entries();
  const std::string& name = request.params.at("bot");
  const auto entry = std::find_if(entries->begin(), entries->end(),
                                  [&name](const CatalogEntry& e) { return e.name == name; });
  if (entry == entries->end()) {
    return Problem(404, "not-found", "No such bot", "no bot named '" + name + "' is served");
  }
  Value v = EntryJson(*entry);
  if (entry->bot) {
    v["steps"] = Value::array();
    for (const lang::Step& step : entry->bot->steps) {
      v["steps"].push_back({{"id", step.id}, {"name", step.name}, {"uses", step.uses}});
    }
  }
  return JsonResponse(200, v);
}

ApiResponse ValidateBot(const ApiRequest& request, ServerContext&) {
  const Value body = BodyJson(request.body);
  if (!body.is_object() || !body.contains("text") || !body["text"].is_string()) {
    return Problem(400, "invalid-input", "The request is not valid",
                   "the body must be a JSON object with the bot's YAML as \"text\"");
  }
  const std::string file = body.value("file", std::string("bot.yaml"));
  const lang::LoadResult loaded = actions::LoadBotText(body["text"].get<std::string>(), file);
  return JsonResponse(200, {{"valid", loaded.ok()}, {"errors", loaded.errors}});
}

}  // namespace travet::server
