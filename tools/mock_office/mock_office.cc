#include "tools/mock_office/mock_office.h"

#include <httplib.h>
#include <sys/socket.h>

#include <atomic>
#include <cctype>
#include <functional>
#include <thread>

#include "runtime/core/ascii.h"
#include "runtime/core/result.h"
#include "tools/mock_office/office_state.h"

namespace travet::mock_office {
namespace {

using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

constexpr char kCollection[] = R"(/api/([^/]+))";
constexpr char kItem[] = R"(/api/([^/]+)/([^/]+))";

void Send(httplib::Response& res, const Reply& reply) {
  res.status = reply.status;
  if (reply.replayed)
    res.set_header("Idempotent-Replayed", "true");
  if (reply.body.is_null())
    return;
  res.set_content(reply.body.dump(),
                  reply.status >= 400 ? "application/problem+json" : "application/json");
}

// kInvalidArgument is a bad body (400); anything else an unsupported type (415).
Reply ErrorReply(const Status& status) {
  if (status.code() == StatusCode::kInvalidArgument) {
    return {400, Problem(400, "Bad Request", status.message())};
  }
  return {415, Problem(415, "Unsupported Media Type", status.message())};
}

// httplib adds the socket's addresses as headers; the client did not send them.
bool IsPseudoHeader(const std::string& lower_name) {
  return lower_name == "local_addr" || lower_name == "local_port" || lower_name == "remote_addr" ||
         lower_name == "remote_port";
}

ReceivedRequest ToReceived(const httplib::Request& req) {
  ReceivedRequest out{req.method, req.path, req.target, {}, req.body, {}, req.remote_port};
  for (const auto& [name, value] : req.headers) {
    std::string lower = AsciiLower(name);
    if (!IsPseudoHeader(lower))
      out.headers[lower] = value;
  }
  for (const auto& [field, part] : req.files) {
    out.files.push_back({field, part.filename, part.content_type, part.content});
  }
  return out;
}

Value ToJson(const ReceivedRequest& r) {
  Value files = Value::array();
  for (const ReceivedFile& f : r.files) {
    files.push_back({{"field", f.field},
                     {"filename", f.filename},
                     {"content_type", f.content_type},
                     {"size", f.content.size()}});
  }
  return Value{{"method", r.method},   {"path", r.path}, {"target", r.target},
               {"headers", r.headers}, {"body", r.body}, {"files", files}};
}

Value MultipartRecord(const httplib::Request& req) {
  Value record = Value::object();
  for (const auto& [field, part] : req.files) {
    if (part.filename.empty()) {
      record[field] = part.content;
    } else {
      record[field] = {{"filename", part.filename},
                       {"content_type", part.content_type},
                       {"size", part.content.size()}};
    }
  }
  return record;
}

Result<Value> JsonRecord(const std::string& body) {
  Value record;
  try {
    record = Value::parse(body);
  } catch (const Value::parse_error& e) {
    return InvalidArgument(std::string("invalid JSON body: ") + e.what());
  }
  if (!record.is_object())
    return InvalidArgument("the body must be a JSON object");
  return record;
}

// A record from a JSON object, a URL-encoded form or a multipart body.
Result<Value> ParseRecord(const httplib::Request& req) {
  if (req.is_multipart_form_data())
    return MultipartRecord(req);
  std::string type = AsciiLower(req.get_header_value("Content-Type"));
  if (type.starts_with("application/x-www-form-urlencoded")) {
    httplib::Params fields;
    httplib::detail::parse_query_text(req.body, fields);
    Value record = Value::object();
    for (const auto& [name, value] : fields)
      record[name] = value;
    return record;
  }
  if (!type.empty() && type.find("json") == std::string::npos) {
    return FailedPrecondition("unsupported Content-Type '" + type +
                              "' (send JSON, a URL-encoded form or multipart)");
  }
  return JsonRecord(req.body);
}

// What makes two POSTs "the same request" for an Idempotency-Key.
std::string Fingerprint(const httplib::Request& req, const Value& record) {
  std::string files;
  for (const auto& [field, part] : req.files)
    files += field + ":" + part.content + "\n";
  return req.method + " " + req.path + "\n" + record.dump() + "\n" +
         std::to_string(std::hash<std::string>{}(files));
}

std::vector<std::pair<std::string, std::string>> Filters(const httplib::Request& req) {
  return {req.params.begin(), req.params.end()};
}

// A control request's JSON object body, or null when it is not one.
Value ControlBody(const httplib::Request& req) {
  Value body = Value::parse(req.body.empty() ? "{}" : req.body, nullptr, false);
  return body.is_object() ? body : Value();
}

int IntField(const Value& body, const char* name, int fallback) {
  return body.contains(name) && body[name].is_number_integer() ? body[name].get<int>() : fallback;
}

}  // namespace

struct MockOffice::Impl {
  OfficeState state;
  std::unique_ptr<httplib::Server> server;
  std::thread thread;
  std::string host = "127.0.0.1";
  int port = 0;
  std::atomic<bool> stopping{false};

  // Waits, but no longer than until Stop().
  void Wait(Millis delay) {
    auto until = std::chrono::steady_clock::now() + delay;
    while (!stopping && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(Millis(5));
    }
  }

  // Records the request, applies the delay and any injected failure.
  Handler Api(Handler handler) {
    return
        [this, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
          state.AddReceived(ToReceived(req));
          Wait(state.delay());
          if (int status = state.TakeFailure(); status != 0) {
            Send(res,
                 {status, Problem(status, "Injected failure", "the mock office was told to fail")});
            return;
          }
          handler(req, res);
        };
  }

