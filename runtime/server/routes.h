#pragma once

#include <span>

#include "runtime/server/route.h"

namespace travet::server {

// Every route of the server, in the order the OpenAPI document lists them.
std::span<const Route> ApiRoutes();

// The handlers, one file per family (health_routes.cc, bot_routes.cc, ...).
ApiResponse GetHealth(const ApiRequest& request, ServerContext& context);
ApiResponse GetReady(const ApiRequest& request, ServerContext& context);
ApiResponse GetMetrics(const ApiRequest& request, ServerContext& context);
ApiResponse GetOpenApi(const ApiRequest& request, ServerContext& context);
ApiResponse SignIn(const ApiRequest& request, ServerContext& context);
ApiResponse ShowSession(const ApiRequest& request, ServerContext& context);
ApiResponse SignOut(const ApiRequest& request, ServerContext& context);
ApiResponse ListBots(const ApiRequest& request, ServerContext& context);
ApiResponse ShowBot(const ApiRequest& request, ServerContext& context);
ApiResponse ValidateBot(const ApiRequest& request, ServerContext& context);
ApiResponse StartRun(const ApiRequest& request, ServerContext& context);
ApiResponse StartRunByWebhook(const ApiRequest& request, ServerContext& context);
ApiResponse ListRuns(const ApiRequest& request, ServerContext& context);
ApiResponse ShowRun(const ApiRequest& request, ServerContext& context);
ApiResponse CancelRun(const ApiRequest& request, ServerContext& context);
ApiResponse ResumeRunLater(const ApiRequest& request, ServerContext& context);
ApiResponse RetryRunItems(const ApiRequest& request, ServerContext& context);
ApiResponse ListReviewTasks(const ApiRequest& request, ServerContext& context);
ApiResponse ShowReviewTask(const ApiRequest& request, ServerContext& context);
ApiResponse ClaimReviewTask(const ApiRequest& request, ServerContext& context);
ApiResponse ReleaseReviewTask(const ApiRequest& request, ServerContext& context);
ApiResponse ApproveReviewTask(const ApiRequest& request, ServerContext& context);
ApiResponse RejectReviewTask(const ApiRequest& request, ServerContext& context);
ApiResponse ReviewTaskHistory(const ApiRequest& request, ServerContext& context);
ApiResponse ShowReviewPage(const ApiRequest& request, ServerContext& context);
ApiResponse CheckReviewField(const ApiRequest& request, ServerContext& context);
ApiResponse ReadOcrRegion(const ApiRequest& request, ServerContext& context);
ApiResponse ListSchedules(const ApiRequest& request, ServerContext& context);
ApiResponse ShowSchedule(const ApiRequest& request, ServerContext& context);
ApiResponse PauseSchedule(const ApiRequest& request, ServerContext& context);
ApiResponse ResumeSchedule(const ApiRequest& request, ServerContext& context);
ApiResponse ChangeOwnPassword(const ApiRequest& request, ServerContext& context);
ApiResponse GetKpi(const ApiRequest& request, ServerContext& context);
ApiResponse ListUsers(const ApiRequest& request, ServerContext& context);
ApiResponse ShowUser(const ApiRequest& request, ServerContext& context);
ApiResponse CreateUser(const ApiRequest& request, ServerContext& context);
ApiResponse ChangeUser(const ApiRequest& request, ServerContext& context);
ApiResponse DisableUser(const ApiRequest& request, ServerContext& context);
ApiResponse EnableUser(const ApiRequest& request, ServerContext& context);
ApiResponse SetUserPassword(const ApiRequest& request, ServerContext& context);
ApiResponse ListUserTokens(const ApiRequest& request, ServerContext& context);
ApiResponse CreateUserToken(const ApiRequest& request, ServerContext& context);
ApiResponse RevokeUserToken(const ApiRequest& request, ServerContext& context);
ApiResponse RevokeUserTokens(const ApiRequest& request, ServerContext& context);

}  // namespace travet::server
