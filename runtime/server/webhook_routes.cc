// Webhooks: another system starts a run of a bot that has a webhook trigger.
#include <algorithm>

#include "runtime/schedule/trigger_key.h"
#include "runtime/server/routes.h"
#include "runtime/server/run_start.h"
#include "runtime/server/server_context.h"

namespace travet::server {
namespace {

// The key of the bot's first webhook trigger ("webhook#3"); "" when it has
// none. More than one says nothing more: a webhook is on or off.
std::string WebhookKey(const lang::Bot& bot) {
  for (size_t i = 0; i < bot.triggers.size(); ++i) {
    if (bot.triggers[i].kind == lang::TriggerKind::kWebhook) {
      return schedule::TriggerKey(bot.triggers[i], i);
    }
  }
  return "";
}

// The pause of trigger `key` of `bot` when it is paused now.
Result<std::optional<store::TriggerPause>> PauseOf(store::Store& store, const std::string& bot,
                                                   const std::string& key) {
  auto pauses = store.ListTriggerPauses(bot);
  if (!pauses) {
    return pauses.error();
  }
  for (const store::TriggerPause& pause : *pauses) {
    if (pause.trigger == key && pause.resumed_at.empty()) {
      return std::optional<store::TriggerPause>(pause);
    }
  }
  return std::optional<store::TriggerPause>();
}

// An Idempotency-Key is the caller's, often a UUID: stored, so kept short
// and printable. An empty header is none.
constexpr size_t kLongestIdempotencyKey = 255;

bool PlainKey(const std::string& key) {
  return key.size() <= kLongestIdempotencyKey &&
         std::all_of(key.begin(), key.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
}

}  // namespace

ApiResponse StartRunByWebhook(const ApiRequest& request, ServerContext& context) {
  const std::string& name = request.params.at("bot");
  const auto bot = context.bots.Find(name);
  const std::string key = bot ? WebhookKey(*bot) : "";
  if (key.empty()) {
    // The same answer for a bot that is not served and one without a
    // webhook: a caller learns nothing of the bots it may not start this way.
    return Problem(404, "not-found", "No such webhook",
                   "no valid bot named '" + name + "' with a webhook trigger is served");
  }
  auto pause = PauseOf(context.store, name, key);
  if (!pause) {
    return ProblemOf(pause.error());
  }
  if (*pause) {
    return Problem(409, "paused", "The webhook is paused",
                   "trigger " + key + " of bot " + name + " was paused by " + (*pause)->paused_by +
                       " at " + (*pause)->paused_at + "; nothing was started");
  }
  const Value body = BodyJson(request.body);
  if (!body.is_object()) {
    return Problem(400, "invalid-input", "The request is not valid",
                   "the body must be a JSON object of the run's inputs");
  }
  const std::string idempotency_key = request.Header("idempotency-key");
  if (!PlainKey(idempotency_key)) {
    return Problem(400, "invalid-input", "The request is not valid",
                   "Idempotency-Key must be 1 to " + std::to_string(kLongestIdempotencyKey) +
                       " printable ASCII characters");
  }
  return QueueRunAnswer(*bot, body, context, idempotency_key);
}

}  // namespace travet::server
