#include <gtest/gtest.h>

#include "tests/integration/bot_harness.h"

namespace travet::testing {
namespace {

TEST(CsvToJsonTest, ConvertsEachRowAndTotals) {
  BotHarness h;
  h.dir().Write("in/fornitori.csv",
                "codice;ragione_sociale;importo\n"
                "F01;\"Rossi & Figli; S.r.l.\";1234.50\n"
                "F02;Bianchi SpA;99.90\n");
  auto outcome = h.Run(R"(bot: csv-to-json
inputs:
  source: { type: path, default: in/fornitori.csv }
steps:
  - id: rows
    uses: file.read
    with: { path: "${{ inputs.source }}", as: csv, delimiter: ";" }
  - id: total
    uses: script
    with:
      lua: |
        local sum = 0
        for _, row in ipairs(steps.rows.content) do sum = sum + tonumber(row.importo) end
        return string.format("%.2f", sum)
  - uses: file.write
    with:
      path: out/fornitori.json
      json: { suppliers: "${{ steps.rows.content }}", total: "${{ steps.total }}" }
)");
  EXPECT_EQ(outcome.state, store::RunState::kSucceeded) << outcome.error << "\n" << h.LogText();
  Value written = Value::parse(h.dir().Read("out/fornitori.json"));
  ASSERT_EQ(written["suppliers"].size(), 2u);
  EXPECT_EQ(written["suppliers"][0]["ragione_sociale"], "Rossi & Figli; S.r.l.");
  EXPECT_EQ(written["suppliers"][1]["codice"], "F02");
  EXPECT_EQ(written["total"], "1334.40");

  auto checkpoints = h.store().LoadCheckpoints(outcome.run_id);
  ASSERT_TRUE(checkpoints.has_value());
  ASSERT_EQ(checkpoints->size(), 3u);
  EXPECT_EQ((*checkpoints)[0].step_path, "rows");
  EXPECT_EQ((*checkpoints)[2].step_path, "step3");
}

TEST(CsvToJsonTest, RunTimeFailureKeepsThePreviousFile) {
  BotHarness h;
  h.dir().Write("out/report.json", "{\"old\": true}");
  auto outcome = h.Run(R"(bot: half-written
steps:
  - uses: file.write
    with: { path: out/report.json, content: "${{ inputs.x + 1 }}" }
inputs:
  x: { type: string, default: abc }
)");
  EXPECT_EQ(outcome.state, store::RunState::kFailed);
  EXPECT_EQ(h.dir().Read("out/report.json"), "{\"old\": true}");
}

}  // namespace
}  // namespace travet::testing
