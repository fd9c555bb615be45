#pragma once

// Where `travet serve` finds the operator's web page when --web does not say.

#include <filesystem>
#include <vector>

namespace travet::cli {

// The folders that may hold the web page, relative to the running program
// (/proc/self/exe), in the order they are tried: <dir>/../../web (the build
// tree: build/tools/travet/travet, build/web) and <dir>/../share/travet/web
// (installed: PREFIX/bin/travet, PREFIX/share/travet/web). Empty when the
// program's path cannot be read.
std::vector<std::filesystem::path> WebFolderCandidates();

// The first of WebFolderCandidates that holds an index.html; empty when none
// does (the server then answers the API only).
std::filesystem::path DefaultWebFolder();

}  // namespace travet::cli
