// travet users: the people (and programs) who may use `travet serve`.
#include <iomanip>
#include <iostream>
#include <memory>

#include "runtime/auth/accounts.h"
#include "runtime/core/line_escape.h"
#include "runtime/store/store.h"
#include "runtime/store/user_json.h"
#include "tools/travet/command.h"
#include "tools/travet/password_input.h"
#include "tools/travet/store_failure.h"

namespace travet::cli {
namespace {

struct UsersArgs {
  StoreFlag store;
  std::string name, role, queues;
  bool password_stdin = false;
  bool json = false;
};

int Fail(const std::string& verb, const Status& status) {
  return StoreFailure("users", verb, status);
}

// "a,b" as {"a", "b"}; "" as none. An empty name between commas stays, for
// the store to refuse.
std::vector<std::string> SplitQueues(const std::string& list) {
  std::vector<std::string> queues;
  if (list.empty())
    return queues;
  size_t start = 0;
  while (true) {
    size_t comma = list.find(',', start);
    queues.push_back(list.substr(start, comma - start));
    if (comma == std::string::npos)
      return queues;
    start = comma + 1;
  }
}

// A new password, read from stdin (auth::AddUser and auth::ChangePassword
// check it).
Result<std::string> NewPassword(const UsersArgs& a) {
  if (!a.password_stdin) {
    return InvalidArgument(
        "--password-stdin is required: a password is never taken from the command line");
  }
  return ReadPassword(std::cin);
}

std::string Joined(const std::vector<std::string>& queues) {
  std::string text;
  for (const std::string& queue : queues)
    text += (text.empty() ? "" : ",") + EscapeControls(queue);
  return text.empty() ? "-" : text;
}

int Add(store::Store& s, const UsersArgs& a) {
  // A wrong role is told before a password is asked for.
  Result<store::Role> role = auth::RoleNamed(a.role);
  if (!role)
    return Fail("add", role.error());
  Result<std::string> password = NewPassword(a);
  if (!password)
    return Fail("add", password.error());
  Status added = auth::AddUser(s, {a.name, a.role, SplitQueues(a.queues), *password});
  if (!added.ok())
    return Fail("add", added);
  std::cout << "user " << a.name << " added as " << store::RoleName(*role) << "\n";
  return kExitOk;
}

int Passwd(store::Store& s, const UsersArgs& a) {
  // An unknown user is told before a password is asked for.
  Result<store::User> user = s.GetUser(a.name);
  if (!user)
    return Fail("passwd", user.error());
  Result<std::string> password = NewPassword(a);
  if (!password)
    return Fail("passwd", password.error());
  Status changed = auth::ChangePassword(s, a.name, *password);
  if (!changed.ok())
    return Fail("passwd", changed);
  std::cout << "password of " << a.name << " changed; every session of " << a.name << " ended\n";
  return kExitOk;
}

int SetEnabled(store::Store& s, const UsersArgs& a, bool enable) {
  Status set = s.SetDisabled(a.name, !enable);
  if (!set.ok())
    return Fail(enable ? "enable" : "disable", set);
  if (enable)
    std::cout << "user " << a.name << " enabled\n";
  else
    std::cout << "user " << a.name << " disabled; every session of " << a.name << " ended\n";
  return kExitOk;
}

int List(store::Store& s, const UsersArgs& a) {
  Result<std::vector<store::User>> users = s.ListUsers();
  if (!users)
    return Fail("list", users.error());
  if (a.json) {
    Value list = Value::array();
    for (const store::User& u : *users)
      list.push_back(store::UserJson(u));
    std::cout << list.dump(2) << "\n";
    return kExitOk;
  }
  for (const store::User& u : *users) {
    std::cout << std::left << std::setw(20) << u.name << std::setw(11) << store::RoleName(u.role)
              << std::setw(10) << (u.disabled ? "disabled" : "enabled") << std::setw(26)
              << u.created_at << Joined(u.queues) << "\n";
  }
  return kExitOk;
}

// Prints a new API token of the user on stdout, and nothing else: it is
// shown this once, and only its hash is kept.
int Token(store::Store& s, const UsersArgs& a) {
  Result<auth::IssuedToken> issued = auth::IssueToken(s, a.name);
  if (!issued && issued.error().code() == StatusCode::kFailedPrecondition) {
    return Fail("token", InvalidArgument(issued.error().message() + " (travet users enable " +
                                         a.name + ")"));
  }
  if (!issued)
    return Fail("token", issued.error());
  std::cout << issued->token << "\n";
  return kExitOk;
}

int Revoke(store::Store& s, const UsersArgs& a) {
  Result<store::User> user = s.GetUser(a.name);
  if (!user)
    return Fail("revoke", user.error());
  Result<int> revoked = s.DeleteTokens(a.name);
  if (!revoked)
    return Fail("revoke", revoked.error());
  std::cout << *revoked << (*revoked == 1 ? " API token" : " API tokens") << " of " << a.name
            << " revoked\n";
  return kExitOk;
}

int Dispatch(const std::string& verb, const UsersArgs& a) {
  if (verb != "list") {
    Status named = store::CheckUserName(a.name);
    if (!named.ok())
      return Fail(verb, named);
  }
  auto opened = store::OpenStore(
      a.store.url, verb == "list" ? store::StoreAccess::kRead : store::StoreAccess::kWrite);
  if (!opened)
    return Fail(verb, opened.error());
  store::Store& s = **opened;
  if (verb == "add")
    return Add(s, a);
  if (verb == "passwd")
    return Passwd(s, a);
  if (verb == "disable" || verb == "enable")
    return SetEnabled(s, a, verb == "enable");
  if (verb == "token")
    return Token(s, a);
  if (verb == "revoke")
    return Revoke(s, a);
  return List(s, a);
}

}  // namespace

std::function<int()> SetupUsers(CLI::App& cmd) {
  auto a = std::make_shared<UsersArgs>();
  auto verb = std::make_shared<std::string>();
  cmd.require_subcommand(1);
  struct Verb {
    const char* name;
    const char* help;
  };
  const Verb verbs[] = {
      {"add", "Add a user: --role operator|developer|admin [--queues Q,...] --password-stdin"},
      {"passwd", "Set a user's password (--password-stdin); ends the user's sessions"},
      {"disable", "Disable a user: no login, no API token; ends the user's sessions"},
      {"enable", "Enable a disabled user again"},
      {"list", "List the users: name, role, state, created, queues"},
      {"token", "Print a new API token of a user (shown once; only its hash is stored)"},
      {"revoke", "Revoke every API token of a user"},
  };
  for (const Verb& v : verbs) {
    CLI::App* sub = cmd.add_subcommand(v.name, v.help);
    a->store.Add(*sub);
    std::string name = v.name;
    sub->callback([verb, name] { *verb = name; });
    if (name == "list") {
      sub->add_flag("--json", a->json, "Print JSON");
      continue;
    }
    sub->add_option("NAME", a->name, "The user: letters, digits, '.', '_', '-' (1-64)")->required();
    if (name == "add") {
      sub->add_option("--role", a->role, "operator, developer or admin")->required();
      sub->add_option("--queues", a->queues, "Review queues an operator works (comma-separated)");
    }
    if (name == "add" || name == "passwd") {
      sub->add_flag("--password-stdin", a->password_stdin,
                    "Read the password from stdin, one line (at least 12 characters)");
    }
  }
  cmd.footer(
      "Exit status: 0 done, 1 the store failed, 2 bad arguments, unknown user or a refused "
      "password, 4 the user already exists, or is the last enabled admin (disable would "
      "leave nobody to manage users).");
  return [a, verb] { return Dispatch(*verb, *a); };
}

}  // namespace travet::cli
