// Schedules over real HTTP on 127.0.0.1: each served bot's triggers with
// their keys, next fire times equal to the calendar's, pauses by whom and
// when, and a pause made over HTTP held by a cron scheduler on the same
// store (fake clock). The stand-in for the sign-in gives each bearer token a
// role.
#include <gtest/gtest.h>

#include "runtime/actions/bot_loading.h"
#include "runtime/schedule/trigger_json.h"
#include "runtime/server/cron_scheduler.h"
#include "tests/fakes/fake_clock.h"
#include "tests/runtime/server/server_fixture.h"

namespace travet::server {
namespace {

using testing::JsonOf;
using testing::ServerFixture;
using testing::ServerSetup;

// Leap days at 08:00 in Rome, the 29th of March at 02:30 (a time the clocks
// skip in 2026), a watched folder and a webhook. Neither cron trigger fires
// while a test runs, so the server's own scheduler leaves them alone.
constexpr char kCalendarBot[] = R"(bot: calendar
inputs:
  scan: { type: path, required: false }
triggers:
  - cron: "0 8 29 2 *"
    timezone: Europe/Rome
    catch_up: last
  - watch: { path: inbox, pattern: "*.pdf", input: scan }
  - webhook: true
  - cron: "30 2 29 3 *"
    skip: holidays
    holidays: ["06-24"]
steps:
  - id: hello
    uses: set
    with: { greeting: hello }
)";

class ScheduleRoutesTest : public ::testing::Test {
 protected:
  ScheduleRoutesTest() : server_(CalendarSetup()), client_(server_.Client()) {}

  static ServerSetup CalendarSetup() {
    ServerSetup setup;
    setup.bots.emplace_back("calendar.yaml", kCalendarBot);
    setup.authenticate = testing::StandInAuthenticate;
    return setup;
  }

  // The calendar bot as the server loaded it.
  std::shared_ptr<const lang::Bot> CalendarBot() const {
    lang::LoadResult loaded =
        actions::LoadBot((server_.dir().path() / "bots" / "calendar.yaml").string());
    EXPECT_TRUE(loaded.ok());
    return loaded.ok() ? std::make_shared<const lang::Bot>(std::move(*loaded.bot)) : nullptr;
  }

  Value Post(const std::string& path, const std::string& role) {
    auto r = client_.Post(path, testing::As(role), "", "application/json");
    EXPECT_TRUE(r);
    last_status_ = r ? r->status : 0;
    return JsonOf(r);
  }

