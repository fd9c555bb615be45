// Users (admins only): list, show, add, change role and queues, disable,
// enable, set a password, and their API tokens. The rules are those of
// `travet users` (runtime/auth/accounts.h).
#include <optional>

#include "runtime/auth/accounts.h"
#include "runtime/server/routes.h"
#include "runtime/server/server_context.h"
#include "runtime/store/user_json.h"

namespace travet::server {
namespace {

// A refusal of the values sent: a well-formed body whose role, queue, name
// or password is not acceptable is 422; everything else as ProblemOf.
ApiResponse UserProblem(const Status& error) {
  if (error.code() == StatusCode::kInvalidArgument) {
    return Problem(422, "invalid-value", "A value is not acceptable", error.message());
  }
  return ProblemOf(error);
}

ApiResponse BadBody(std::string_view form) {
  return Problem(400, "invalid-input", "The request is not valid",
                 "the body must be " + std::string(form));
}

// Member `name` of `body` when it is a string; nullopt when absent or not.
std::optional<std::string> StringField(const Value& body, const char* name) {
  const auto it = body.find(name);
  if (it == body.end() || !it->is_string()) {
    return std::nullopt;
  }
  return it->get<std::string>();
}

using Queues = std::optional<std::vector<std::string>>;

// Member "queues" of `body`: a list of strings, or nullopt when absent;
// kInvalidArgument when it is something else.
Result<Queues> QueuesOf(const Value& body) {
  const auto it = body.find("queues");
  if (it == body.end()) {
    return Queues();
  }
  if (!it->is_array()) {
    return InvalidArgument("queues: must be a list of names");
  }
  std::vector<std::string> queues;
  for (const Value& queue : *it) {
    if (!queue.is_string()) {
      return InvalidArgument("queues: must be a list of names");
    }
    queues.push_back(queue.get<std::string>());
  }
  return Queues(std::move(queues));
}

// What a PATCH of a user asks for: a new role, new queues, or both.
struct UserChange {
  std::optional<std::string> role;
  Queues queues;
};

Result<UserChange> ChangeOf(const Value& body) {
  if (!body.is_object()) {
    return InvalidArgument("not an object");
  }
  UserChange change{StringField(body, "role"), std::nullopt};
  Result<Queues> queues = QueuesOf(body);
  if (!queues || (body.contains("role") && !change.role)) {
    return InvalidArgument("not a role and queues");
  }
  change.queues = std::move(*queues);
  if (!change.role && !change.queues) {
    return InvalidArgument("neither a role nor queues");
  }
  return change;
}

// The user as JSON with `status`, read back from the store after a change.
ApiResponse UserAnswer(ServerContext& context, const std::string& name, int status = 200) {
  auto user = context.store.GetUser(name);
  return user ? JsonResponse(status, store::UserJson(*user)) : ProblemOf(user.error());
}

}  // namespace

ApiResponse ListUsers(const ApiRequest&, ServerContext& context) {
  auto users = context.store.ListUsers();
  if (!users) {
    return ProblemOf(users.error());
  }
  Value list = Value::array();
  for (const store::User& user : *users) {
    list.push_back(store::UserJson(user));
  }
  return JsonResponse(200, {{"users", std::move(list)}});
}

ApiResponse ShowUser(const ApiRequest& request, ServerContext& context) {
  return UserAnswer(context, request.params.at("user"));
}

ApiResponse CreateUser(const ApiRequest& request, ServerContext& context) {
  constexpr std::string_view kForm =
      R"({"name": "...", "role": "operator|developer|admin", "queues": ["..."], "password": "..."})";
  const Value body = BodyJson(request.body);
  if (!body.is_object()) {
    return BadBody(kForm);
  }
  const auto name = StringField(body, "name");
  const auto role = StringField(body, "role");
  const auto password = StringField(body, "password");
  const auto queues = QueuesOf(body);
  if (!name || !role || !password || !queues) {
    return BadBody(kForm);
  }
  const auth::NewUser user{*name, *role, queues->value_or(std::vector<std::string>{}), *password};
  if (const Status added = auth::AddUser(context.store, user); !added.ok()) {
    return UserProblem(added);
  }
  ApiResponse response = UserAnswer(context, user.name, 201);
  response.headers.emplace_back("Location", "/api/v1/users/" + user.name);
  return response;
}

// Changes the role, the queues or both; what the body leaves out stays.
ApiResponse ChangeUser(const ApiRequest& request, ServerContext& context) {
  constexpr std::string_view kForm = R"({"role": "...", "queues": ["..."]}, one or both)";
  const Result<UserChange> change = ChangeOf(BodyJson(request.body));
  if (!change) {
    return BadBody(kForm);
  }
  const std::string& name = request.params.at("user");
  auto user = context.store.GetUser(name);
  if (!user) {
    return ProblemOf(user.error());
  }
  store::Role role = user->role;
  if (change->role) {
    auto named = auth::RoleNamed(*change->role);
    if (!named) {
      return UserProblem(named.error());
    }
    role = *named;
  }
  const Status set =
      context.store.SetRoleAndQueues(name, role, change->queues.value_or(user->queues));
  return set.ok() ? UserAnswer(context, name) : UserProblem(set);
}

ApiResponse DisableUser(const ApiRequest& request, ServerContext& context) {
  const std::string& name = request.params.at("user");
  const Status set = context.store.SetDisabled(name, true);
  return set.ok() ? UserAnswer(context, name) : ProblemOf(set);
}

ApiResponse EnableUser(const ApiRequest& request, ServerContext& context) {
  const std::string& name = request.params.at("user");
  const Status set = context.store.SetDisabled(name, false);
  return set.ok() ? UserAnswer(context, name) : ProblemOf(set);
}

// As `travet users passwd`: every session of the user ends.
ApiResponse SetUserPassword(const ApiRequest& request, ServerContext& context) {
  const auto password = StringField(BodyJson(request.body), "password");
  if (!password) {
    return BadBody(R"({"password": "..."})");
  }
  const std::string& name = request.params.at("user");
  if (auto user = context.store.GetUser(name); !user) {
    return ProblemOf(user.error());
  }
  const Status set = auth::ChangePassword(context.store, name, *password);
  return set.ok() ? ApiResponse{204, "application/json", "", {}} : UserProblem(set);
}

ApiResponse ListUserTokens(const ApiRequest& request, ServerContext& context) {
  auto tokens = context.store.ListTokens(request.params.at("user"));
  if (!tokens) {
    return ProblemOf(tokens.error());
  }
  Value list = Value::array();
  for (const store::ApiToken& token : *tokens) {
    list.push_back(store::TokenJson(token));
  }
  return JsonResponse(200, {{"tokens", std::move(list)}});
}

// The token is in this answer and nowhere else, ever: the store keeps its hash.
ApiResponse CreateUserToken(const ApiRequest& request, ServerContext& context) {
  const std::string& name = request.params.at("user");
  auto issued = auth::IssueToken(context.store, name);
  if (!issued) {
    return ProblemOf(issued.error());
  }
  Value answer = store::TokenJson(issued->stored);
  answer["token"] = issued->token;
  ApiResponse response = JsonResponse(201, answer);
  response.headers.emplace_back("Location",
                                "/api/v1/users/" + name + "/tokens/" + issued->stored.id);
  return response;
}

ApiResponse RevokeUserToken(const ApiRequest& request, ServerContext& context) {
  const Status deleted =
      context.store.DeleteToken(request.params.at("user"), request.params.at("id"));
  return deleted.ok() ? ApiResponse{204, "application/json", "", {}} : ProblemOf(deleted);
}

ApiResponse RevokeUserTokens(const ApiRequest& request, ServerContext& context) {
  const std::string& name = request.params.at("user");
  if (auto user = context.store.GetUser(name); !user) {
    return ProblemOf(user.error());
  }
  auto revoked = context.store.DeleteTokens(name);
  return revoked ? JsonResponse(200, {{"revoked", *revoked}}) : ProblemOf(revoked.error());
}

}  // namespace travet::server
