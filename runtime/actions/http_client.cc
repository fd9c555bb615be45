#include "runtime/actions/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>

namespace travet::actions {
namespace {

struct SlistFree {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
struct MimeFree {
  void operator()(curl_mime* mime) const { curl_mime_free(mime); }
};
using Slist = std::unique_ptr<curl_slist, SlistFree>;
using Mime = std::unique_ptr<curl_mime, MimeFree>;

// What one transfer collects; curl's callbacks write into it.
struct Transfer {
  HttpResponse response;
  std::size_t max_body_bytes = 0;
  bool too_large = false;
  // Between a status line and the blank line after its headers: a failure
  // there is about the headers.
  bool in_headers = false;
  std::string form_body;  // must outlive curl_easy_perform (CURLOPT_POSTFIELDS)
  Slist headers;
  Mime mime;
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * count;
  if (t->response.body.size() + n > t->max_body_bytes) {
    t->too_large = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  t->response.body.append(data, n);
  return n;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

// Each response of a redirect chain (and a 100 Continue) starts with a status
// line; only the last response's headers are kept.
size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string_view line = Trim(std::string_view(data, size * count));
  t->in_headers = !line.empty();
  if (line.starts_with("HTTP/")) {
    t->response.headers.clear();
    t->response.reason.clear();
    size_t code_at = line.find(' ');
    size_t reason_at = code_at == line.npos ? line.npos : line.find(' ', code_at + 1);
    if (reason_at != line.npos)
      t->response.reason = std::string(Trim(line.substr(reason_at)));
    return size * count;
  }
  size_t colon = line.find(':');
  if (colon != line.npos && colon > 0) {
    t->response.headers.emplace_back(std::string(line.substr(0, colon)),
                                     std::string(Trim(line.substr(colon + 1))));
  }
  return size * count;
}

std::string StandardReason(long status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 409:
      return "Conflict";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Entity";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "";
  }
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

// Names the header but never quotes its value, which may hold a secret.
Status CheckHeader(const std::string& name, const std::string& value, const std::string& what) {
  if (name.empty() || name.find_first_of(":\r\n \t") != std::string::npos) {
    return InvalidArgument(what + ": bad header name '" + name + "'");
  }
  if (value.find_first_of("\r\n") != std::string::npos) {
    return InvalidArgument(what + ": header '" + name + "' has a line break in its value");
  }
  return Status::Ok();
}

Status BuildHeaders(const HttpRequest& request, const std::string& what, Transfer* t) {
  bool has_expect = false;
  curl_slist* list = nullptr;
  auto append = [&](const std::string& line) {
    curl_slist* next = curl_slist_append(list, line.c_str());
    if (next == nullptr)
      return false;
    list = next;
    return true;
  };
  for (const auto& [name, value] : request.headers) {
    Status bad = CheckHeader(name, value, what);
    if (!bad.ok()) {
      curl_slist_free_all(list);
      return bad;
    }
    has_expect = has_expect || EqualsIgnoreCase(name, "Expect");
    // "Name;" is curl's way to send a header with an empty value.
    std::string line = name;
    line += value.empty() ? ";" : ": ";
    line += value;
    if (!append(line)) {
      curl_slist_free_all(list);
      return Internal(what + ": out of memory building headers");
    }
  }
  // Without this curl waits for "100 Continue" before sending larger bodies.
  if (!has_expect)
    append("Expect:");
  t->headers.reset(list);
  return Status::Ok();
}

Status BuildMultipart(CURL* curl, const HttpRequest& request, const std::string& what,
                      Transfer* t) {
  t->mime.reset(curl_mime_init(curl));
  for (const auto& [name, value] : request.form) {
    curl_mimepart* part = curl_mime_addpart(t->mime.get());
    curl_mime_name(part, name.c_str());
    curl_mime_data(part, value.data(), value.size());
  }
  curl_mimepart* part = curl_mime_addpart(t->mime.get());
  curl_mime_name(part, request.upload_field.c_str());
  const UploadFile& file = *request.upload;
  if (curl_mime_data(part, file.bytes.data(), file.bytes.size()) != CURLE_OK ||
      curl_mime_filename(part, file.name.c_str()) != CURLE_OK) {
    return IoError(what + ": cannot attach the file to upload " + file.name);
  }
  curl_easy_setopt(curl, CURLOPT_MIMEPOST, t->mime.get());
  return Status::Ok();
}

std::string EncodeForm(const HttpRequest& request) {
  std::string out;
  for (const auto& [name, value] : request.form) {
    if (!out.empty())
      out += '&';
    out += UrlEncode(name) + "=" + UrlEncode(value);
  }
  return out;
}

// POST with a payload is curl's default; other methods ride on it with
// CUSTOMREQUEST, which keeps the body.
Status SetMethodAndBody(CURL* curl, const HttpRequest& request, const std::string& what,
                        Transfer* t) {
  const std::string& method = request.method;
  bool has_payload = request.upload || !request.form.empty() || !request.body.empty();
  if (request.upload) {
    TRAVET_RETURN_IF_ERROR(BuildMultipart(curl, request, what, t));
  } else if (!request.form.empty() || !request.body.empty() || method == "POST") {
    t->form_body = request.form.empty() ? request.body : EncodeForm(request);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, t->form_body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(t->form_body.size()));
  }
  if (method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else if (method == "GET" && !has_payload) {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  } else if (method != "POST") {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  }
  return Status::Ok();
}

Status SetOptions(CURL* curl, const HttpRequest& request, const std::string& what, Transfer* t) {
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  if (curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https") != CURLE_OK ||
      curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") != CURLE_OK) {
    return Internal(what + ": libcurl cannot restrict protocols");
  }
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, request.max_redirects > 0 ? 1L : 0L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, static_cast<long>(request.max_redirects));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, std::max<long>(1, request.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "travet/0.1");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, t);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, t);
  TRAVET_RETURN_IF_ERROR(BuildHeaders(request, what, t));
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, t->headers.get());
  return SetMethodAndBody(curl, request, what, t);
}

