// The OpenAPI document the server serves, checked by an OpenAPI 3.1 schema
// validator (@seriousme/openapi-schema-validator, installed into tests/js by
// scripts/setup) run with Node.js: what a client generator or an API gateway
// will read must be a valid document, not only one our own tests parse.
#include "runtime/server/openapi.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "runtime/server/routes.h"
#include "tests/fakes/temp_dir.h"

namespace travet::server {
namespace {

namespace fs = std::filesystem;

const fs::path kValidator = fs::path(TRAVET_SOURCE_DIR) /
                            "tests/js/node_modules/@seriousme/openapi-schema-validator/bin/"
                            "validate-api-cli.js";

struct Verdict {
  int exit_code = -1;
  std::string output;
};

// Runs the validator on `document` written to a file in `dir`.
Verdict Validate(const travet::testing::TempDir& dir, const Value& document) {
  const fs::path file = dir.Write("openapi.json", document.dump(2));
  const fs::path out = dir.path() / "validator.out";
  const std::string command =
      "node '" + kValidator.string() + "' '" + file.string() + "' > '" + out.string() + "' 2>&1";
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, travet::testing::ReadFile(out)};
}

class OpenApiValidatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(kValidator))
        << kValidator << " is missing: scripts/setup installs it (npm ci --prefix tests/js)";
  }
  travet::testing::TempDir dir_;
};

TEST_F(OpenApiValidatorTest, TheServedDocumentIsValidOpenApi31) {
  const Value document = OpenApiDocument(ApiRoutes(), "0.1.0");
  ASSERT_EQ(document["openapi"].get<std::string>().substr(0, 3), "3.1");
  const Verdict verdict = Validate(dir_, document);
  EXPECT_EQ(verdict.exit_code, 0) << verdict.output;
  EXPECT_NE(verdict.output.find("\"valid\": true"), std::string::npos) << verdict.output;
}

// The check above can fail: the same document with one answer given as a
// bare string instead of a Response Object is refused, naming where.
TEST_F(OpenApiValidatorTest, AMalformedAnswerIsRefused) {
  Value document = OpenApiDocument(ApiRoutes(), "0.1.0");
  document["paths"]["/healthz"]["get"]["responses"]["200"] = "fine";
  const Verdict verdict = Validate(dir_, document);
  EXPECT_NE(verdict.exit_code, 0) << verdict.output;
  EXPECT_NE(verdict.output.find("healthz"), std::string::npos) << verdict.output;
}

}  // namespace
}  // namespace travet::server
