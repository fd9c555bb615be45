// QA sampling, the review settings of ocr.extract and the review action,
// and how the loader checks them.
#include "runtime/actions/review_params.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "runtime/actions/action_table.h"
#include "runtime/actions/atomic_file.h"
#include "runtime/actions/sha256.h"
#include "runtime/lang/loader.h"

namespace travet::actions {
namespace {

// Settings are checked before the scan is read: the file need not exist.
TEST(OcrReviewSettingsTest, BadSettingsAreClearErrors) {
  auto message = [](Value review) {
    Value params = {{"file", "missing.png"},
                    {"fields", {{"total", {{"label", "Totale"}}}}},
                    {"review", std::move(review)}};
    ActionContext ctx;
    Result<Value> out = FindAction("ocr.extract")->run(params, ctx);
    return out ? std::string("ok") : out.error().message();
  };
  EXPECT_EQ(message({{"queue", "a"}, {"sample", "lots"}}),
            "ocr.extract: parameter 'review.sample': 'lots' is not a share: use e.g. 5% or 0.05");
  EXPECT_EQ(message({{"approvals", 3}}),
            "ocr.extract: parameter 'review.approvals' must be 1 or 2");
  EXPECT_EQ(message({{"escalate_to", "boss"}}),
            "ocr.extract: parameter 'review.escalate_to' must be given with 'due' (escalation "
            "happens when it is due)");
  EXPECT_EQ(message({{"queu", "a"}}), "ocr.extract: unknown key 'queu' in parameter 'review'");
  EXPECT_EQ(message("accounting"), "ocr.extract: parameter 'review' must be a map");
}

TEST(SampleTest, ParsesPercentAndShares) {
  EXPECT_DOUBLE_EQ(*ParseSampleRate("5%"), 0.05);
  EXPECT_DOUBLE_EQ(*ParseSampleRate("0.5%"), 0.005);
  EXPECT_DOUBLE_EQ(*ParseSampleRate(0.25), 0.25);
  EXPECT_DOUBLE_EQ(*ParseSampleRate(1), 1.0);
  EXPECT_EQ(ParseSampleRate(7).error().message(), "'7' is not a share: use e.g. 5% or 0.05");
  EXPECT_FALSE(ParseSampleRate("101%"));
  EXPECT_FALSE(ParseSampleRate("-5%"));
  EXPECT_FALSE(ParseSampleRate("5"));
}

// 10,000 distinct documents at 5%: Binomial(10000, 0.05) has mean 500 and
// standard deviation 21.79; its 99% interval is 500 +- 2.576 * 21.79, i.e.
// [444, 556].
TEST(SampleTest, RateIsWithinTheBinomialInterval) {
  int chosen = 0;
  for (int i = 0; i < 10000; ++i) {
    if (ChosenForSample(Sha256Hex("invoice-" + std::to_string(i)), "accounting", 0.05))
      ++chosen;
  }
  EXPECT_GE(chosen, 444);
  EXPECT_LE(chosen, 556);
}

TEST(SampleTest, SameDocumentSameChoiceAndQueuesDiffer) {
  std::set<int> differing;
  for (int i = 0; i < 2000; ++i) {
    std::string sha = Sha256Hex("scan-" + std::to_string(i));
    bool first = ChosenForSample(sha, "accounting", 0.05);
    EXPECT_EQ(ChosenForSample(sha, "accounting", 0.05), first);
    if (first != ChosenForSample(sha, "payroll", 0.05))
      differing.insert(i);
  }
  EXPECT_FALSE(differing.empty());  // the salt: another queue picks other documents
  EXPECT_FALSE(ChosenForSample(Sha256Hex("x"), "q", 0));
  EXPECT_TRUE(ChosenForSample(Sha256Hex("x"), "q", 1));
}

TEST(OcrReviewLoaderTest, ChecksTheReviewMapStatically) {
  lang::LoadOptions options;
  options.actions = &ActionCatalog();
  lang::LoadResult r = lang::LoadBotText(R"(bot: b
steps:
  - uses: ocr.extract
    with:
      file: scan.png
      fields: { total: { label: Totale } }
      review: { queu: accounting, due: soon, approvals: two, sample: 5% }
)",
                                         "bot.yaml", options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors, (std::vector<std::string>{
                          "bot.yaml:7:17: unknown key 'queu' in parameter 'review' of "
                          "ocr.extract; did you mean 'queue'?",
                          "bot.yaml:7:40: parameter 'review.due' of ocr.extract must be a "
                          "duration, not a string",
                          "bot.yaml:7:57: parameter 'review.approvals' of ocr.extract must be an "
                          "integer, not a string",
                      }));
}

}  // namespace
}  // namespace travet::actions
