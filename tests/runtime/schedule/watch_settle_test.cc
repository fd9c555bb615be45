#include "runtime/schedule/watch_settle.h"

#include <gtest/gtest.h>

#include "tests/fakes/fake_clock.h"

namespace travet::schedule {
namespace {

using std::chrono::seconds;
using Names = std::vector<std::string>;

std::filesystem::file_time_type Mtime(int s) {
  return std::filesystem::file_time_type(seconds(s));
}

// A scanner writes scan.pdf for three seconds; the folder is listed every
// second and files settle after 2 s.
TEST(SettleTrackerTest, AFileIsTakenOnceItsSizeStopsChanging) {
  testing::FakeClock clock;
  SettleTracker tracker(Millis(2000));
  auto observe = [&](std::uintmax_t size, int mtime) {
    Names ready = tracker.Observe({{"scan.pdf", size, Mtime(mtime)}}, clock.Now());
    clock.Advance(seconds(1));
    return ready;
  };
  EXPECT_EQ(observe(0, 100), Names{});                // t=0: created
  EXPECT_EQ(observe(40960, 101), Names{});            // t=1: growing
  EXPECT_EQ(observe(81920, 102), Names{});            // t=2
  EXPECT_EQ(observe(90112, 102), Names{});            // t=3: last write, same second
  EXPECT_EQ(observe(90112, 102), Names{});            // t=4: unchanged for 1 s
  EXPECT_EQ(observe(90112, 102), Names{"scan.pdf"});  // t=5: for 2 s
  EXPECT_EQ(observe(90112, 102), Names{});            // t=6: taken already
  EXPECT_EQ(tracker.size(), 1u);
}

TEST(SettleTrackerTest, ATouchAloneRestartsTheWait) {
  testing::FakeClock clock;
  SettleTracker tracker(Millis(2000));
  auto at = [&](int s) { return clock.Now() + seconds(s); };
  EXPECT_EQ(tracker.Observe({{"a.pdf", 10, Mtime(1)}}, at(0)), Names{});
  EXPECT_EQ(tracker.Observe({{"a.pdf", 10, Mtime(2)}}, at(1)), Names{});
  EXPECT_EQ(tracker.Observe({{"a.pdf", 10, Mtime(2)}}, at(2)), Names{});
  EXPECT_EQ(tracker.Observe({{"a.pdf", 10, Mtime(2)}}, at(3)), Names{"a.pdf"});
}

TEST(SettleTrackerTest, SeveralFilesComeOutSortedEachWhenReady) {
  testing::FakeClock clock;
  SettleTracker tracker(Millis(2000));
  auto at = [&](int s) { return clock.Now() + seconds(s); };
  std::vector<FileSnapshot> listing = {{"b.pdf", 5, Mtime(1)}, {"a.pdf", 5, Mtime(1)}};
  EXPECT_EQ(tracker.Observe(listing, at(0)), Names{});
  listing.push_back({"c.pdf", 5, Mtime(2)});
  EXPECT_EQ(tracker.Observe(listing, at(2)), (Names{"a.pdf", "b.pdf"}));
  EXPECT_EQ(tracker.Observe(listing, at(3)), Names{});
  EXPECT_EQ(tracker.Observe(listing, at(4)), Names{"c.pdf"});
}

TEST(SettleTrackerTest, AFileRewrittenOrGoneAndBackIsANewOne) {
  testing::FakeClock clock;
  SettleTracker tracker(Millis(2000));
  auto at = [&](int s) { return clock.Now() + seconds(s); };
  EXPECT_EQ(tracker.Observe({{"a.pdf", 10, Mtime(1)}}, at(0)), Names{});
  EXPECT_EQ(tracker.Observe({{"a.pdf", 10, Mtime(1)}}, at(2)), Names{"a.pdf"});
  // Written again in place: taken again once it settles.
  EXPECT_EQ(tracker.Observe({{"a.pdf", 20, Mtime(5)}}, at(5)), Names{});
  EXPECT_EQ(tracker.Observe({{"a.pdf", 20, Mtime(5)}}, at(7)), Names{"a.pdf"});
  // Moved away, then a file of the same name and size comes back.
  EXPECT_EQ(tracker.Observe({}, at(8)), Names{});
  EXPECT_EQ(tracker.size(), 0u);
  EXPECT_EQ(tracker.Observe({{"a.pdf", 20, Mtime(5)}}, at(9)), Names{});
  EXPECT_EQ(tracker.Observe({{"a.pdf", 20, Mtime(5)}}, at(11)), Names{"a.pdf"});
}

// A file the caller could not take is offered again once it settles anew.
TEST(SettleTrackerTest, AForgottenFileIsOfferedAgainAfterSettlingAnew) {
  testing::FakeClock clock;
  SettleTracker tracker(Millis(2000));
  auto at = [&](int s) { return clock.Now() + seconds(s); };
  EXPECT_EQ(tracker.Observe({{"a.pdf", 10, Mtime(1)}}, at(0)), Names{});
  EXPECT_EQ(tracker.Observe({{"a.pdf", 10, Mtime(1)}}, at(2)), Names{"a.pdf"});
  tracker.Forget("a.pdf");
  EXPECT_EQ(tracker.Observe({{"a.pdf", 10, Mtime(1)}}, at(3)), Names{});
  EXPECT_EQ(tracker.Observe({{"a.pdf", 10, Mtime(1)}}, at(4)), Names{});
  EXPECT_EQ(tracker.Observe({{"a.pdf", 10, Mtime(1)}}, at(5)), Names{"a.pdf"});
}

TEST(SettleTrackerTest, NoSettleTakesAFileAtFirstSight) {
  testing::FakeClock clock;
  SettleTracker tracker(Millis(0));
  EXPECT_EQ(tracker.Observe({{"a.pdf", 10, Mtime(1)}}, clock.Now()), Names{"a.pdf"});
}

}  // namespace
}  // namespace travet::schedule
