#include "runtime/actions/http_actions.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <system_error>

#include "runtime/actions/atomic_file.h"
#include "runtime/actions/http_client.h"
#include "runtime/actions/path_guard.h"
#include "runtime/core/ascii.h"
#include "runtime/core/duration.h"
#include "runtime/core/json_depth.h"

namespace travet::actions {
namespace {

using lang::ParamType;

constexpr std::size_t kExcerptChars = 200;
// A file to upload is read whole before the request: scans and PDFs of a few
// hundred pages fit; a larger file is refused rather than held in memory.
constexpr std::size_t kMaxUploadBytes = 256u << 20;
const std::vector<std::string> kMethods = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"};

// A status, or a class of statuses ("4xx"), that counts as success.
struct ExpectRule {
  long low = 0;
  long high = 0;
  std::string label;
};

bool HasHeader(const HttpHeaders& headers, std::string_view name) {
  return std::any_of(headers.begin(), headers.end(),
                     [&](const auto& h) { return AsciiLower(h.first) == AsciiLower(name); });
}

// A parameter error, worded as every action words them.
Status BadParam(const std::string& name, const std::string& what) {
  return InvalidArgument("http.request: parameter '" + name + "' " + what);
}

// Scalars as a query string or a header would spell them.
Result<std::string> ScalarText(const Value& value, const std::string& where) {
  if (value.is_string())
    return value.get<std::string>();
  if (value.is_number() || value.is_boolean())
    return value.dump();
  return BadParam(where,
                  "must be a string, a number or a boolean, not " + std::string(value.type_name()));
}

Result<std::string> ReadMethod(const Value& params) {
  if (!params.contains("method"))
    return std::string("GET");
  if (!params["method"].is_string())
    return BadParam("method", "must be a string");
  std::string method = params["method"].get<std::string>();
  for (char& c : method)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (std::find(kMethods.begin(), kMethods.end(), method) == kMethods.end()) {
    return BadParam("method", "must be one of GET, POST, PUT, PATCH, DELETE, HEAD, not '" +
                                  params["method"].get<std::string>() + "'");
  }
  return method;
}

Result<HttpHeaders> ReadHeaders(const Value& params) {
  HttpHeaders headers;
  if (!params.contains("headers") || params["headers"].is_null())
    return headers;
  if (!params["headers"].is_object())
    return BadParam("headers", "must be a map");
  for (const auto& [name, value] : params["headers"].items()) {
    if (value.is_null())
      continue;
    auto text = ScalarText(value, "headers." + name);
    if (!text)
      return text.error();
    headers.emplace_back(name, *text);
  }
  return headers;
}

// Appends `query` (a list value repeats its key) before any #fragment.
Result<std::string> AppendQuery(std::string url, const Value& params) {
  if (!params.contains("query") || params["query"].is_null())
    return url;
  if (!params["query"].is_object())
    return BadParam("query", "must be a map");
  std::string encoded;
  for (const auto& [name, value] : params["query"].items()) {
    for (const Value& item : value.is_array() ? value : Value::array({value})) {
      if (item.is_null())
        continue;
      auto text = ScalarText(item, "query." + name);
      if (!text)
        return text.error();
      encoded += (encoded.empty() ? "" : "&") + UrlEncode(name) + "=" + UrlEncode(*text);
    }
  }
  if (encoded.empty())
    return url;
  size_t fragment = std::min(url.find('#'), url.size());
  std::string head = url.substr(0, fragment);
  char sep = head.find('?') == std::string::npos ? '?' : '&';
  if (!head.empty() && (head.back() == '?' || head.back() == '&'))
    return head + encoded + url.substr(fragment);
  return head + sep + encoded + url.substr(fragment);
}

Status ReadFile(const Value& params, const ActionContext& ctx, HttpRequest* request) {
  if (!params["file"].is_string())
    return BadParam("file", "must be a path (a string)");
  std::string file = params["file"].get<std::string>();
  std::error_code ec;
  std::filesystem::path root =
      ctx.work_dir.empty() ? std::filesystem::current_path(ec) : ctx.work_dir;
  const PathGuard guard(root);
  auto path = guard.Resolve(file);
  if (!path)
    return path.error();
  // Read through the descriptor the guard opened beneath the working folder:
  // a folder swapped for a symlink since the check cannot send another file.
  auto fd = guard.Open(*path, kOpenForReading);
  if (!fd && fd.error().code() == StatusCode::kNotFound)
    return NotFound("http.request: parameter 'file': no such file '" + file + "'");
  if (!fd)
    return fd.error().WithContext("http.request: parameter 'file'");
  auto bytes = ReadWholeFd(fd->get(), *path, kMaxUploadBytes);
  if (!bytes)
    return bytes.error().WithContext("http.request: parameter 'file'");
  request->upload = UploadFile{path->filename().string(), std::move(*bytes)};
  return Status::Ok();
}

Status ReadForm(const Value& form, HttpRequest* request) {
  if (!form.is_object())
    return BadParam("form", "must be a map");
  for (const auto& [name, value] : form.items()) {
    if (value.is_null())
      continue;
    auto text = ScalarText(value, "form." + name);
    if (!text)
      return text.error();
    request->form.emplace_back(name, *text);
  }
  return Status::Ok();
}

// One of json/body/form/file; the loader already refuses two of them.
Status ReadPayload(const Value& params, const ActionContext& ctx, HttpRequest* request) {
  auto set_type = [&](const char* type) {
    if (!HasHeader(request->headers, "Content-Type")) {
      request->headers.emplace_back("Content-Type", type);
    }
  };
  if (params.contains("json") && !params["json"].is_null()) {
    request->body = params["json"].dump();
    set_type("application/json");
  } else if (params.contains("body") && !params["body"].is_null()) {
    if (!params["body"].is_string()) {
      return BadParam("body", "must be a string (use `json` for structured data)");
    }
    request->body = params["body"].get<std::string>();
    set_type("text/plain; charset=utf-8");
  } else if (params.contains("form") && !params["form"].is_null()) {
    return ReadForm(params["form"], request);
  } else if (params.contains("file") && !params["file"].is_null()) {
    return ReadFile(params, ctx, request);
  }
  return Status::Ok();
}

// The step's own deadline caps the request's timeout.
Result<Millis> ReadTimeout(const Value& params, const ActionContext& ctx) {
  Millis timeout{30000};
  if (params.contains("timeout") && !params["timeout"].is_null()) {
    const Value& v = params["timeout"];
    if (v.is_number()) {
      timeout = Millis(static_cast<long long>(v.get<double>() * 1000));
    } else if (v.is_string()) {
      auto parsed = ParseDuration(v.get<std::string>());
      if (!parsed)
        return parsed.error().WithContext("http.request: parameter 'timeout'");
      timeout = *parsed;
    } else {
      return BadParam("timeout", "must be a duration such as 30s");
    }
  }
  if (ctx.deadline != TimePoint::max()) {
    TimePoint now = ctx.clock != nullptr ? ctx.clock->Now() : DefaultClock().Now();
    timeout = std::min(timeout, std::chrono::duration_cast<Millis>(ctx.deadline - now));
  }
  return timeout;
}

Result<ExpectRule> ParseExpectItem(const Value& item) {
  std::string text = item.is_string() ? item.get<std::string>() : item.dump();
  auto bad = BadParam(
      "expect", "must be HTTP statuses (e.g. 201, [200, 201] or \"2xx\"), not '" + text + "'");
  bool digits = text.size() == 3 &&
                std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  bool klass =
      text.size() == 3 && text[0] >= '1' && text[0] <= '5' && AsciiLower(text.substr(1)) == "xx";
  if (!item.is_number_integer() && !item.is_string())
    return bad;
  if (digits && text[0] >= '1' && text[0] <= '5') {
    long code = std::stol(text);
    return ExpectRule{code, code, text};
  }
  if (klass) {
    long base = static_cast<long>(text[0] - '0') * 100;
    return ExpectRule{base, base + 99, text.substr(0, 1) + "xx"};
  }
  return bad;
}

Result<std::vector<ExpectRule>> ReadExpect(const Value& params) {
  if (!params.contains("expect") || params["expect"].is_null()) {
    return std::vector<ExpectRule>{{200, 299, "2xx"}};
  }
  const Value& expect = params["expect"];
  std::vector<ExpectRule> rules;
  for (const Value& item : expect.is_array() ? expect : Value::array({expect})) {
    auto rule = ParseExpectItem(item);
    if (!rule)
      return rule.error();
    rules.push_back(*rule);
  }
  if (rules.empty())
    return BadParam("expect", "must list at least one status");
  return rules;
}

void AddIdempotencyKey(const Value& params, const ActionContext& ctx, HttpRequest* request) {
  const std::string& m = request->method;
  if (m != "POST" && m != "PUT" && m != "PATCH" && m != "DELETE")
    return;
  if (HasHeader(request->headers, "Idempotency-Key"))
    return;
  std::string key = ctx.idempotency_key;
  if (params.contains("idempotency_key") && params["idempotency_key"].is_string()) {
    key = params["idempotency_key"].get<std::string>();
  }
  if (!key.empty())
    request->headers.emplace_back("Idempotency-Key", key);
}

Result<HttpRequest> BuildRequest(const Value& params, const ActionContext& ctx) {
  if (!params.is_object())
    return InvalidArgument("http.request: expected a map of parameters");
  if (!params.contains("url") || !params["url"].is_string()) {
    return BadParam("url", "is required, a string");
  }
  HttpRequest request;
  auto method = ReadMethod(params);
  if (!method)
    return method.error();
  request.method = *method;
  auto url = AppendQuery(params["url"].get<std::string>(), params);
  if (!url)
    return url.error();
  request.url = *url;
  auto headers = ReadHeaders(params);
  if (!headers)
    return headers.error();
  request.headers = *headers;
  TRAVET_RETURN_IF_ERROR(ReadPayload(params, ctx, &request));
  auto timeout = ReadTimeout(params, ctx);
  if (!timeout)
    return timeout.error();
  request.timeout = *timeout;
  AddIdempotencyKey(params, ctx, &request);
  return request;
}

// Up to kExcerptChars characters of the body on one line, never cutting a
// UTF-8 sequence. Secrets are masked before the cut: a secret cut in two
// would no longer be recognised by the log's mask.
std::string Excerpt(const std::string& whole, const ActionContext& ctx) {
  const std::string body = ctx.logger ? ctx.logger->mask().Mask(whole) : whole;
  std::string out;
  size_t cut = body.size();
  if (cut > kExcerptChars) {
    cut = kExcerptChars;
    while (cut > 0 && (static_cast<unsigned char>(body[cut]) & 0xC0) == 0x80)
      --cut;
  }
  for (size_t i = 0; i < cut; ++i)
    out += (body[i] == '\n' || body[i] == '\r') ? ' ' : body[i];
  return cut < body.size() ? out + "..." : out;
}

std::string ExpectLabel(const std::vector<ExpectRule>& rules) {
  std::string out;
  for (size_t i = 0; i < rules.size(); ++i) {
    if (i > 0)
      out += i + 1 == rules.size() ? " or " : ", ";
    out += rules[i].label;
  }
  return out;
}

Status CheckStatus(const HttpRequest& request, const HttpResponse& response,
                   const ActionContext& ctx, const std::vector<ExpectRule>& rules) {
  long status = response.status;
  for (const ExpectRule& rule : rules) {
    if (status >= rule.low && status <= rule.high)
      return Status::Ok();
  }
  std::string what = request.method + " " + RedactUrl(request.url) + ": HTTP " +
                     std::to_string(status) +
                     (response.reason.empty() ? "" : " " + response.reason);
  if (status >= 500 || status == 429)
    return Unavailable(what);
  std::string excerpt = Excerpt(response.body, ctx);
  return Failed(what + " (expected " + ExpectLabel(rules) + ")" +
                (excerpt.empty() ? "" : ": " + excerpt));
}

// The step's output; kFailed when a body declared JSON is not JSON, or nests
// deeper than the runtime follows: a reply no later step could read right.
Result<Value> ToOutput(const HttpRequest& request, const HttpResponse& response,
                       const ActionContext& ctx) {
  Value headers = Value::object();
  for (const auto& [name, value] : response.headers) {
    std::string key = AsciiLower(name);
    headers[key] = headers.contains(key) ? headers[key].get<std::string>() + ", " + value : value;
  }
  Value json = nullptr;
  std::string type = headers.value("content-type", "");
  if (AsciiLower(type).find("json") != std::string::npos && !response.body.empty()) {
    std::string what = request.method + " " + RedactUrl(request.url) + ": HTTP " +
                       std::to_string(response.status) + " with Content-Type " + type;
    if (size_t deep = JsonTooDeepAt(response.body); deep != std::string::npos) {
      return Failed(what + ", but the body nests deeper than " + std::to_string(kMaxJsonDepth) +
                    " levels (at byte " + std::to_string(deep) + ")");
    }
    json = Value::parse(response.body, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded())
      return Failed(what + ", but the body is not valid JSON: " + Excerpt(response.body, ctx));
  }
  return Value{{"status", response.status},
               {"headers", std::move(headers)},
               {"body", response.body},
               {"json", std::move(json)}};
}

Result<Value> RunHttpRequest(const Value& params, ActionContext& ctx) {
  auto request = BuildRequest(params, ctx);
  if (!request)
    return request.error();
  auto rules = ReadExpect(params);
  if (!rules)
    return rules.error();
  if (request->timeout <= Millis(0)) {
    return Timeout(request->method + " " + RedactUrl(request->url) +
                   ": the step's timeout ran out before the request was sent");
  }
  std::unique_ptr<HttpClient> local;
  HttpClient* http = ctx.http;
  if (http == nullptr) {
    local = std::make_unique<HttpClient>();
    http = local.get();
  }
  auto response = http->Send(*request);
  if (!response)
    return response.error();
  if (ctx.logger != nullptr) {
    ctx.logger->Log(LogLevel::kDebug, request->method + " " + RedactUrl(request->url) + ": HTTP " +
                                          std::to_string(response->status));
  }
  TRAVET_RETURN_IF_ERROR(CheckStatus(*request, *response, ctx, *rules));
  return ToOutput(*request, *response, ctx);
}

lang::ActionSpec HttpRequestSpec() {
  lang::ActionSpec spec;
  spec.name = "http.request";
  spec.summary = "Send an HTTP request and check its status.";
  spec.params = {
      {"method", ParamType::kString, false, "HTTP method (default GET)", kMethods},
      {"url", ParamType::kString, true, "http:// or https:// URL", {}},
      {"headers", ParamType::kMap, false, "request headers", {}},
      {"query", ParamType::kMap, false, "query parameters, URL-encoded and appended", {}},
      {"json", ParamType::kAny, false, "body sent as JSON", {}},
      {"body", ParamType::kString, false, "body sent as is (Content-Type from headers)", {}},
      {"form", ParamType::kMap, false, "body sent URL-encoded", {}},
      {"file",
       ParamType::kString,
       false,
       "file in the working folder, sent as multipart/form-data field `file`",
       {}},
      {"timeout", ParamType::kDuration, false, "whole request (default 30s)", {}},
      {"expect",
       ParamType::kStringOrList,
       false,
       "status or statuses that count as success, e.g. 201, [200, 201], \"4xx\" (default 2xx)",
       {}},
      {"idempotency_key",
       ParamType::kString,
       false,
       "Idempotency-Key header of POST/PUT/PATCH/DELETE (default: from run id and step; "
       "\"\" sends none)",
       {}},
  };
  spec.one_of = {{{"json", "body", "form", "file"}, false}};
  spec.outputs = "status, headers (lower-case names), body, json (parsed JSON body, else null)";
  return spec;
}

}  // namespace

std::vector<ActionDef> HttpActions() {
  return {ActionDef{HttpRequestSpec(), RunHttpRequest, /*side_effect=*/true}};
}

}  // namespace travet::actions
