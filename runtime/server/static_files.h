#pragma once

// The operator's web page: the files of one folder (index.html, the page's
// modules, Bootstrap Italia) answered to GET and HEAD by `travet serve`.

#include <filesystem>
#include <string_view>

#include "runtime/core/result.h"
#include "runtime/server/api.h"

namespace travet::server {

// The Content-Security-Policy of every file of the page: scripts, styles
// and requests from the server itself only (no inline script or style),
// images also from data: and blob: URLs, fonts also from data: URLs
// (Bootstrap Italia's stylesheet embeds one), never framed.
inline constexpr char kPageSecurityPolicy[] =
    "default-src 'self'; img-src 'self' data: blob:; font-src 'self' data:; style-src 'self'; "
    "script-src 'self'; frame-ancestors 'none'";

// Whether `path` belongs to the page rather than the API: not under /api/
// and not /healthz, /readyz or /metrics.
bool IsPagePath(std::string_view path);

// The file of `root` that the URL path `url_path` (already percent-decoded)
// names: "/" is index.html. kNotFound ("no file '/x'") for a path with a
// "..", "." or empty segment, a backslash or a NUL, a file that is missing or
// not a regular file, and one whose real path (symbolic links followed) is
// outside `root`'s real path.
Result<std::filesystem::path> PageFilePath(const std::filesystem::path& root,
                                           std::string_view url_path);

// The media type of a file by its extension ("text/html; charset=utf-8",
// "text/javascript; charset=utf-8", "font/woff2"); application/octet-stream
// when unknown.
std::string_view MediaTypeOf(const std::filesystem::path& file);

// The answer to a GET or HEAD of `request.path` from the page folder `root`:
// the file with its media type, kPageSecurityPolicy, Referrer-Policy
// same-origin, an ETag (size and modification time) and Cache-Control
// (index.html and the page's own files: no-cache, revalidated by ETag, 304
// on If-None-Match; vendor/: cached for a day); a 404 problem when there is
// no such file.
ApiResponse PageFileAnswer(const std::filesystem::path& root, const ApiRequest& request);

}  // namespace travet::server
