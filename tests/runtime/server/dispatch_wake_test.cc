// After a request that changed something the dispatcher wakes this server's
// idle workers (engine::WorkSignal), so that a run it queued or a review it
// decided is taken at once; reads, refusals and POSTs that change nothing (a
// field checked at every key pressed) wake nobody.
#include <gtest/gtest.h>

#include "runtime/engine/work_signal.h"
#include "runtime/server/dispatch.h"
#include "runtime/server/routes.h"
#include "runtime/server/server_context.h"
#include "runtime/store/store.h"
#include "tests/fakes/temp_dir.h"

namespace travet::server {
namespace {

ApiResponse Answered(const ApiRequest&, ServerContext&) {
  return JsonResponse(200, Value::object());
}

ApiResponse Refused(const ApiRequest&, ServerContext&) {
  return Problem(409, "conflict", "No");
}

constexpr bool kNoBody = false;
constexpr bool kNoIfMatch = false;
constexpr bool kChangesNothing = true;

const Route kWakeRoutes[] = {
    {"GET", "/list", kAnyone, "test", "A read", Answered},
    {"POST", "/change", kAnyone, "test", "A change", Answered},
    {"POST", "/refused", kAnyone, "test", "A change refused", Refused},
    {"POST", "/check", kAnyone, "test", "A check", Answered, 200, kNoBody, kNoIfMatch,
     kChangesNothing},
};

TEST(DispatchWakeTest, OnlyChangesMadeWakeTheWorkers) {
  travet::testing::TempDir dir;
  auto store = store::OpenStore((dir.path() / "travet.db").string());
  ASSERT_TRUE(store.has_value());
  BotCatalog bots(dir.path());
  Metrics metrics;
  engine::WorkSignal work;
  ServerContext context{.store = **store,
                        .bots = bots,
                        .metrics = metrics,
                        .clock = DefaultClock(),
                        .work_dir = dir.path(),
                        .version = "test",
                        .work = &work};
  const Dispatcher dispatcher(kWakeRoutes, context, nullptr);
  auto woken_by = [&](const std::string& method, const std::string& path) {
    const uint64_t before = work.Generation();
    ApiRequest request{.method = method, .path = path};
    dispatcher.Handle(request);
    return work.Generation() - before;
  };
  EXPECT_EQ(woken_by("POST", "/change"), 1u);
  EXPECT_EQ(woken_by("GET", "/list"), 0u);
  EXPECT_EQ(woken_by("POST", "/refused"), 0u);
  EXPECT_EQ(woken_by("POST", "/check"), 0u);
  EXPECT_EQ(woken_by("POST", "/nowhere"), 0u);
}

// The server's own table marks its checks and readings so.
TEST(DispatchWakeTest, TheServersChecksAndReadingsChangeNothing) {
  for (const Route& route : ApiRoutes()) {
    const std::string path = route.path;
    const bool checks =
        path.ends_with("/check") || path.ends_with("/validate") || path == "/api/v1/ocr/region";
    EXPECT_EQ(route.reads_only, checks) << route.method << " " << path;
  }
}

}  // namespace
}  // namespace travet::server
