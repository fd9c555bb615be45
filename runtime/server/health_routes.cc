// /healthz, /readyz, /metrics and the OpenAPI document.
#include "runtime/server/openapi.h"
#include "runtime/server/routes.h"
#include "runtime/server/server_context.h"

namespace travet::server {

ApiResponse GetHealth(const ApiRequest&, ServerContext&) {
  return JsonResponse(200, {{"status", "ok"}});
}

ApiResponse GetReady(const ApiRequest&, ServerContext& context) {
  auto runs = context.store.ListRuns({.limit = 1});
  if (!runs) {
    return Problem(503, "not-ready", "The store does not answer", runs.error().message());
  }
  return JsonResponse(200, {{"status", "ready"}});
}

ApiResponse GetMetrics(const ApiRequest&, ServerContext& context) {
  return {200, "text/plain; version=0.0.4; charset=utf-8", context.metrics.Render(), {}};
}

ApiResponse GetOpenApi(const ApiRequest&, ServerContext& context) {
  return JsonResponse(200, OpenApiDocument(ApiRoutes(), context.version));
}

}  // namespace travet::server
