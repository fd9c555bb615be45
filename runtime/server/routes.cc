#include "runtime/server/routes.h"

namespace travet::server {
namespace {

constexpr unsigned kBuilders = kDeveloper | kAdmin;
constexpr unsigned kReviewers = kOperator | kAdmin;  // and only of their queues
constexpr bool kBody = true;
constexpr bool kIfMatch = true;

// The one table: method, path, who, group, summary, handler, success status,
// whether it reads a JSON body, whether it needs If-Match.
const Route kRoutes[] = {
    {"GET", "/healthz", kAnyone, "health", "Liveness: the process answers", GetHealth},
    {"GET", "/readyz", kAnyone, "health", "Readiness: the store answers", GetReady},
    {"GET", "/metrics", kAnyone, "health", "Prometheus metrics", GetMetrics},
    {"GET", "/api/v1/openapi.json", kAnyone, "health", "This API's OpenAPI document", GetOpenApi},
    {"POST", "/api/v1/session", kAnyone, "session",
     "Sign in: sets the session cookie, answers the CSRF token", SignIn, 200, true},
    {"GET", "/api/v1/session", kSignedIn, "session", "Who is signed in", ShowSession},
    {"DELETE", "/api/v1/session", kSignedIn, "session", "Sign out", SignOut, 204},
    {"GET", "/api/v1/bots", kSignedIn, "bots", "The bots served, valid or not", ListBots},
    {"GET", "/api/v1/bots/{bot}", kSignedIn, "bots", "One bot: inputs, triggers, steps", ShowBot},
    {"POST", "/api/v1/bots/validate", kBuilders, "bots", "Validate a bot's YAML text", ValidateBot,
     200, true},
    {"POST", "/api/v1/bots/{bot}/runs", kBuilders, "runs", "Queue a run of the bot", StartRun, 202,
     true},
    {"GET", "/api/v1/runs", kBuilders, "runs", "Runs, newest first, filtered and paged", ListRuns},
    {"GET", "/api/v1/runs/{id}", kBuilders, "runs", "One run with its steps, items and log",
     ShowRun},
    {"POST", "/api/v1/runs/{id}/cancel", kBuilders, "runs", "Cancel a queued or waiting run",
     CancelRun},
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
};

}  // namespace

std::span<const Route> ApiRoutes() {
  return kRoutes;
}

}  // namespace travet::server
