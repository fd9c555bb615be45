#pragma once

#include <filesystem>
#include <string_view>

#include "runtime/core/status.h"

namespace travet {

// Writes `data` as the whole content of `path` through a temporary file
// beside it (".<name>.tmp") renamed into place, so a reader never sees half
// a file. kIoError names the path and the system error.
Status WriteFileAtomic(const std::filesystem::path& path, std::string_view data);

// A temporary path beside `path` for writers that need a file name (OpenCV's
// multi-page TIFF writer); publish it with std::filesystem::rename.
std::filesystem::path TempPathBeside(const std::filesystem::path& path);

}  // namespace travet
