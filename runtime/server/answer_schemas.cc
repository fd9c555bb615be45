#include "runtime/server/answer_schemas.h"

#include <initializer_list>
#include <utility>

#include "runtime/server/routes.h"

namespace travet::server {
namespace {

Value Type(const char* name) {
  return {{"type", name}};
}

Value OrNull(const char* name) {
  return {{"type", Value::array({name, "null"})}};
}

Value Ref(const char* name) {
  return {{"$ref", std::string("#/components/schemas/") + name}};
}

Value ListOf(Value items) {
  return {{"type", "array"}, {"items", std::move(items)}};
}

Value OneOf(std::initializer_list<const char*> names) {
  Value values = Value::array();
  for (const char* name : names) {
    values.push_back(name);
  }
  return {{"type", "string"}, {"enum", std::move(values)}};
}

// An object that has at least `required` of `properties`: answers may grow
// new members without breaking a client, so others are allowed.
Value Shape(Value properties) {
  Value required = Value::array();
  for (const auto& [name, schema] : properties.items()) {
    required.push_back(name);
  }
  return {{"type", "object"}, {"required", std::move(required)}, {"properties", properties}};
}

Value RunSchema() {
  return Shape({{"id", Type("string")},
                {"bot", Type("string")},
                {"state", OneOf({"queued", "running", "waiting_review", "succeeded", "failed",
                                 "cancelled"})},
                {"inputs", Type("object")},
                {"created_at", Type("string")},
                {"started_at", Type("string")},
                {"finished_at", Type("string")},
                {"error", Type("string")},
                {"attempt", Type("integer")},
                {"lease_owner", Type("string")},
                {"lease_until", Type("string")}});
}

Value WorkItemSchema() {
  return Shape({{"loop", Type("string")},
                {"index", Type("integer")},
                {"key", Type("string")},
                {"state", OneOf({"pending", "running", "succeeded", "failed"})},
                {"attempts", Type("integer")},
                {"retries", Type("integer")},
                {"error", OrNull("string")},
                {"outcome", OrNull("string")},
                {"started_at", OrNull("string")},
                {"finished_at", OrNull("string")}});
}

Value RunDetailSchema() {
  const Value step = Shape({{"path", Type("string")},
                            {"status", OneOf({"succeeded", "failed", "skipped"})},
                            {"attempts", Type("integer")},
                            {"duration_ms", Type("integer")}});
  const Value event = Shape({{"time", Type("string")},
                             {"level", Type("string")},
                             {"step", Type("string")},
                             {"message", Type("string")}});
  return {{"allOf", Value::array({Ref("Run"), Shape({{"steps", ListOf(step)},
                                                     {"items", ListOf(Ref("WorkItem"))},
                                                     {"events", ListOf(event)}})})}};
}

Value TaskSchema() {
  return Shape({{"id", Type("string")},
                {"run_id", Type("string")},
                {"step", Type("string")},
                {"queue", Type("string")},
                {"document", Type("string")},
                {"page", Type("integer")},
                {"fields", {{"type", "object"}, {"additionalProperties", Type("object")}}},
                {"priority", Type("integer")},
                {"due_at", Type("string")},
                {"state", OneOf({"pending", "claimed", "approved", "rejected", "expired"})},
                {"claimed_by", Type("string")},
                {"decision_fields", Type("object")},
                {"decided_by", Type("string")},
                {"sampled", Type("boolean")},
                {"approvals_required", Type("integer")},
                {"first_approver", Type("string")},
                {"created_at", Type("string")}});
}

Value BotSchema() {
  const Value input =
      Shape({{"name", Type("string")}, {"type", Type("string")}, {"required", Type("boolean")}});
  const Value trigger = Shape({{"kind", OneOf({"cron", "watch", "webhook"})}});
  Value bot = Shape({{"name", Type("string")},
                     {"file", Type("string")},
                     {"valid", Type("boolean")},
                     {"errors", ListOf(Type("string"))}});
  bot["properties"]["inputs"] = ListOf(input);
  bot["properties"]["triggers"] = ListOf(trigger);
  return bot;
}

Value ScheduleSchema() {
  const Value trigger = Shape({{"key", Type("string")},
                               {"index", Type("integer")},
                               {"kind", OneOf({"cron", "watch", "webhook"})},
                               {"paused", Type("boolean")},
                               {"last_fire", OrNull("string")},
                               {"next", ListOf(Type("string"))}});
  return Shape({{"bot", Type("string")}, {"triggers", ListOf(trigger)}});
}

Value UserSchema() {
  return Shape({{"name", Type("string")},
                {"role", OneOf({"operator", "developer", "admin"})},
                {"queues", ListOf(Type("string"))},
                {"disabled", Type("boolean")},
                {"created_at", Type("string")}});
}

Value TokenSchema() {
  return Shape({{"id", Type("string")},
                {"user", Type("string")},
                {"created_at", Type("string")},
                {"last_used_at", OrNull("string")}});
}

Value SessionSchema() {
  Value session = Shape({{"user", Type("string")},
                         {"role", OneOf({"operator", "developer", "admin"})},
                         {"queues", ListOf(Type("string"))}});
  session["properties"]["csrf_token"] = Type("string");  // with a cookie only
  return session;
}

Value KpiSchema() {
  const Value month = Shape({{"bot", Type("string")},
                             {"month", Type("string")},
                             {"documents", Type("integer")},
                             {"straight_through_rate", OrNull("number")},
                             {"median_operator_seconds", OrNull("number")},
                             {"sla_breaches", Type("integer")},
                             {"corrections", ListOf(Type("object"))},
                             {"hours_saved", OrNull("number")}});
  return Shape({{"timezone", Type("string")}, {"months", ListOf(month)}});
}

// Handler -> component; a handler not named here answers with no schema.
const std::pair<Handler, const char*> kAnswers[] = {
    {GetHealth, "Status"},
    {GetReady, "Status"},
    {SignIn, "Session"},
    {ShowSession, "Session"},
    {ListBots, "BotList"},
    {ShowBot, "Bot"},
    {ValidateBot, "Validation"},
    {StartRun, "Run"},
    {StartRunByWebhook, "Run"},
    {ListRuns, "RunPage"},
    {ShowRun, "RunDetail"},
    {ResumeRunLater, "Run"},
    {RetryRunItems, "RunRetried"},
    {ListReviewTasks, "TaskList"},
    {ShowReviewTask, "ReviewTask"},
    {ClaimReviewTask, "ReviewTask"},
    {ReleaseReviewTask, "ReviewTask"},
    {ApproveReviewTask, "ReviewTask"},
    {RejectReviewTask, "ReviewTask"},
    {ReviewTaskHistory, "AuditLog"},
    {ListSchedules, "ScheduleList"},
    {ShowSchedule, "Schedule"},
    {ListUsers, "UserList"},
    {ShowUser, "User"},
    {CreateUser, "User"},
    {ChangeUser, "User"},
    {DisableUser, "User"},
    {EnableUser, "User"},
    {ListUserTokens, "TokenList"},
    {CreateUserToken, "NewToken"},
    {GetKpi, "Kpi"},
};

}  // namespace

Value AnswerSchemas() {
  const Value audit_entry =
      Shape({{"time", Type("string")}, {"actor", Type("string")}, {"action", Type("string")}});
  return {
      {"Status", Shape({{"status", Type("string")}})},
      {"Session", SessionSchema()},
      {"Bot", BotSchema()},
      {"BotList", Shape({{"bots", ListOf(Ref("Bot"))}})},
      {"Validation", Shape({{"valid", Type("boolean")}, {"errors", ListOf(Type("string"))}})},
      {"Run", RunSchema()},
      {"WorkItem", WorkItemSchema()},
      {"RunDetail", RunDetailSchema()},
      {"RunPage", Shape({{"runs", ListOf(Ref("Run"))}, {"next", OrNull("string")}})},
      {"RunRetried",
       {{"allOf", Value::array({Ref("Run"), Shape({{"retried", ListOf(Ref("WorkItem"))}})})}}},
      {"ReviewTask", TaskSchema()},
      {"TaskList", Shape({{"tasks", ListOf(Ref("ReviewTask"))}})},
      {"AuditLog", Shape({{"task", Type("string")}, {"entries", ListOf(audit_entry)}})},
      {"Schedule", ScheduleSchema()},
      {"ScheduleList", Shape({{"from", Type("string")}, {"schedules", ListOf(Ref("Schedule"))}})},
      {"User", UserSchema()},
      {"UserList", Shape({{"users", ListOf(Ref("User"))}})},
      {"Token", TokenSchema()},
      {"TokenList", Shape({{"tokens", ListOf(Ref("Token"))}})},
      {"Kpi", KpiSchema()},
      {"NewToken", {{"allOf", Value::array({Ref("Token"), Shape({{"token", Type("string")}})})}}},
  };
}

const char* AnswerSchemaOf(Handler handler) {
  for (const auto& [known, schema] : kAnswers) {
    if (known == handler) {
      return schema;
    }
  }
  return nullptr;
}

}  // namespace travet::server
