// A bot whose `set` steps use the expression library, run as `travet run`
// runs it: the values its steps store are the library's exact texts.
#include <gtest/gtest.h>

#include "runtime/actions/bot_loading.h"
#include "runtime/engine/runner.h"
#include "runtime/store/sqlite/sqlite_store.h"
#include "tests/fakes/temp_dir.h"

namespace travet::expr {
namespace {

constexpr const char* kExpenseBot = R"(bot: expense-check
steps:
  - id: totals
    uses: set
    with:
      total: "${{ decimal('0.10') + decimal('0.20') + decimal(7.99) }}"
      total_it: "${{ (decimal('1.234,56', 'it') * 2):format('it') }}"
      due: "${{ date.parse('24/12/2026'):add_working_days(1):format('it') }}"
      vat_ok: "${{ it.partita_iva('01234567897').valid }}"
      count: "${{ json.decode('{\"n\": 3}').n }}"
      name: "${{ text.squash(text.strip_accents('  Niccolò   Dell’Acqua ')) }}"
  - id: later
    uses: set
    with:
      doubled: "${{ decimal(vars.total) * 2 }}"
)";

TEST(ExpressionLibraryBotTest, SetStepsStoreExactValues) {
  testing::TempDir dir;
  auto store = store::OpenSqliteStore((dir.path() / "travet.db").string());
  ASSERT_TRUE(store) << store.error().message();
  auto loaded = actions::LoadBotText(kExpenseBot, (dir.path() / "bot.yaml").string());
  ASSERT_TRUE(loaded.ok()) << ::testing::PrintToString(loaded.errors);
  engine::RunOptions options;
  options.store = store->get();
  options.work_dir = dir.path();
  auto outcome = engine::RunBot(*loaded.bot, options);
  ASSERT_TRUE(outcome) << outcome.error().message();
  ASSERT_EQ(outcome->state, store::RunState::kSucceeded) << outcome->error;
  auto checkpoints = (*store)->LoadCheckpoints(outcome->run_id);
  ASSERT_TRUE(checkpoints) << checkpoints.error().message();
  ASSERT_EQ(checkpoints->size(), 2u);
  EXPECT_EQ((*checkpoints)[0].output, Value({{"total", "8.29"},
                                             {"total_it", "2.469,12"},
                                             {"due", "28/12/2026"},
                                             {"vat_ok", true},
                                             {"count", 3},
                                             {"name", "Niccolo Dell’Acqua"}}));
  EXPECT_EQ((*checkpoints)[1].output, Value({{"doubled", "16.58"}}));
}

}  // namespace
}  // namespace travet::expr