  void Create(const httplib::Request& req, httplib::Response& res) {
    auto record = ParseRecord(req);
    if (!record)
      return Send(res, ErrorReply(record.error()));
    std::string fingerprint = Fingerprint(req, *record);
    Send(res, state.Create(req.matches[1].str(), std::move(*record),
                           req.get_header_value("Idempotency-Key"), fingerprint));
  }

  void Update(const httplib::Request& req, httplib::Response& res) {
    auto record = ParseRecord(req);
    if (!record)
      return Send(res, ErrorReply(record.error()));
    std::string collection = req.matches[1].str(), id = req.matches[2].str();
    Send(res, req.method == "PATCH" ? state.Patch(collection, id, *record)
                                    : state.Replace(collection, id, std::move(*record)));
  }

  void ApiRoutes(httplib::Server& s) {
    s.Get("/api/ping", Api([](const httplib::Request&, httplib::Response& res) {
            res.set_content(R"({"ok":true})", "application/json");
          }));
    s.Get(kCollection, Api([this](const httplib::Request& req, httplib::Response& res) {
            Send(res, state.List(req.matches[1].str(), Filters(req)));
          }));
    s.Post(kCollection,
           Api([this](const httplib::Request& req, httplib::Response& res) { Create(req, res); }));
    s.Get(kItem, Api([this](const httplib::Request& req, httplib::Response& res) {
            Send(res, state.Get(req.matches[1].str(), req.matches[2].str()));
          }));
    auto update =
        Api([this](const httplib::Request& req, httplib::Response& res) { Update(req, res); });
    s.Put(kItem, update);
    s.Patch(kItem, update);
    s.Delete(kItem, Api([this](const httplib::Request& req, httplib::Response& res) {
               Send(res, state.Delete(req.matches[1].str(), req.matches[2].str()));
             }));
  }

  // Runs `apply` on the control request's JSON body; 400 when it is not an object.
  Handler Control(std::function<void(const Value&)> apply) {
    return [apply = std::move(apply)](const httplib::Request& req, httplib::Response& res) {
      Value body = ControlBody(req);
      if (body.is_null()) {
        return Send(res, {400, Problem(400, "Bad Request", "expected a JSON object")});
      }
      apply(body);
      Send(res, {200, Value{{"ok", true}}});
    };
  }

  void ControlRoutes(httplib::Server& s) {
    s.Post("/_control/fail", Control([this](const Value& body) {
             state.FailNext(IntField(body, "count", 1), IntField(body, "status", 503));
           }));
    s.Post("/_control/delay",
           Control([this](const Value& body) { state.SetDelay(Millis(IntField(body, "ms", 0))); }));
    s.Post("/_control/reset", Control([this](const Value&) { state.Reset(); }));
    s.Get("/_control/received", [this](const httplib::Request&, httplib::Response& res) {
      Value list = Value::array();
      for (const ReceivedRequest& r : state.Received())
        list.push_back(ToJson(r));
      Send(res, {200, list});
    });
    // For redirect tests: 302 to any `to`, whatever its scheme.
    s.Get("/_control/redirect", [](const httplib::Request& req, httplib::Response& res) {
      res.status = 302;
      res.set_header("Location", req.get_param_value("to"));
    });
  }
};

MockOffice::MockOffice() : impl_(std::make_unique<Impl>()) {}

MockOffice::~MockOffice() {
  Stop();
}

Status MockOffice::Start(int port, const std::string& host) {
  if (impl_->server)
    return FailedPrecondition("mock office already listening on " + url());
  auto server = std::make_unique<httplib::Server>();
  impl_->ApiRoutes(*server);
  impl_->ControlRoutes(*server);
  // Benchmarks and the connection-reuse test send thousands of requests on
  // one connection; httplib would close it after 5.
  server->set_keep_alive_max_count(1'000'000);
  // Headers and body go out in two writes; without this Nagle's algorithm
  // and the client's delayed ACK add 40 ms to every response.
  server->set_tcp_nodelay(true);
  // httplib's default SO_REUSEPORT would let a second office share the port.
  server->set_socket_options([](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  int bound =
      port == 0 ? server->bind_to_any_port(host) : (server->bind_to_port(host, port) ? port : -1);
  if (bound <= 0) {
    return Unavailable("mock office: cannot listen on " + host + ":" + std::to_string(port));
  }
  impl_->server = std::move(server);
  impl_->host = host;
  impl_->port = bound;
  impl_->thread = std::thread([s = impl_->server.get()] { s->listen_after_bind(); });
  // The socket already accepts connections; this only waits for the loop.
  for (int i = 0; i < 1000 && !impl_->server->is_running(); ++i) {
    std::this_thread::sleep_for(Millis(1));
  }
  return Status::Ok();
}

void MockOffice::Stop() {
  if (!impl_->server)
    return;
  impl_->stopping = true;
  impl_->server->stop();
  impl_->thread.join();
  impl_->server.reset();
  impl_->stopping = false;
}

int MockOffice::port() const {
  return impl_->port;
}

std::string MockOffice::url() const {
  return "http://" + impl_->host + ":" + std::to_string(impl_->port);
}

void MockOffice::FailNext(int count, int status) {
  impl_->state.FailNext(count, status);
}

void MockOffice::SetDelay(Millis delay) {
  impl_->state.SetDelay(delay);
}

std::vector<Value> MockOffice::Records(const std::string& collection) const {
  return impl_->state.Records(collection);
}

std::vector<ReceivedRequest> MockOffice::Received() const {
  return impl_->state.Received();
}

void MockOffice::Reset() {
  impl_->state.Reset();
}

}  // namespace travet::mock_office
