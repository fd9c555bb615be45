// `concurrency: N` on a loop with `items: true`: up to N work items at once
// in one process, each POST still sent exactly once. The backend here is a
// raw HTTP server that counts every request (no idempotency dedupe).
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <condition_variable>
#include <thread>

#include "runtime/actions/action_table.h"
#include "runtime/lang/loader.h"
#include "tests/fakes/local_server.h"
#include "tests/integration/bot_harness.h"

namespace travet::testing {
namespace {

// Answers POST /work/{doc} with 201 once `group` requests have arrived since
// the last group was let through; a request that waits `wait` for its group
// gets 503. Items that do not really run at once never fill a group of more
// than one. Counts the requests per document and the most in flight at once.
class GroupingBackend {
 public:
  explicit GroupingBackend(int group, Millis wait = Millis(5000)) : group_(group), wait_(wait) {
    http_.server().Post(R"(/work/([^/]+))",
                        [this](const httplib::Request& req, httplib::Response& res) {
                          res.status = Admit(req.matches[1]) ? 201 : 503;
                        });
    http_.Start();
  }

  std::string url() const { return http_.url(); }
  // Called with how many requests arrived so far, as each one arrives.
  void OnArrival(std::function<void(int)> hook) { on_arrival_ = std::move(hook); }
  std::map<std::string, int> posts() const {
    std::lock_guard lock(mu_);
    return posts_;
  }
  int most_in_flight() const {
    std::lock_guard lock(mu_);
    return most_in_flight_;
  }

 private:
  bool Admit(const std::string& doc) {
    std::unique_lock lock(mu_);
    ++posts_[doc];
    const int arrival = arrived_++;
    if (on_arrival_)
      on_arrival_(arrived_);
    most_in_flight_ = std::max(most_in_flight_, ++in_flight_);
    if (arrived_ % group_ == 0) {
      released_ = arrived_ / group_;
      let_through_.notify_all();
    }
    const int group = arrival / group_;
    bool admitted = let_through_.wait_for(lock, wait_, [&] { return released_ > group; });
    --in_flight_;
    return admitted;
  }

  const int group_;
  const Millis wait_;
  mutable std::mutex mu_;
  std::condition_variable let_through_;
  std::function<void(int)> on_arrival_;
  std::map<std::string, int> posts_;
  int arrived_ = 0, released_ = 0, in_flight_ = 0, most_in_flight_ = 0;
  LocalServer http_;  // last: stopped before the members its handlers use go
};

// Twelve documents; each item posts once and remembers, in vars, what it saw.
constexpr const char* kConcurrentBatchBot = R"(bot: concurrent-batch
env: [BACKEND_URL]
vars:
  last: none
steps:
  - id: each
    foreach: "${{ {'a','b','c','d','e','f','g','h','i','j','k','l'} }}"
    as: doc
    items: true
    concurrency: 3
    steps:
      - id: post
        uses: http.request
        with:
          method: POST
          url: "${{ env.BACKEND_URL }}/work/${{ doc }}"
          expect: [201]
      - id: seen
        uses: set
        with: { before: "${{ vars.last }}", last: "${{ doc }}" }
)";

class ConcurrentItemsTest : public ::testing::Test {
 protected:
  engine::RunOptions Options(const GroupingBackend& backend) {
    engine::RunOptions options;
    options.getenv = [url = backend.url()](const std::string& name) {
      return name == "BACKEND_URL" ? std::optional<std::string>(url) : std::nullopt;
    };
    return options;
  }

  std::vector<store::WorkItem> Items(const std::string& run_id) {
    auto items = h_.store().ListWorkItems(run_id);
    EXPECT_TRUE(items.has_value()) << items.error().message();
    return items ? *items : std::vector<store::WorkItem>{};
  }

  BotHarness h_;
};

TEST_F(ConcurrentItemsTest, ItemsRunAtOnceUpToTheirConcurrency) {
  GroupingBackend backend(3);  // lets requests through three at a time
  auto outcome = h_.Run(kConcurrentBatchBot, Options(backend));
  ASSERT_EQ(outcome.state, store::RunState::kSucceeded) << outcome.error << h_.LogText();
  EXPECT_EQ(backend.most_in_flight(), 3);
  auto posts = backend.posts();
  EXPECT_EQ(posts.size(), 12u);
  for (const auto& [doc, count] : posts)
    EXPECT_EQ(count, 1) << doc;
  auto items = Items(outcome.run_id);
  ASSERT_EQ(items.size(), 12u);
  for (size_t i = 0; i < items.size(); ++i) {
    EXPECT_EQ(items[i].index, static_cast<int>(i));
    EXPECT_EQ(items[i].key, std::string(1, static_cast<char>('a' + i)));
    EXPECT_EQ(items[i].state, store::ItemState::kSucceeded);
    EXPECT_EQ(items[i].output["post"]["status"], 201);
    // Each item starts from the vars the loop began with, not from whichever
    // item another executor finished last.
    EXPECT_EQ(items[i].output["seen"]["before"], "none") << items[i].key;
  }
}

TEST_F(ConcurrentItemsTest, OneItemAtATimeNeverFillsAGroup) {
  // The same bot without concurrency: the first POST waits alone for a group
  // of two and is refused. This is what makes the test above able to fail.
  GroupingBackend backend(2, Millis(300));
  std::string bot = kConcurrentBatchBot;
  bot.replace(bot.find("    concurrency: 3\n"), 19, "");
  bot.replace(bot.find(",'c','d','e','f','g','h','i','j','k','l'"), 40, "");
  auto outcome = h_.Run(bot, Options(backend));
  ASSERT_EQ(outcome.state, store::RunState::kSucceeded) << outcome.error << h_.LogText();
  EXPECT_EQ(backend.most_in_flight(), 1);
  auto items = Items(outcome.run_id);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].state, store::ItemState::kFailed);
  EXPECT_EQ(items[0].error, "POST " + backend.url() + "/work/a: HTTP 503 Service Unavailable");
}

