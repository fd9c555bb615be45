#include "runtime/engine/run_lease.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include "runtime/store/sqlite/sqlite_store.h"
#include "tests/fakes/temp_dir.h"

namespace travet::engine {
namespace {

using testing::TempDir;

std::string Host() {
  char name[256] = {};
  gethostname(name, sizeof name - 1);
  return name;
}

// The pid of a child that has exited and been reaped: no such process.
pid_t DeadPid() {
  pid_t pid = fork();
  if (pid == 0)
    _exit(0);
  waitpid(pid, nullptr, 0);
  return pid;
}

TEST(RunLeaseTest, AnOwnerNamesHostPidAndARandomPart) {
  std::string owner = NewLeaseOwner();
  std::string prefix = Host() + ":" + std::to_string(getpid()) + ":";
  ASSERT_EQ(owner.rfind(prefix, 0), 0u) << owner;
  EXPECT_EQ(owner.size(), prefix.size() + 6);
  EXPECT_NE(NewLeaseOwner(), owner);
  EXPECT_EQ(ProcessLeaseOwner(), ProcessLeaseOwner());
}

TEST(RunLeaseTest, TellsADeadLocalProcessFromALivingOne) {
  EXPECT_FALSE(IsDeadLocalOwner(NewLeaseOwner()));  // this process
  EXPECT_TRUE(IsDeadLocalOwner(Host() + ":" + std::to_string(DeadPid()) + ":abcdef"));
  EXPECT_FALSE(IsDeadLocalOwner("elsewhere.example:" + std::to_string(DeadPid()) + ":abcdef"));
  EXPECT_FALSE(IsDeadLocalOwner(Host() + ":notapid:abcdef"));
  EXPECT_FALSE(IsDeadLocalOwner(""));
  EXPECT_FALSE(IsDeadLocalOwner("justtext"));
}

class LeaseKeeperTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::OpenSqliteStore((dir_.path() / "travet.db").string());
    ASSERT_TRUE(store) << store.error().message();
    store_ = std::move(*store);
    ASSERT_TRUE(store_->CreateRun({.id = "r-1", .bot = "b"}).ok());
  }

  store::RunRecord Claim(const std::string& owner, TimePoint now = DefaultClock().Now()) {
    auto run = store_->ClaimRun("r-1", {owner, now, Millis(300)});
    EXPECT_TRUE(run) << run.error().message();
    return run ? *run : store::RunRecord{};
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(LeaseKeeperTest, RenewsTheLeaseWhileTheRunIsExecuted) {
  store::RunRecord run = Claim("host:1:aaaaaa");
  std::string first = run.lease_until;
  {
    LeaseKeeper keeper(*store_, DefaultClock(), run, {Millis(300), Millis(10)});
    std::this_thread::sleep_for(Millis(100));
    EXPECT_TRUE(keeper.Check().ok());
  }
  EXPECT_GT(store_->GetRun("r-1")->lease_until, first);
}

TEST_F(LeaseKeeperTest, ReportsTheTakeoverOnceARenewalIsRefused) {
  store::RunRecord run = Claim("host:1:aaaaaa");
  LeaseKeeper keeper(*store_, DefaultClock(), run, {Millis(300), Millis(10)});
  Claim("host:2:bbbbbb", DefaultClock().Now() + std::chrono::hours(1));  // after a lapse
  for (int i = 0; i < 200 && keeper.Check().ok(); ++i)
    std::this_thread::sleep_for(Millis(5));
  EXPECT_EQ(keeper.Check().message(),
            "run r-1 was taken over: attempt 2 is current, this worker holds attempt 1");
}

TEST_F(LeaseKeeperTest, ClaimNextTakesADeadLocalHolderAtOnce) {
  Claim(Host() + ":" + std::to_string(DeadPid()) + ":abcdef");
  auto next = ClaimNextRun(*store_, {"host:2:bbbbbb", DefaultClock().Now(), Millis(300)});
  ASSERT_TRUE(next) << next.error().message();
  ASSERT_TRUE(next->has_value());
  EXPECT_EQ((*next)->id, "r-1");
  EXPECT_EQ((*next)->attempt, 2);
  // A living holder (this process) keeps its run.
  auto none = ClaimNextRun(*store_, {"host:3:cccccc", DefaultClock().Now(), Millis(300)});
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());
}

}  // namespace
}  // namespace travet::engine
