#include "runtime/server/static_files.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <system_error>
#include <utility>

namespace travet::server {
namespace {

namespace fs = std::filesystem;

constexpr std::array<std::pair<std::string_view, std::string_view>, 15> kMediaTypes = {{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".map", "application/json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".woff", "font/woff"},
    {".ttf", "font/ttf"},
    {".txt", "text/plain; charset=utf-8"},
}};

// Bootstrap Italia's files change only with its version (a new install of
// Travet); the page's own files change with every upgrade and keep their
// names, so the browser asks each time and gets 304 while they are the same.
constexpr char kVendorPrefix[] = "/vendor/";
constexpr char kVendorCache[] = "public, max-age=86400";
constexpr char kPageCache[] = "no-cache";

Status NoFile(std::string_view url_path) {
  return NotFound("no file '" + std::string(url_path) + "'");
}

// The URL path as a relative path of plain names; nullopt when a segment is
// empty, "." or "..", or the path holds a backslash or a NUL.
std::optional<fs::path> RelativeOf(std::string_view url_path) {
  if (url_path.empty() || url_path.front() != '/' ||
      url_path.find_first_of(std::string_view("\\\0", 2)) != std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view rest = url_path.substr(1);
  if (rest.empty()) {
    rest = "index.html";
  }
  fs::path relative;
  size_t at = 0;
  while (at <= rest.size()) {
    const size_t end = std::min(rest.find('/', at), rest.size());
    const std::string_view segment = rest.substr(at, end - at);
    if (segment.empty() || segment == "." || segment == "..") {
      return std::nullopt;
    }
    relative /= std::string(segment);
    at = end + 1;
  }
  return relative;
}

bool Inside(const fs::path& root, const fs::path& file) {
  const auto [r, f] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
  return r == root.end() && f != file.end();
}

// A strong validator that changes when the file is replaced or rewritten.
std::string ETagOf(const fs::path& file) {
  std::error_code error;
  const auto size = fs::file_size(file, error);
  const auto modified = fs::last_write_time(file, error).time_since_epoch().count();
  char tag[64];
  std::snprintf(tag, sizeof tag, "\"%llx-%llx\"", static_cast<unsigned long long>(size),
                static_cast<unsigned long long>(modified));
  return tag;
}

void AddPageHeaders(ApiResponse& response, std::string_view url_path) {
  const bool vendor = url_path.starts_with(kVendorPrefix);
  response.headers.emplace_back("Content-Security-Policy", kPageSecurityPolicy);
  response.headers.emplace_back("Referrer-Policy", "same-origin");
  response.headers.emplace_back("Cache-Control", vendor ? kVendorCache : kPageCache);
}

}  // namespace

bool IsPagePath(std::string_view path) {
  return path != "/healthz" && path != "/readyz" && path != "/metrics" && path != "/api" &&
         !path.starts_with("/api/");
}

Result<fs::path> PageFilePath(const fs::path& root, std::string_view url_path) {
  const std::optional<fs::path> relative = RelativeOf(url_path);
  if (!relative) {
    return NoFile(url_path);
  }
  std::error_code error;
  const fs::path real_root = fs::canonical(root, error);
  if (error) {
    return NotFound("the web folder " + root.string() + " cannot be read: " + error.message());
  }
  const fs::path real = fs::canonical(real_root / *relative, error);
  if (error || !Inside(real_root, real) || !fs::is_regular_file(real, error)) {
    return NoFile(url_path);
  }
  return real;
}

std::string_view MediaTypeOf(const fs::path& file) {
  const std::string extension = file.extension().string();
  for (const auto& [known, type] : kMediaTypes) {
    if (extension == known) {
      return type;
    }
  }
  return "application/octet-stream";
}

ApiResponse PageFileAnswer(const fs::path& root, const ApiRequest& request) {
  auto file = PageFilePath(root, request.path);
  if (!file) {
    ApiResponse missing = Problem(404, "not-found", "No such page", file.error().message());
    AddPageHeaders(missing, request.path);
    return missing;
  }
  ApiResponse response;
  response.content_type = std::string(MediaTypeOf(*file));
  AddPageHeaders(response, request.path);
  const std::string etag = ETagOf(*file);
  response.headers.emplace_back("ETag", etag);
  if (request.Header("if-none-match") == etag) {
    response.status = 304;
    return response;
  }
  std::ifstream in(*file, std::ios::binary);
  if (!in) {
    return Problem(500, "internal", "Cannot read a file of the page",
                   "opening " + file->string() + " failed");
  }
  response.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return response;
}

}  // namespace travet::server