// A run stopped in the middle of a concurrent batch (SIGTERM to a worker)
// starts no new item; the executors stop at their next step. A takeover then
// finishes the batch and no document is posted twice.
TEST_F(ConcurrentItemsTest, AStoppedBatchResumesWithEveryPostSentOnce) {
  GroupingBackend backend(1);
  std::atomic<bool> stop = false;
  backend.OnArrival([&stop](int arrived) {
    if (arrived == 5)
      stop = true;
  });
  auto bot = h_.Load(kConcurrentBatchBot);
  ASSERT_TRUE(bot);
  engine::RunOptions options = h_.Fill(Options(backend));
  options.stop = &stop;
  options.lease = {Millis(300), Millis(100)};
  auto stopped = engine::RunBot(*bot, options);
  ASSERT_FALSE(stopped.has_value());
  EXPECT_EQ(stopped.error().code(), StatusCode::kCancelled) << stopped.error().message();
  const size_t posted = backend.posts().size();
  EXPECT_GE(posted, 5u);
  EXPECT_LE(posted, 7u);  // the five, and what two other executors had in flight

  auto runs = h_.store().ListRuns({});
  ASSERT_TRUE(runs.has_value());
  ASSERT_EQ(runs->size(), 1u);
  const std::string run_id = (*runs)[0].id;
  // Every item of the batch is listed, also those not started yet: pending,
  // never attempted, without a key until they start.
  auto listed = Items(run_id);
  ASSERT_EQ(listed.size(), 12u);
  size_t never_started = 0;
  for (const auto& item : listed) {
    if (item.state == store::ItemState::kPending && item.attempts == 0) {
      ++never_started;
      EXPECT_EQ(item.key, "") << item.Path();
      EXPECT_EQ(item.started_at, "") << item.Path();
    }
  }
  EXPECT_GE(never_started, 12u - 7u - 2u);  // at most seven posted, two more begun
  std::this_thread::sleep_for(std::chrono::milliseconds(400));  // the lease lapses
  stop = false;
  auto resumed = engine::ResumeRun(*bot, run_id, options);
  ASSERT_TRUE(resumed.has_value()) << resumed.error().message();
  ASSERT_EQ(resumed->state, store::RunState::kSucceeded) << resumed->error << h_.LogText();
  auto posts = backend.posts();
  EXPECT_EQ(posts.size(), 12u);
  for (const auto& [doc, count] : posts)
    EXPECT_EQ(count, 1) << doc;
  for (const auto& item : Items(run_id))
    EXPECT_EQ(item.state, store::ItemState::kSucceeded) << item.key;
}

TEST_F(ConcurrentItemsTest, TheLoaderChecksConcurrency) {
  lang::LoadOptions load;
  load.actions = &actions::ActionCatalog();
  auto bad = lang::LoadBotText(R"(bot: bad
steps:
  - foreach: "${{ {1, 2} }}"
    concurrency: 2
    steps:
      - uses: log
        with: { message: hi }
  - foreach: "${{ {1, 2} }}"
    items: true
    concurrency: 0
    steps:
      - uses: log
        with: { message: hi }
  - uses: log
    concurrency: 4
    with: { message: hi }
)",
                               "bot.yaml", load);
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(bad.errors.size(), 3u) << ::testing::PrintToString(bad.errors);
  EXPECT_EQ(bad.errors[0],
            "bot.yaml:4:18: 'concurrency' runs work items at once: it needs 'items: true'");
  EXPECT_EQ(bad.errors[1],
            "bot.yaml:10:18: 'concurrency' must be a whole number from 1 to 64, not '0'");
  EXPECT_EQ(bad.errors[2], "bot.yaml:15:18: 'concurrency' belongs to a 'foreach' step");
}

}  // namespace
}  // namespace travet::testing
