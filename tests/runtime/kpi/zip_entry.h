#pragma once

// Reads one member of a ZIP file (an XLSX workbook) through its central
// directory, inflated with zlib: enough for tests to look inside the sheets
// libxlsxwriter wrote.

#include <filesystem>
#include <optional>
#include <string>

namespace travet::kpi::testing {

// The content of member `name` of the ZIP file at `path`; nullopt when the
// file is not a ZIP file or has no such member.
std::optional<std::string> ZipEntry(const std::filesystem::path& path, const std::string& name);

}  // namespace travet::kpi::testing