  ServerFixture server_;
  httplib::Client client_;
  int last_status_ = 0;
};

// The bot as shown says which input a watched folder's file is given to,
// and the rest of each trigger as the schedules show it, without fire times.
TEST_F(ScheduleRoutesTest, ABotShowsItsWatchedFolderAndTheInputItFills) {
  const Value bot = JsonOf(client_.Get("/api/v1/bots/calendar", testing::As("operator")));
  ASSERT_EQ(bot["triggers"].size(), 4u) << bot.dump();
  const Value& watch = bot["triggers"][1];
  EXPECT_EQ(watch["kind"], "watch") << bot.dump();
  EXPECT_EQ(watch["path"], "inbox");
  EXPECT_EQ(watch["pattern"], "*.pdf");
  EXPECT_EQ(watch["input"], "scan");
  EXPECT_EQ(watch["settle_ms"], 2000);
  EXPECT_EQ(bot["triggers"][0]["catch_up"], "last");
  EXPECT_FALSE(bot["triggers"][0].contains("next"));
}

TEST_F(ScheduleRoutesTest, TheNextFiresAreTheCalendars) {
  const std::string from = "2026-03-27T12:00:00+01:00";
  auto r = client_.Get("/api/v1/schedules/calendar?count=3&from=" + from, testing::As("operator"));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const Value schedule = JsonOf(r);
  EXPECT_EQ(schedule["bot"], "calendar");
  EXPECT_EQ(schedule["from"], "2026-03-27T11:00:00+00:00");
  const Value& triggers = schedule["triggers"];
  ASSERT_EQ(triggers.size(), 4u);
  const auto bot = CalendarBot();
  ASSERT_TRUE(bot);
  const auto start = schedule::ParseIsoInstant(from);
  ASSERT_TRUE(start.has_value());
  for (size_t i : {0u, 3u}) {
    const schedule::UpcomingFires fires = schedule::NextFires(bot->triggers[i], *start, 3);
    ASSERT_EQ(fires.times.size(), 3u);
    Value expected = Value::array();
    for (const auto& time : fires.times) {
      expected.push_back(schedule::FormatIso(time));
    }
    EXPECT_EQ(triggers[i]["next"], expected) << i;
  }
  EXPECT_EQ(triggers[3]["next"][0], "2026-03-29T03:00:00+02:00");  // 02:30 is skipped
  EXPECT_EQ(triggers[0]["key"], "cron#1");
  EXPECT_EQ(triggers[0]["catch_up"], "last");
  EXPECT_EQ(triggers[0]["timezone"], "Europe/Rome");
  EXPECT_EQ(triggers[0]["paused"], false);
  EXPECT_EQ(triggers[0]["last_fire"], nullptr);
  EXPECT_EQ(triggers[1]["key"], "watch#2");
  EXPECT_EQ(triggers[1]["path"], "inbox");
  EXPECT_EQ(triggers[1]["pattern"], "*.pdf");
  EXPECT_EQ(triggers[1]["next"], Value::array());
  EXPECT_EQ(triggers[2]["key"], "webhook#3");
  EXPECT_EQ(triggers[2]["next"], Value::array());
  EXPECT_EQ(triggers[3]["key"], "cron#4");
  EXPECT_EQ(triggers[3]["skip"], "holidays");
  EXPECT_EQ(triggers[3]["holidays"], Value({"06-24"}));
}

TEST_F(ScheduleRoutesTest, TheListHoldsEveryBotWithTriggersAndItsLastFire) {
  ASSERT_TRUE(server_.store()
                  .RecordFire({"calendar", "cron#1", "2024-02-29T07:00:00.000Z", "r-1"})
                  .has_value());
  const Value list = JsonOf(client_.Get("/api/v1/schedules", testing::As("operator")));
  ASSERT_EQ(list["schedules"].size(), 1u) << "echo has no triggers: " << list.dump();
  const Value& calendar = list["schedules"][0];
  EXPECT_EQ(calendar["bot"], "calendar");
  EXPECT_EQ(calendar["triggers"][0]["last_fire"], "2024-02-29T07:00:00.000Z");
  EXPECT_EQ(calendar["triggers"][0]["next"].size(), 5u) << "five by default";
  for (const char* bad : {"count=0", "count=101", "count=x", "from=2026-03-27"}) {
    auto r = client_.Get(std::string("/api/v1/schedules?") + bad, testing::As("operator"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << bad;
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/problem+json");
  }
  auto most = JsonOf(client_.Get("/api/v1/schedules/calendar?count=100", testing::As("operator")));
  EXPECT_EQ(most["triggers"][0]["next"].size(), 100u);
  auto nobody = client_.Get("/api/v1/schedules/nobody", testing::As("operator"));
  ASSERT_TRUE(nobody);
  EXPECT_EQ(nobody->status, 404);
}

TEST_F(ScheduleRoutesTest, APauseIsShownWithWhoAndWhenUntilResumed) {
  Value paused = Post("/api/v1/schedules/calendar/triggers/cron%231/pause", "developer");
  ASSERT_EQ(last_status_, 200) << paused.dump();
  EXPECT_EQ(paused["key"], "cron#1");
  EXPECT_EQ(paused["paused"], true);
  EXPECT_EQ(paused["paused_by"], "developer");
  EXPECT_TRUE(paused["paused_at"].is_string());
  EXPECT_EQ(paused["next"], Value::array()) << "a paused trigger fires at no time";
  const Value again = Post("/api/v1/schedules/calendar/triggers/1/pause", "admin");
  EXPECT_EQ(last_status_, 200);
  EXPECT_EQ(again["paused_by"], "developer") << "the first pause stays";
  EXPECT_EQ(again["paused_at"], paused["paused_at"]);
  Post("/api/v1/schedules/calendar/triggers/2/pause", "admin");
  EXPECT_EQ(last_status_, 200);
  const Value shown = JsonOf(client_.Get("/api/v1/schedules/calendar", testing::As("operator")));
  EXPECT_EQ(shown["triggers"][0]["paused"], true);
  EXPECT_EQ(shown["triggers"][1]["paused"], true);
  EXPECT_EQ(shown["triggers"][3]["paused"], false);

  const Value resumed = Post("/api/v1/schedules/calendar/triggers/cron%231/resume", "admin");
  ASSERT_EQ(last_status_, 200) << resumed.dump();
  EXPECT_EQ(resumed["paused"], false);
  EXPECT_EQ(resumed["paused_by"], nullptr);
  EXPECT_EQ(resumed["next"].size(), 5u);
  auto pauses = server_.store().ListTriggerPauses("calendar");
  ASSERT_TRUE(pauses.has_value());
  ASSERT_EQ(pauses->size(), 2u);
  EXPECT_EQ((*pauses)[0].resumed_by, "admin");
  EXPECT_TRUE((*pauses)[1].resumed_at.empty());
}

TEST_F(ScheduleRoutesTest, OnlyDevelopersAndAdminsPauseAndOnlyKnownTriggers) {
  Post("/api/v1/schedules/calendar/triggers/cron%231/pause", "operator");
  EXPECT_EQ(last_status_, 403);
  for (const char* trigger : {"cron%232", "watch%231", "5", "0", "cron"}) {
    const Value problem =
        Post(std::string("/api/v1/schedules/calendar/triggers/") + trigger + "/pause", "developer");
    EXPECT_EQ(last_status_, 404) << trigger;
    EXPECT_EQ(problem["type"], "urn:travet:problem:not-found");
  }
  Post("/api/v1/schedules/nobody/triggers/1/pause", "developer");
  EXPECT_EQ(last_status_, 404);
  auto pauses = server_.store().ListTriggerPauses();
  ASSERT_TRUE(pauses.has_value());
  EXPECT_TRUE(pauses->empty());
}

// Records what a scheduler did with each fire, and of which trigger:
// "paused cron#1".
struct FireLog {
  std::vector<std::string> outcomes;
  FireReport Report() {
    return [this](const std::string&, const std::string& outcome, const std::string& line) {
      outcomes.push_back(outcome + " " + line.substr(0, line.find(' ')));
    };
  }
};

// A pause made over HTTP is held by a cron scheduler of another process on
// the same store (its own connection, a fake clock); a resume lets it fire.
TEST_F(ScheduleRoutesTest, ASchedulerOnTheStoreHoldsAPauseMadeOverHttp) {
  auto opened = store::OpenStore((server_.dir().path() / "travet.db").string());
  ASSERT_TRUE(opened.has_value());
  store::Store& store = **opened;
  auto file = (server_.dir().path() / "bots" / "calendar.yaml").string();
  const std::vector<CatalogEntry> entries = {{"calendar", file, CalendarBot(), {}}};
  auto leap_day = ParseRfc3339("2028-02-29T06:59:59.000Z");  // 07:59:59 in Rome
  ASSERT_TRUE(leap_day.has_value());
  travet::testing::FakeClock clock(*leap_day);
  FireLog log;
  CronScheduler scheduler(store, clock, server_.dir().path(), log.Report());
  scheduler.Plan(entries);
  Post("/api/v1/schedules/calendar/triggers/cron%231/pause", "developer");
  ASSERT_EQ(last_status_, 200);
  clock.Advance(Millis(1000));
  scheduler.Tick();
  EXPECT_EQ(log.outcomes, std::vector<std::string>{"paused cron#1"});
  auto runs = store.ListRuns({.bot = "calendar"});
  ASSERT_TRUE(runs.has_value());
  EXPECT_TRUE(runs->empty());

  Post("/api/v1/schedules/calendar/triggers/cron%231/resume", "developer");
  ASSERT_EQ(last_status_, 200);
  // The next leap day, 29 February 2032; cron#4 fell due meanwhile too.
  clock.Advance(std::chrono::days(4 * 365 + 1));
  scheduler.Tick();
  EXPECT_EQ(log.outcomes,
            (std::vector<std::string>{"paused cron#1", "started cron#1", "started cron#4"}));
  runs = store.ListRuns({.bot = "calendar"});
  ASSERT_TRUE(runs.has_value());
  EXPECT_EQ(runs->size(), 2u);
}

}  // namespace
}  // namespace travet::server
