// /healthz, /readyz, /metrics and the OpenAPI document.
#include "runtime/server/openapi.h"
#include "runtime/server/routes.h"
#include "runtime/server/server_context.h"
#include "runtime/server/store_metrics.h"

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

// This process's counters, then the store's gauges. A store that does not
// answer leaves its gauges out and says so in travet_store_up: the
// process's own counters are still worth a scrape.
ApiResponse GetMetrics(const ApiRequest&, ServerContext& context) {
  auto stored = RenderStoreMetrics(context.store, context.clock.Now());
  if (!stored && context.log) {
    context.log("metrics: the store did not answer: " + stored.error().message());
  }
  std::string text = context.metrics.Render() +
                     "# HELP travet_store_up Whether the store answered this scrape (1) or "
                     "not (0).\n# TYPE travet_store_up gauge\ntravet_store_up " +
                     (stored ? "1\n" + *stored : "0\n");
  return {200, "text/plain; version=0.0.4; charset=utf-8", std::move(text), {}};
}

ApiResponse GetOpenApi(const ApiRequest&, ServerContext& context) {
  return JsonResponse(200, OpenApiDocument(ApiRoutes(), context.version));
}

}  // namespace travet::server
