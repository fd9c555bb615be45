#pragma once

// The KPI document as an Excel workbook (libxlsxwriter; only this file's .cc
// includes it).

#include <filesystem>
#include <string>

#include "runtime/core/result.h"
#include "runtime/core/value.h"

namespace travet::kpi {

// Writes the KPI document (kpi_document.h) as an XLSX workbook at `path`,
// whole or not at all: into a temporary file beside it, renamed into place.
// Sheet "KPI": a row per bot and month, the month a date cell shown mm/yyyy,
// rates as percentages, minutes and hours as decimals, unknown figures as
// empty cells; sheet "Corrections": a row per bot, month and field.
// kIoError naming the path and libxlsxwriter's message.
Status WriteKpiXlsx(const Value& document, const std::filesystem::path& path);

// The bytes of that workbook, written through a temporary folder that is
// removed afterwards (libxlsxwriter writes only to files).
Result<std::string> KpiXlsxBytes(const Value& document);

}  // namespace travet::kpi