// Failures of a server that answered, but not as HTTP allows; curl's own words
// ("Unsupported protocol", "Out of memory") would send people looking for the
// wrong cause. Ok when `code` is not one of them.
Status MapReplyError(CURLcode code, const std::string& what, const Transfer& t,
                     std::string_view errbuf) {
  switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
      // The same code as a refused scheme; curl tells them apart only in words.
      if (errbuf.find("HTTP/0.9") == errbuf.npos)
        break;
      [[fallthrough]];
    case CURLE_WEIRD_SERVER_REPLY:
      return Failed(what + ": the server's reply is not HTTP");
    case CURLE_OUT_OF_MEMORY:
      // curl keeps a header line in memory up to CURL_MAX_HTTP_HEADER bytes.
      if (!t.in_headers)
        break;
      return Failed(what + ": a response header is larger than " +
                    std::to_string(CURL_MAX_HTTP_HEADER) + " bytes");
    case CURLE_RECV_ERROR:
      if (!errbuf.starts_with("Too large response headers"))
        break;
      return Failed(what + ": the response headers are larger than curl takes (" +
                    std::string(errbuf) + ")");
    default:
      break;
  }
  return Status::Ok();
}

Status MapCurlError(CURLcode code, const HttpRequest& request, const std::string& what,
                    const Transfer& t, const char* errbuf) {
  Status reply = MapReplyError(code, what, t, errbuf);
  if (!reply.ok())
    return reply;
  std::string text = curl_easy_strerror(code);
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return Timeout(what + ": timed out after " + std::to_string(request.timeout.count()) + " ms");
    case CURLE_UNSUPPORTED_PROTOCOL:
      return InvalidArgument(what + ": protocol not allowed (use http or https)");
    case CURLE_URL_MALFORMAT:
      return InvalidArgument(what + ": bad URL");
    case CURLE_TOO_MANY_REDIRECTS:
      return Failed(what + ": more than " + std::to_string(request.max_redirects) + " redirects");
    case CURLE_WRITE_ERROR:
      if (!t.too_large)
        break;
      return Failed(what + ": response larger than " + std::to_string(t.max_body_bytes) + " bytes");
    case CURLE_READ_ERROR:
      return IoError(what + ": cannot read the file to upload");
    case CURLE_PEER_FAILED_VERIFICATION:
      // A certificate problem does not go away by retrying.
      return Failed(what + ": " + text + (errbuf[0] ? std::string(" (") + errbuf + ")" : ""));
    default:
      break;
  }
  return Unavailable(what + ": " + text);
}

}  // namespace

struct HttpClient::Impl {
  CURL* curl = nullptr;
  long connections = 0;
  char errbuf[CURL_ERROR_SIZE] = {};
};

