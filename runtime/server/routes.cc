#include "runtime/server/routes.h"

namespace travet::server {
namespace {

constexpr unsigned kBuilders = kDeveloper | kAdmin;
constexpr unsigned kReviewers = kOperator | kAdmin;  // and only of their queues
// Who may pause and resume triggers: those who start runs by hand may also
// stop them starting by themselves.
constexpr unsigned kSchedulers = kDeveloper | kAdmin;
constexpr bool kBody = true;
constexpr bool kIfMatch = true;
constexpr bool kReadsOnly = true;

// The one table: method, path, who, group, summary, handler, success status,
// whether it reads a JSON body, whether it needs If-Match, whether a POST
// changes nothing.
const Route kRoutes[] = {
    {"GET", "/healthz", kAnyone, "health", "Liveness: the process answers", GetHealth},
    {"GET", "/readyz", kAnyone, "health", "Readiness: the store answers", GetReady},
    {"GET", "/metrics", kAnyone, "health", "Prometheus metrics", GetMetrics},
    {"GET", "/api/v1/openapi.json", kAnyone, "health", "This API's OpenAPI document", GetOpenApi},
    {"POST", "/api/v1/session", kAnyone, "session",
     "Sign in: sets the session cookie, answers the CSRF token", SignIn, 200, true},
    {"GET", "/api/v1/session", kSignedIn, "session", "Who is signed in", ShowSession},
    {"DELETE", "/api/v1/session", kSignedIn, "session", "Sign out", SignOut, 204},
    {"PUT", "/api/v1/session/password", kSignedIn, "session",
     "Change your own password (the current one confirms it); ends your sessions",
     ChangeOwnPassword, 204, kBody},
    {"GET", "/api/v1/bots", kSignedIn, "bots", "The bots served, valid or not", ListBots},
    {"GET", "/api/v1/bots/{bot}", kSignedIn, "bots", "One bot: inputs, triggers, steps", ShowBot},
    {"POST", "/api/v1/bots/validate", kBuilders, "bots", "Validate a bot's YAML text", ValidateBot,
     200, kBody, !kIfMatch, kReadsOnly},
    {"POST", "/api/v1/bots/{bot}/runs", kBuilders, "runs", "Queue a run of the bot", StartRun, 202,
     true},
    {"POST", "/api/v1/hooks/{bot}", kBuilders, "runs",
     "Webhook: queue a run of a bot with a webhook trigger; the body is its inputs",
     StartRunByWebhook, 202, true},
    {"GET", "/api/v1/runs", kBuilders, "runs", "Runs, newest first, filtered and paged", ListRuns},
    {"GET", "/api/v1/runs/{id}", kBuilders, "runs", "One run with its steps, items and log",
     ShowRun},
    {"POST", "/api/v1/runs/{id}/cancel", kBuilders, "runs", "Cancel a queued or waiting run",
     CancelRun},
    {"POST", "/api/v1/runs/{id}/resume", kBuilders, "runs",
     "Have the server's workers continue a queued run or one whose executor is gone",
     ResumeRunLater, 202},
    {"POST", "/api/v1/runs/{id}/items/retry", kBuilders, "runs",
     "Send failed work items (or those named) back to work; the run is queued again", RetryRunItems,
     202, kBody},
    {"GET", "/api/v1/review/tasks", kReviewers, "review",
     "Review tasks of the caller's queues, by queue and state", ListReviewTasks},
    {"GET", "/api/v1/review/tasks/{id}", kReviewers, "review",
     "One review task: fields with evidence, claim, four eyes; its ETag", ShowReviewTask},
    {"POST", "/api/v1/review/tasks/{id}/claim", kReviewers, "review", "Claim a task for 15 minutes",
     ClaimReviewTask, 200, !kBody, kIfMatch},
    {"POST", "/api/v1/review/tasks/{id}/release", kReviewers, "review", "Give a claimed task back",
     ReleaseReviewTask, 200, !kBody, kIfMatch},
    {"POST", "/api/v1/review/tasks/{id}/approve", kReviewers, "review",
     "Approve a task, with corrections", ApproveReviewTask, 200, kBody, kIfMatch},
    {"POST", "/api/v1/review/tasks/{id}/reject", kReviewers, "review",
     "Reject a task with a reason", RejectReviewTask, 200, kBody, kIfMatch},
    {"GET", "/api/v1/review/tasks/{id}/history", kReviewers, "review", "A task's audit log",
     ReviewTaskHistory},
    {"GET", "/api/v1/review/tasks/{id}/pages/{page}", kReviewers, "review",
     "A page of the task's document as PNG (?width= 64..4000); X-Page-Width/Height: the boxes' "
     "space",
     ShowReviewPage},
    {"POST", "/api/v1/review/tasks/{id}/fields/{field}/check", kReviewers, "review",
     "Check a value for a field with its type's validator, as a correction is checked",
     CheckReviewField, 200, kBody, !kIfMatch, kReadsOnly},
    {"POST", "/api/v1/ocr/region", kReviewers, "review",
     "Read a box of a task's page (the boxes' space) with OCR, and validate it by type",
     ReadOcrRegion, 200, kBody, !kIfMatch, kReadsOnly},
    {"GET", "/api/v1/schedules", kSignedIn, "schedules",
     "Every served bot's triggers: pauses, last fire, next fire times (?count=, ?from=)",
     ListSchedules},
    {"GET", "/api/v1/schedules/{bot}", kSignedIn, "schedules", "One bot's triggers, as the list",
     ShowSchedule},
    {"POST", "/api/v1/schedules/{bot}/triggers/{trigger}/pause", kSchedulers, "schedules",
     "Pause a trigger (key cron#1, or its number): no server fires it until resumed",
     PauseSchedule},
    {"POST", "/api/v1/schedules/{bot}/triggers/{trigger}/resume", kSchedulers, "schedules",
     "Resume a paused trigger; what fell due while paused is not caught up", ResumeSchedule},
    {"GET", "/api/v1/kpi", kBuilders, "kpi",
     "KPI figures per bot and month (?bot=, ?since=, ?until=; ?format=json|csv|xlsx)", GetKpi},
    {"GET", "/api/v1/users", kAdmin, "users", "The users, by name (never a hash)", ListUsers},
    {"POST", "/api/v1/users", kAdmin, "users", "Add a user: name, role, queues, password",
     CreateUser, 201, kBody},
    {"GET", "/api/v1/users/{user}", kAdmin, "users", "One user", ShowUser},
    {"PATCH", "/api/v1/users/{user}", kAdmin, "users", "Change a user's role or queues", ChangeUser,
     200, kBody},
    {"POST", "/api/v1/users/{user}/disable", kAdmin, "users",
     "Disable a user: no sign-in, no API token; ends their sessions", DisableUser},
    {"POST", "/api/v1/users/{user}/enable", kAdmin, "users", "Enable a disabled user", EnableUser},
    {"PUT", "/api/v1/users/{user}/password", kAdmin, "users",
     "Set a user's password; ends their sessions", SetUserPassword, 204, kBody},
    {"GET", "/api/v1/users/{user}/tokens", kAdmin, "users", "A user's API tokens (ids, not tokens)",
     ListUserTokens},
    {"POST", "/api/v1/users/{user}/tokens", kAdmin, "users",
     "A new API token of a user, shown in this answer only", CreateUserToken, 201},
    {"DELETE", "/api/v1/users/{user}/tokens", kAdmin, "users", "Revoke every API token of a user",
     RevokeUserTokens},
    {"DELETE", "/api/v1/users/{user}/tokens/{id}", kAdmin, "users", "Revoke one API token",
     RevokeUserToken, 204},
};

}  // namespace

std::span<const Route> ApiRoutes() {
  return kRoutes;
}

}  // namespace travet::server
