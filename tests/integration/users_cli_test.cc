#include <gtest/gtest.h>

#include "runtime/core/value.h"
#include "tests/fakes/run_travet.h"
#include "tests/fakes/temp_dir.h"

namespace travet::testing {
namespace {

constexpr std::string_view kPassword = "correct horse battery\n";

class UsersCliTest : public ::testing::Test {
 protected:
  TravetOutput Run(const std::vector<std::string>& args, std::string_view input = {}) {
    return RunTravetWithInput(args, dir_.path(), input);
  }
  // `travet users list --json`, parsed.
  Value List() {
    TravetOutput list = Run({"users", "list", "--json"});
    EXPECT_EQ(list.exit_code, 0) << list.err;
    return Value::parse(list.out);
  }

  TempDir dir_;
};

TEST_F(UsersCliTest, AddsAndListsUsers) {
  TravetOutput added = Run({"users", "add", "anna", "--role", "operator", "--queues",
                            "accounting,hr", "--password-stdin"},
                           kPassword);
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_EQ(added.out, "user anna added as operator\n");
  // Without a line end, and with a Windows one, the line is the password.
  ASSERT_EQ(
      Run({"users", "add", "bea", "--role", "admin", "--password-stdin"}, "correct horse battery")
          .exit_code,
      0);
  ASSERT_EQ(Run({"users", "add", "carlo", "--role", "developer", "--password-stdin"},
                "correct horse battery\r\n")
                .exit_code,
            0);

  Value users = List();
  ASSERT_EQ(users.size(), 3u);
  EXPECT_EQ(users[0]["name"], "anna");
  EXPECT_EQ(users[0]["role"], "operator");
  EXPECT_EQ(users[0]["queues"], Value({"accounting", "hr"}));
  EXPECT_EQ(users[0]["disabled"], false);
  EXPECT_EQ(users[1]["role"], "admin");
  EXPECT_EQ(users[2]["name"], "carlo");
  EXPECT_EQ(users[2]["queues"], Value::array());

  TravetOutput table = Run({"users", "list"});
  EXPECT_NE(table.out.find("anna                operator   enabled   "), std::string::npos)
      << table.out;
  EXPECT_NE(table.out.find("accounting,hr\n"), std::string::npos) << table.out;

  // The password is in the store only as its Argon2id hash.
  std::string store = ReadFile(dir_.path() / "travet.db") + ReadFile(dir_.path() / "travet.db-wal");
  EXPECT_EQ(store.find("correct horse battery"), std::string::npos);
  EXPECT_NE(store.find("$argon2id$"), std::string::npos);
}

TEST_F(UsersCliTest, RefusesBadNewUsers) {
  TravetOutput short_one =
      Run({"users", "add", "anna", "--role", "operator", "--password-stdin"}, "hunter2\n");
  EXPECT_EQ(short_one.exit_code, 2);
  EXPECT_EQ(short_one.err,
            "travet users add: the password is too short: 7 characters, at least 12\n");
  TravetOutput empty =
      Run({"users", "add", "anna", "--role", "operator", "--password-stdin"}, "\n");
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_EQ(empty.err, "travet users add: the password is empty\n");
  TravetOutput none = Run({"users", "add", "anna", "--role", "operator", "--password-stdin"});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_EQ(none.err, "travet users add: no password on stdin\n");
  TravetOutput no_flag = Run({"users", "add", "anna", "--role", "operator"}, kPassword);
  EXPECT_EQ(no_flag.exit_code, 2);
  EXPECT_EQ(no_flag.err,
            "travet users add: --password-stdin is required: a password is never taken from the "
            "command line\n");
  TravetOutput role =
      Run({"users", "add", "anna", "--role", "root", "--password-stdin"}, kPassword);
  EXPECT_EQ(role.exit_code, 2);
  EXPECT_EQ(role.err, "travet users add: unknown role 'root' (operator, developer or admin)\n");
  TravetOutput name =
      Run({"users", "add", "anna/x", "--role", "admin", "--password-stdin"}, kPassword);
  EXPECT_EQ(name.exit_code, 2);
  EXPECT_EQ(name.err,
            "travet users add: user name 'anna/x' may hold only letters, digits, '.', '_' and "
            "'-'\n");
  EXPECT_EQ(List().size(), 0u);

  ASSERT_EQ(
      Run({"users", "add", "anna", "--role", "admin", "--password-stdin"}, kPassword).exit_code, 0);
  TravetOutput again =
      Run({"users", "add", "anna", "--role", "admin", "--password-stdin"}, kPassword);
  EXPECT_EQ(again.exit_code, 4);
  EXPECT_EQ(again.err, "travet users add: user 'anna' already exists\n");
}

TEST_F(UsersCliTest, PrintsATokenOnceAndRevokesTokens) {
  ASSERT_EQ(
      Run({"users", "add", "anna", "--role", "developer", "--password-stdin"}, kPassword).exit_code,
      0);
  TravetOutput token = Run({"users", "token", "anna"});
  ASSERT_EQ(token.exit_code, 0) << token.err;
  EXPECT_EQ(token.out.rfind("trv_", 0), 0u) << token.out;
  EXPECT_EQ(token.out.size(), 4u + 43u + 1u);  // the token and a line end, nothing else
  EXPECT_EQ(token.err, "");
  std::string clear = token.out.substr(0, token.out.size() - 1);
  std::string store = ReadFile(dir_.path() / "travet.db") + ReadFile(dir_.path() / "travet.db-wal");
  EXPECT_EQ(store.find(clear), std::string::npos);
  EXPECT_NE(Run({"users", "token", "anna"}).out, token.out);

  TravetOutput unknown = Run({"users", "token", "zoe"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.err, "travet users token: no user 'zoe'\n");
  TravetOutput revoked = Run({"users", "revoke", "anna"});
  ASSERT_EQ(revoked.exit_code, 0) << revoked.err;
  EXPECT_EQ(revoked.out, "2 API tokens of anna revoked\n");
}

TEST_F(UsersCliTest, ChangesPasswordsAndDisablesUsers) {
  ASSERT_EQ(
      Run({"users", "add", "anna", "--role", "operator", "--password-stdin"}, kPassword).exit_code,
      0);
  std::string changed_before = List()[0]["password_changed_at"];
  TravetOutput passwd =
      Run({"users", "passwd", "anna", "--password-stdin"}, "another long password\n");
  ASSERT_EQ(passwd.exit_code, 0) << passwd.err;
  EXPECT_EQ(passwd.out, "password of anna changed; every session of anna ended\n");
  EXPECT_GE(List()[0]["password_changed_at"].get<std::string>(), changed_before);
  TravetOutput short_one = Run({"users", "passwd", "anna", "--password-stdin"}, "short\n");
  EXPECT_EQ(short_one.exit_code, 2);
  EXPECT_EQ(short_one.err,
            "travet users passwd: the password is too short: 5 characters, at least 12\n");
  TravetOutput nobody = Run({"users", "passwd", "zoe", "--password-stdin"}, kPassword);
  EXPECT_EQ(nobody.exit_code, 2);
  EXPECT_EQ(nobody.err, "travet users passwd: no user 'zoe'\n");

  TravetOutput disabled = Run({"users", "disable", "anna"});
  ASSERT_EQ(disabled.exit_code, 0) << disabled.err;
  EXPECT_EQ(disabled.out, "user anna disabled; every session of anna ended\n");
  EXPECT_EQ(List()[0]["disabled"], true);
  TravetOutput token = Run({"users", "token", "anna"});
  EXPECT_EQ(token.exit_code, 2);
  EXPECT_EQ(token.out, "");
  EXPECT_EQ(token.err, "travet users token: user anna is disabled (travet users enable anna)\n");
  ASSERT_EQ(Run({"users", "enable", "anna"}).exit_code, 0);
  EXPECT_EQ(List()[0]["disabled"], false);
}

}  // namespace
}  // namespace travet::testing
