// Many operators deciding the same task at the same moment, each through a
// connection of its own (a Store per thread, or a process each): exactly one
// decision wins, every other caller is told who decided and when, and the
// audit log holds exactly one decision.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <latch>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "runtime/store/sqlite/sqlite_store.h"
#include "runtime/store/store.h"
#include "tests/fakes/temp_dir.h"

namespace travet::store {
namespace {

using testing::TempDir;

constexpr int kThreads = 20;
constexpr int kThreadRounds = 100;
constexpr int kProcesses = 4;
constexpr int kProcessRounds = 100;

std::unique_ptr<Store> OpenOrDie(const std::string& path) {
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(path);
  EXPECT_TRUE(store) << store.error().message();
  return store ? std::move(*store) : nullptr;
}

void CreateTask(Store& store, const std::string& id) {
  ReviewTask task{.id = id, .run_id = "r-1", .step_path = "step-" + id};
  task.fields = {{"total", {{"value", "1.234,56"}, {"confidence", 60}}}};
  ASSERT_TRUE(store.CreateTask(task).ok());
}

// Operator i approves when i is even and rejects when i is odd, so the race
// is also one between the two kinds of decision.
Decision DecisionOf(int i) {
  std::string actor = "op-" + std::to_string(i);
  if (i % 2 == 0)
    return Decision{.approve = true, .actor = actor, .corrections = {{"total", "1.234,50"}}};
  return Decision{.approve = false, .actor = actor, .reason = "illegible"};
}

// The number of approve and reject entries in the task's audit log.
int DecisionsInAudit(Store& store, const std::string& id) {
  int decisions = 0;
  Result<std::vector<AuditEntry>> history = store.TaskHistory(id);
  EXPECT_TRUE(history) << history.error().message();
  for (const AuditEntry& entry : *history)
    decisions += entry.action == "approve" || entry.action == "reject";
  return decisions;
}

std::string AlreadyDecided(Store& store, const std::string& id) {
  Result<ReviewTask> task = store.GetTask(id);
  EXPECT_TRUE(task) << task.error().message();
  return "task " + id + " was already " + std::string(TaskStateName(task->state)) + " by " +
         task->decided_by + " at " + task->decided_at;
}

TEST(ReviewRaceTest, TwentyThreadsWithOwnStoresDecideExactlyOnce) {
  TempDir dir;
  std::string path = (dir.path() / "travet.db").string();
  std::unique_ptr<Store> main = OpenOrDie(path);
  ASSERT_TRUE(main->CreateRun({.id = "r-1", .bot = "race"}).ok());
  std::vector<std::unique_ptr<Store>> stores;
  stores.reserve(kThreads);
  for (int i = 0; i < kThreads; ++i)
    stores.push_back(OpenOrDie(path));

  for (int round = 0; round < kThreadRounds; ++round) {
    std::string id = "t-" + std::to_string(round);
    CreateTask(*main, id);
    std::vector<Status> results(kThreads);
    std::latch start(1);
    std::vector<std::thread> threads;
    threads.reserve(kThreads);
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&, i] {
        start.wait();
        results[i] = stores[i]->DecideTask(id, DecisionOf(i), SystemClock().Now()).status();
      });
    }
    start.count_down();
    for (std::thread& thread : threads)
      thread.join();

    std::string expected = AlreadyDecided(*main, id);
    int wins = 0;
    for (const Status& result : results) {
      if (result.ok()) {
        ++wins;
        continue;
      }
      EXPECT_EQ(result.code(), StatusCode::kAlreadyExists) << result.message();
      EXPECT_EQ(result.message(), expected);
    }
    ASSERT_EQ(wins, 1) << "round " << round;
    ASSERT_EQ(DecisionsInAudit(*main, id), 1) << "round " << round;
  }
}

// In a child: opens its own store, says it is ready, waits for the start,
// decides, and exits 0 on success, 1 on "already decided", 2 otherwise.
[[noreturn]] void DecideInChild(const std::string& path, const std::string& id, int i, int ready,
                                int go) {
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(path);
  char byte = 'r';
  if (!store || write(ready, &byte, 1) != 1)
    _exit(3);
  (void)read(go, &byte, 1);  // returns 0 once the parent closes its end
  Result<ReviewTask> decided = (*store)->DecideTask(id, DecisionOf(i), SystemClock().Now());
  if (decided)
    _exit(0);
  if (decided.error().code() == StatusCode::kAlreadyExists &&
      decided.error().message().rfind("task " + id + " was already ", 0) == 0) {
    _exit(1);
  }
  fprintf(stderr, "child %d: %s\n", i, decided.error().message().c_str());
  _exit(2);
}

// One round: forks the children, lets them go at once, returns their exit codes.
std::vector<int> RaceProcesses(const std::string& path, const std::string& id) {
  int ready[2];
  int go[2];
  EXPECT_EQ(pipe(ready), 0);
  EXPECT_EQ(pipe(go), 0);
  std::vector<pid_t> children;
  for (int i = 0; i < kProcesses; ++i) {
    pid_t pid = fork();
    if (pid == 0) {
      close(ready[0]);
      close(go[1]);
      DecideInChild(path, id, i, ready[1], go[0]);
    }
    children.push_back(pid);
  }
  close(ready[1]);
  close(go[0]);
  char byte;
  for (int i = 0; i < kProcesses; ++i)
    EXPECT_EQ(read(ready[0], &byte, 1), 1);
  close(go[1]);
  std::vector<int> codes;
  for (pid_t child : children) {
    int status = 0;
    EXPECT_EQ(waitpid(child, &status, 0), child);
    codes.push_back(WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  }
  close(ready[0]);
  return codes;
}

TEST(ReviewRaceTest, FourProcessesDecideExactlyOnce) {
  TempDir dir;
  std::string path = (dir.path() / "travet.db").string();
  {
    std::unique_ptr<Store> store = OpenOrDie(path);
    ASSERT_TRUE(store->CreateRun({.id = "r-1", .bot = "race"}).ok());
  }
  for (int round = 0; round < kProcessRounds; ++round) {
    std::string id = "t-" + std::to_string(round);
    // No connection is open across fork(): SQLite forbids using one in both
    // processes, and its per-process lock bookkeeping would be copied.
    {
      std::unique_ptr<Store> store = OpenOrDie(path);
      CreateTask(*store, id);
    }
    std::vector<int> codes = RaceProcesses(path, id);
    int wins = 0;
    for (int code : codes) {
      EXPECT_TRUE(code == 0 || code == 1) << "round " << round << ": exit " << code;
      wins += code == 0;
    }
    ASSERT_EQ(wins, 1) << "round " << round;
    std::unique_ptr<Store> store = OpenOrDie(path);
    ASSERT_EQ(DecisionsInAudit(*store, id), 1) << "round " << round;
  }
}

}  // namespace
}  // namespace travet::store
