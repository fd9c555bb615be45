#include "runtime/server/route.h"

#include <vector>

namespace travet::server {
namespace {

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= path.size()) {
    const size_t slash = path.find('/', start);
    const size_t end = slash == std::string_view::npos ? path.size() : slash;
    out.push_back(path.substr(start, end - start));
    if (slash == std::string_view::npos) {
      break;
    }
    start = slash + 1;
  }
  return out;
}

bool IsParameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Whether `path` fits `pattern`, filling `params`; a parameter matches one
// non-empty segment.
bool Fits(std::string_view pattern, std::string_view path,
          std::map<std::string, std::string>& params) {
  const auto want = Segments(pattern);
  const auto got = Segments(path);
  if (want.size() != got.size()) {
    return false;
  }
  std::map<std::string, std::string> found;
  for (size_t i = 0; i < want.size(); ++i) {
    if (IsParameter(want[i]) && !got[i].empty()) {
      found[std::string(want[i].substr(1, want[i].size() - 2))] = std::string(got[i]);
    } else if (want[i] != got[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

}  // namespace

RouteMatch FindRoute(std::span<const Route> routes, std::string_view method,
                     std::string_view path) {
  RouteMatch match;
  for (const Route& route : routes) {
    std::map<std::string, std::string> params;
    if (!Fits(route.path, path, params)) {
      continue;
    }
    match.path_known = true;
    match.allowed += (match.allowed.empty() ? "" : ", ") + std::string(route.method);
    if (method == route.method && match.route == nullptr) {
      match.route = &route;
      match.params = std::move(params);
    }
  }
  return match;
}

std::vector<std::string> PathParameters(std::string_view path) {
  std::vector<std::string> names;
  for (std::string_view segment : Segments(path)) {
    if (IsParameter(segment)) {
      names.emplace_back(segment.substr(1, segment.size() - 2));
    }
  }
  return names;
}

}  // namespace travet::server