HttpClient::HttpClient() : impl_(std::make_unique<Impl>()) {
  static std::once_flag global_init;
  std::call_once(global_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  impl_->curl = curl_easy_init();
}

HttpClient::~HttpClient() {
  if (impl_->curl != nullptr)
    curl_easy_cleanup(impl_->curl);
}

long HttpClient::connections_opened() const {
  return impl_->connections;
}

namespace {

// Whether the request carries a header beyond those that tell a foreign
// origin nothing (names compared as HTTP does, without case).
bool CarriesOwnHeaders(const HttpRequest& request) {
  static constexpr const char* kHarmless[] = {"Accept", "Accept-Language", "Content-Type",
                                              "Content-Language", "Idempotency-Key"};
  for (const auto& header : request.headers) {
    const std::string& name = header.first;
    if (std::none_of(std::begin(kHarmless), std::end(kHarmless),
                     [&](const char* h) { return curl_strequal(name.c_str(), h) != 0; })) {
      return true;
    }
  }
  return false;
}

// "scheme://host:port", lower case, the port explicit; empty when `url` does
// not parse.
std::string OriginOf(const std::string& url) {
  CURLU* parsed = curl_url();
  std::string origin;
  char *scheme = nullptr, *host = nullptr, *port = nullptr;
  if (curl_url_set(parsed, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK &&
      curl_url_get(parsed, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
      curl_url_get(parsed, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
      curl_url_get(parsed, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK) {
    origin = std::string(scheme) + "://" + host + ":" + port;
    for (char& c : origin)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  curl_free(scheme);
  curl_free(host);
  curl_free(port);
  curl_url_cleanup(parsed);
  return origin;
}

bool IsRedirect(long status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

}  // namespace

Result<HttpResponse> HttpClient::Send(const HttpRequest& request) {
  if (request.max_redirects > 0 && CarriesOwnHeaders(request))
    return FollowWithinOrigin(request);
  return SendOnce(request);
}

// Follows redirects one by one, as libcurl would (303, and 301/302 after a
// POST, continue as a GET without body), but only within the origin of the
// request: its own headers (an API key) must not reach another server.
Result<HttpResponse> HttpClient::FollowWithinOrigin(const HttpRequest& request) {
  HttpRequest hop = request;
  hop.max_redirects = 0;
  const std::string origin = OriginOf(request.url);
  for (int redirects = 0;; ++redirects) {
    auto response = SendOnce(hop);
    if (!response || !IsRedirect(response->status) || response->location.empty())
      return response;
    std::string what = request.method + " " + RedactUrl(request.url);
    if (redirects == request.max_redirects)
      return Failed(what + ": more than " + std::to_string(request.max_redirects) + " redirects");
    std::string next = OriginOf(response->location);
    if (next != origin) {
      return PermissionDenied(what + ": redirected to another origin (" +
                              (next.empty() ? RedactUrl(response->location) : next) +
                              "); not followed, because the request carries headers of its own");
    }
    bool as_get = response->status == 303 ||
                  (hop.method == "POST" && (response->status == 301 || response->status == 302));
    if (as_get) {
      hop.method = "GET";
      hop.body.clear();
      hop.form.clear();
      hop.upload.reset();
    }
    hop.url = response->location;
  }
}

Result<HttpResponse> HttpClient::SendOnce(const HttpRequest& request) {
  std::string what = request.method + " " + RedactUrl(request.url);
  CURL* curl = impl_->curl;
  if (curl == nullptr)
    return Internal(what + ": could not create a libcurl handle");
  // Reset clears the options of the last request but keeps its connections.
  curl_easy_reset(curl);
  impl_->errbuf[0] = '\0';
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, impl_->errbuf);
  Transfer t;
  t.max_body_bytes = request.max_body_bytes;
  TRAVET_RETURN_IF_ERROR(SetOptions(curl, request, what, &t));
  CURLcode code = curl_easy_perform(curl);
  long connects = 0;
  curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &connects);
  impl_->connections += connects;
  if (code != CURLE_OK)
    return MapCurlError(code, request, what, t, impl_->errbuf);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &t.response.status);
  char* location = nullptr;
  if (curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location)
    t.response.location = location;
  if (t.response.reason.empty())
    t.response.reason = StandardReason(t.response.status);
  return std::move(t.response);
}

std::string RedactUrl(std::string_view url) {
  size_t scheme_end = url.find("://");
  if (scheme_end == url.npos)
    return std::string(url);
  size_t host_start = scheme_end + 3;
  size_t authority_end = url.find_first_of("/?#", host_start);
  size_t at = url.rfind('@', authority_end == url.npos ? url.npos : authority_end);
  if (at == url.npos || at < host_start)
    return std::string(url);
  return std::string(url.substr(0, host_start)) + std::string(url.substr(at + 1));
}

}  // namespace travet::actions
