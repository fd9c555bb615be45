#include "runtime/server/openapi.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "runtime/server/answer_schemas.h"

namespace travet::server {
namespace {

Value RoleNames(unsigned access) {
  Value roles = Value::array();
  for (const auto& [bit, name] :
       {std::pair{kOperator, "operator"}, {kDeveloper, "developer"}, {kAdmin, "admin"}}) {
    if ((access & bit) != 0) {
      roles.push_back(name);
    }
  }
  return roles;
}

// "GET /api/v1/runs/{id}" -> "getRunsId": unique per route, stable.
std::string OperationId(const Route& route) {
  std::string id;
  for (const char c : std::string(route.method)) {
    id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  bool upper = true;
  for (const char c : std::string_view(route.path).substr(std::string_view("/api/v1").size())) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) {
      upper = true;
      continue;
    }
    id += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return id;
}

Value Responses(const Route& route) {
  const Value problem = {
      {"description", "A problem (RFC 9457)"},
      {"content",
       {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
  const char* answer = AnswerSchemaOf(route.handler);
  const Value schema =
      answer ? Value{{"$ref", std::string("#/components/schemas/") + answer}} : Value::object();
  Value responses = {
      {std::to_string(route.success),
       {{"description", route.summary}, {"content", {{"application/json", {{"schema", schema}}}}}}},
      {"default", problem}};
  if (route.access != kAnyone) {
    responses["401"] = problem;
    responses["403"] = problem;
  }
  if (route.needs_if_match) {
    responses["412"] = problem;
    responses["428"] = problem;
  }
  return responses;
}

Value Operation(const Route& route) {
  Value op = {{"operationId", OperationId(route)},
              {"summary", route.summary},
              {"tags", Value::array({route.tag})},
              {"responses", Responses(route)}};
  Value parameters = Value::array();
  for (const std::string& name : PathParameters(route.path)) {
    parameters.push_back(
        {{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
  }
  if (route.needs_if_match) {
    parameters.push_back({{"name", "If-Match"},
                          {"in", "header"},
                          {"required", true},
                          {"description", "The ETag the resource was read with"},
                          {"schema", {{"type", "string"}}}});
  }
  if (!parameters.empty()) {
    op["parameters"] = std::move(parameters);
  }
  if (route.takes_body) {
    op["requestBody"] = {{"required", true},
                         {"content", {{"application/json", {{"schema", Value::object()}}}}}};
  }
  if (route.access == kAnyone) {
    op["security"] = Value::array();  // open to anyone
  } else {
    op["x-roles"] = RoleNames(route.access);
  }
  return op;
}

Value Components() {
  const Value problem = {{"type", "object"},
                         {"required", {"type", "title", "status"}},
                         {"properties",
                          {{"type", {{"type", "string"}}},
                           {"title", {{"type", "string"}}},
                           {"status", {{"type", "integer"}}},
                           {"detail", {{"type", "string"}}}}}};
  Value schemas = AnswerSchemas();
  schemas["Problem"] = problem;
  return {{"schemas", std::move(schemas)},
          {"securitySchemes",
           {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "travet_session"}}},
            {"token", {{"type", "http"}, {"scheme", "bearer"}}}}}};
}

}  // namespace

Value OpenApiDocument(std::span<const Route> routes, std::string_view version) {
  Value doc = {
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "Travet API"},
        {"version", std::string(version)},
        {"description",
         "Bots, runs, review tasks, schedules and users of a Travet server. Errors are "
         "application/problem+json (RFC 9457)."}}},
      {"servers", Value::array({{{"url", "/"}}})},
      {"security", Value::array({{{"session", Value::array()}}, {{"token", Value::array()}}})},
      {"components", Components()},
      {"paths", Value::object()}};
  for (const Route& route : routes) {
    std::string method(route.method);
    std::transform(method.begin(), method.end(), method.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    doc["paths"][route.path][method] = Operation(route);
  }
  return doc;
}

}  // namespace travet::server
