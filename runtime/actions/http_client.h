#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/core/clock.h"
#include "runtime/core/result.h"
#include "runtime/core/url_encode.h"

namespace travet::actions {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

// A file sent as a multipart part: its name (the part's filename, which also
// gives its Content-Type) and its content, read before the request is made.
struct UploadFile {
  std::string name{};
  std::string bytes{};
};

// One HTTP request as HttpClient::Send takes it. At most one of `body`,
// `form` and `upload` is meant to be set; `upload` wins (sent as
// multipart/form-data, with `form` as extra text parts), then `form` (sent
// URL-encoded), then `body` (sent as is, with the Content-Type of `headers`).
struct HttpRequest {
  std::string method = "GET";
  std::string url{};
  HttpHeaders headers{};
  std::string body{};
  std::optional<UploadFile> upload{};
  std::string upload_field = "file";
  std::vector<std::pair<std::string, std::string>> form{};
  Millis timeout{30000};                   // the whole exchange, connect included
  int max_redirects = 5;                   // 0: redirects are returned, not followed
  std::size_t max_body_bytes = 64u << 20;  // a larger response is an error
};

// The final response (after redirects), headers as the server spelt them.
struct HttpResponse {
  long status = 0;
  std::string reason{};  // e.g. "Service Unavailable"; a standard text for HTTP/2
  HttpHeaders headers{};
  std::string body{};
  std::string location{};  // absolute target of a redirect that was not followed
};

// An HTTP/1.1 and HTTPS client over one reused libcurl handle, so requests
// to the same host share a kept-alive connection. Only http:// and https://
// URLs are followed, redirects included. Not thread-safe: one per worker.
class HttpClient {
 public:
  HttpClient();
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends `request` and returns the response, whatever its status. Errors
  // start with "METHOD URL: " and never quote header values:
  //   kUnavailable      connection refused, name not resolved, connection lost
  //   kTimeout          "... timed out after N ms"
  //   kInvalidArgument  bad URL, "protocol not allowed (use http or https)"
  //   kFailed           too many redirects, response larger than max_body_bytes,
  //                     "the server's reply is not HTTP", "a response header
  //                     is larger than N bytes"
  //   kIoError          the upload file cannot be read
  //   kPermissionDenied a redirect to another origin of a request that
  //                     carries headers of its own (an API key would follow
  //                     it; libcurl drops only Authorization and Cookie)
  Result<HttpResponse> Send(const HttpRequest& request);

  // New connections opened so far (a kept-alive connection counts once).
  long connections_opened() const;

 private:
  Result<HttpResponse> SendOnce(const HttpRequest& request);
  Result<HttpResponse> FollowWithinOrigin(const HttpRequest& request);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// `url` without a "user:password@" part, for messages.
std::string RedactUrl(std::string_view url);

}  // namespace travet::actions
