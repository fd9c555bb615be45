// The work items of one batch shared by the run's executor and a worker that
// had nothing else to do: each item runs in one place, each POST is received
// once, and the run concludes the loop from what both did. The backend is a
// raw HTTP server that counts every request (no idempotency dedupe).
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "runtime/engine/worker.h"
#include "tests/fakes/local_server.h"
#include "tests/integration/bot_harness.h"

namespace travet::testing {
namespace {

// Answers POST /work/{doc} with 201 after `delay`, counting the requests per
// document; calls the arrival hook with the count so far.
class SlowBackend {
 public:
  explicit SlowBackend(Millis delay) {
    http_.server().Post(R"(/work/([^/]+))",
                        [this, delay](const httplib::Request& req, httplib::Response& res) {
                          int arrived = 0;
                          {
                            std::lock_guard lock(mu_);
                            ++posts_[req.matches[1]];
                            arrived = ++arrived_;
                          }
                          if (on_arrival_)
                            on_arrival_(arrived);
                          std::this_thread::sleep_for(delay);
                          res.status = 201;
                        });
    http_.Start();
  }

  std::string url() const { return http_.url(); }
  void OnArrival(std::function<void(int)> hook) { on_arrival_ = std::move(hook); }
  std::map<std::string, int> posts() const {
    std::lock_guard lock(mu_);
    return posts_;
  }

 private:
  mutable std::mutex mu_;
  std::function<void(int)> on_arrival_;
  std::map<std::string, int> posts_;
  int arrived_ = 0;
  LocalServer http_;  // last: stopped before the members its handlers use go
};

constexpr const char* kSharedBatchBot = R"(bot: shared-batch
env: [BACKEND_URL]
vars:
  last: none
steps:
  - id: intro
    uses: set
    with: { greeting: hello }
  - id: each
    foreach: "${{ {'a','b','c','d','e','f','g','h','i','j','k','l','m','n','o','p'} }}"
    as: doc
    items: true
    steps:
      - id: post
        uses: http.request
        with:
          method: POST
          url: "${{ env.BACKEND_URL }}/work/${{ doc }}?from=${{ vars.greeting }}"
          expect: [201]
      - id: seen
        uses: set
        with: { before: "${{ vars.last }}", last: "${{ doc }}" }
  - id: after
    uses: log
    with: { message: "done: ${{ steps.each.succeeded }}" }
)";

// A worker on its own store connection, as another process would be, started
// once the run is under way (before, it could claim the queued run itself).
class HelpingWorker {
 public:
  explicit HelpingWorker(const std::string& store_path,
                         engine::LeaseTiming lease = {Millis(3000), Millis(1000)}) {
    auto store = store::OpenStore("sqlite://" + store_path);
    EXPECT_TRUE(store.has_value()) << store.error().message();
    store_ = std::move(*store);
    options_.store = store_.get();
    options_.poll = Millis(20);
    options_.lease = lease;
    options_.log_sink = [this](LogLevel, std::string_view path, std::string_view) {
      if (stop_after_ && std::string_view(path).ends_with(*stop_after_))
        stop_ = true;
    };
    options_.stop = &stop_;
    options_.report = [this](const std::string& line, bool) {
      std::lock_guard lock(mu_);
      lines_.push_back(line);
    };
  }
  ~HelpingWorker() { Stop(); }

  void Start() {
    std::call_once(started_, [this] { thread_ = std::thread([this] { RunWorker(options_); }); });
  }
  // Stops the worker once a step at a path ending in `suffix` logged a line
  // (in an item it helps with: the item is then left half done).
  void StopAfter(std::string suffix) { stop_after_ = std::move(suffix); }
  void Stop() {
    stop_ = true;
    if (thread_.joinable())
      thread_.join();
  }
  std::vector<std::string> lines() {
    std::lock_guard lock(mu_);
    return lines_;
  }

 private:
  std::unique_ptr<store::Store> store_;
  engine::WorkerOptions options_;
  std::atomic<bool> stop_ = false;
  std::optional<std::string> stop_after_;
  std::once_flag started_;
  std::thread thread_;
  std::mutex mu_;
  std::vector<std::string> lines_;
};

class SharedItemsTest : public ::testing::Test {
 protected:
  SharedItemsTest() { ::setenv("BACKEND_URL", backend_.url().c_str(), 1); }  // for the worker

  // Runs the batch here with `worker` started once the first POST arrived,
  // and stopped after; asserts that the run succeeded, that each document was
  // posted once, and returns the items as stored.
  std::vector<store::WorkItem> RunWith(HelpingWorker& worker) {
    backend_.OnArrival([&worker](int) { worker.Start(); });
    engine::RunOptions options;
    options.getenv = [url = backend_.url()](const std::string& name) {
      return name == "BACKEND_URL" ? std::optional<std::string>(url) : std::nullopt;
    };
    auto outcome = h_.Run(kSharedBatchBot, options);
    worker.Stop();
    EXPECT_EQ(outcome.state, store::RunState::kSucceeded) << outcome.error << h_.LogText();
    auto posts = backend_.posts();
    EXPECT_EQ(posts.size(), 16u);
    for (const auto& [doc, count] : posts)
      EXPECT_EQ(count, 1) << doc;
    auto items = h_.store().ListWorkItems(outcome.run_id);
    EXPECT_TRUE(items.has_value()) << items.error().message();
    if (!items || items->size() != 16u) {
      ADD_FAILURE() << "not 16 items";
      return {};
    }
    for (const auto& item : *items) {
      EXPECT_EQ(item.state, store::ItemState::kSucceeded) << item.Path();
      // Every executor starts each item from the vars the loop began with.
      EXPECT_EQ(item.output["seen"]["before"], "none") << item.Path();
    }
    return *items;
  }

  BotHarness h_;
  SlowBackend backend_{Millis(60)};
};

TEST_F(SharedItemsTest, AnIdleWorkerTakesItemsOfARunAndEachIsDoneOnce) {
  HelpingWorker worker(h_.store_path());
  std::set<std::string> owners;
  for (const auto& item : RunWith(worker)) {
    EXPECT_EQ(item.attempts, 1) << item.Path();
    EXPECT_EQ(item.output["post"]["status"], 201) << item.Path();
    owners.insert(item.owner);
  }
  EXPECT_EQ(owners.size(), 2u) << "the worker took no item: " << h_.LogText();
  // The step after the loop saw every item, whoever ran it.
  EXPECT_NE(h_.LogText().find("done: 16"), std::string::npos) << h_.LogText();
  const auto lines = worker.lines();
  ASSERT_FALSE(lines.empty());
  EXPECT_NE(lines.front().find("item each["), std::string::npos) << lines.front();
  EXPECT_NE(lines.front().find(" succeeded"), std::string::npos) << lines.front();
}

// A worker that stops in the middle of an item it took (SIGTERM) gives it
// back at once (a crashed one holds it until its claim lapses); the run's
// executor then takes the item back and finishes it from its checkpoints:
// the POST the worker sent is not sent again.
TEST_F(SharedItemsTest, AnItemAWorkerLeftIsTakenBackByTheExecutor) {
  HelpingWorker worker(h_.store_path(), {Millis(400), Millis(100)});
  worker.StopAfter(".post");
  int taken_back = 0;
  for (const auto& item : RunWith(worker))
    taken_back += item.claims == 2 ? 1 : 0;
  EXPECT_EQ(taken_back, 1) << h_.LogText();
  const auto lines = worker.lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find(" left: "), std::string::npos) << lines[0];
}

}  // namespace
}  // namespace travet::testing
