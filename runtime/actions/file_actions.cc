#include "runtime/actions/file_actions.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdint>

#include "runtime/actions/atomic_file.h"
#include "runtime/actions/csv.h"
#include "runtime/actions/csv_rows.h"
#include "runtime/actions/file_list.h"
#include "runtime/actions/file_params.h"
#include "runtime/actions/path_guard.h"
#include "runtime/actions/sha256.h"
#include "runtime/core/json_depth.h"
#include "runtime/core/utf8.h"

namespace travet::actions {
namespace fs = std::filesystem;
using lang::ParamSpec;
using lang::ParamType;

namespace {

constexpr uintmax_t kMaxReadBytes = uintmax_t{64} * 1024 * 1024;  // content lands in the checkpoint
// A CSV table in memory takes up to 33 times its size in short rows (csv_bench,
// docs/decisions.md): 8 MiB make about 280 MB. A bigger one is streamed.
constexpr uintmax_t kMaxCsvBytes = uintmax_t{8} * 1024 * 1024;

Value SplitLines(std::string_view text) {
  Value lines = Value::array();
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (line.ends_with('\r'))
      line.remove_suffix(1);
    lines.push_back(std::string(line));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  return lines;
}

// "syntax error ... - unexpected '}'" from nlohmann's what(), without its
// position (we print our own) or its "last read" (may hold invalid UTF-8).
std::string JsonErrorDetail(const std::string& what) {
  size_t column = what.find("column ");
  size_t start = what.find(": ", column == std::string::npos ? 0 : column);
  std::string detail = start == std::string::npos ? what : what.substr(start + 2);
  return detail.substr(0, detail.find("; last read:"));
}

Status CheckUtf8(const FileParams& p, std::string_view text) {
  size_t offset = InvalidUtf8Offset(text);
  if (offset == std::string_view::npos)
    return Status::Ok();
  return InvalidArgument(p.action() + ": '" + p.Shown("path") + "' is not valid UTF-8 at byte " +
                         std::to_string(offset));
}

// "path:line:col" of byte `index` of `text`, as editors jump to.
std::string Position(const FileParams& p, std::string_view text, size_t index) {
  index = std::min(index, text.size());
  size_t line_start = text.rfind('\n', index == 0 ? 0 : index - 1);
  line_start = line_start == std::string_view::npos || index == 0 ? 0 : line_start + 1;
  size_t line = 1 + std::count(text.begin(), text.begin() + index, '\n');
  return p.Shown("path") + ":" + std::to_string(line) + ":" +
         std::to_string(index - line_start + 1);
}

Result<Value> ParseJson(const FileParams& p, std::string_view text) {
  if (size_t deep = JsonTooDeepAt(text); deep != std::string_view::npos) {
    return InvalidArgument(p.action() + ": " + Position(p, text, deep) +
                           ": JSON nested deeper than " + std::to_string(kMaxJsonDepth) +
                           " levels");
  }
  try {
    return Value::parse(text);
  } catch (const Value::parse_error& e) {
    // nlohmann counts bytes from 1 and points past the offending one.
    size_t index = e.byte == 0 ? 0 : e.byte - 1;
    return InvalidArgument(p.action() + ": " + Position(p, text, index) + ": " +
                           JsonErrorDetail(e.what()));
  }
}

Result<std::string> DumpJson(const FileParams& p, int indent) {
  try {
    return p.Get("json").dump(indent) + "\n";
  } catch (const Value::exception&) {
    return p.Error("json", "holds text that is not valid UTF-8");
  }
}

// FileAt for the file `path` in the folder `parent` that PathGuard opened.
FileAt At(const PathGuard::Parent& parent, const fs::path& path) {
  return {.dir = parent.dir.get(), .name = parent.name, .shown = path};
}

// The content of the file `path` that file.write appends to; empty when it is
// missing.
Result<std::string> ReadExisting(const FileParams& p, const fs::path& path) {
  auto fd = p.guard().Open(path, kOpenForReading);
  if (!fd && fd.error().code() == StatusCode::kNotFound)
    return std::string();
  if (!fd)
    return p.Fail(fd.error());
  auto data = ReadWholeFd(fd->get(), path);
  if (!data)
    return p.Fail(data.error());
  return data;
}

// The header of the CSV file at `path`; empty when it is missing or empty.
Result<std::vector<std::string>> ExistingCsvHeader(const FileParams& p, const fs::path& path,
                                                   char delimiter) {
  auto data = ReadExisting(p, path);
  if (!data)
    return data.error();
  auto records = ParseCsv(WithoutBom(*data), delimiter);
  if (!records)
    return p.Fail(records.error(), "path");
  return CsvHeader(*records);
}

Result<Value> RunList(const Value& params, ActionContext& ctx) {
  FileParams p("file.list", params, ctx);
  auto dir = p.Path("dir", ".");
  auto pattern = p.String("pattern", "*");
  auto recursive = p.Bool("recursive", false);
  if (!dir)
    return dir.error();
  if (!pattern)
    return pattern.error();
  if (!recursive)
    return recursive.error();
  TRAVET_RETURN_IF_ERROR(p.ExpectFolder("dir", *dir));
  auto fd = p.Open("dir", *dir, O_RDONLY | O_DIRECTORY);
  if (!fd)
    return fd.error();
  auto files = ListFiles(p.guard(), std::move(*fd), *dir,
                         ListOptions{.pattern = *pattern, .recursive = *recursive});
  if (!files)
    return p.Fail(files.error());
  return Value{{"files", std::move(*files)}};
}

// The outputs that hold what the file says: `content`, and for CSV also
// `columns`, the header's names in its order (a map's keys have no order, so
// writing the rows back keeps the columns only with `columns:`).
Result<Value> Decode(const FileParams& p, std::string_view data, const std::string& as,
                     char delimiter) {
  if (as == "json") {
    auto json = ParseJson(p, WithoutBom(data));
    if (!json)
      return json.error();
    return Value{{"content", std::move(*json)}};
  }
  std::string_view text = as == "text" ? data : WithoutBom(data);
  TRAVET_RETURN_IF_ERROR(CheckUtf8(p, text));
  if (as == "text")
    return Value{{"content", std::string(text)}};
  if (as == "lines")
    return Value{{"content", SplitLines(text)}};
  auto records = ParseCsv(text, delimiter);
  if (!records)
    return p.Fail(records.error(), "path");
  auto rows = CsvRecordsToMaps(*records);
  if (!rows)
    return p.Fail(rows.error(), "path");
  return Value{{"content", std::move(*rows)}, {"columns", CsvHeader(*records)}};
}

// For `stream: true`: reads the table once through, to check every row and
// hash it, and returns a reference to it in place of the rows.
Result<Value> ReadCsvReference(const FileParams& p, const fs::path& path, int fd, char delimiter) {
  struct stat st {};
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
    return FailedPrecondition("file.read: '" + p.Shown("path") + "' is not a regular file");
  CsvRows rows(fd, delimiter);
  Value row;
  size_t count = 0;
  while (true) {
    auto more = rows.Next(row);
    if (!more && rows.utf8_error()) {
      return InvalidArgument(p.action() + ": '" + p.Shown("path") + "' " + more.error().message());
    }
    if (!more)
      return p.Fail(more.error(), "path");
    if (!*more)
      break;
    ++count;
  }
  CsvRowsRef ref{.path = p.guard().Display(path),
                 .delimiter = delimiter,
                 .columns = rows.columns(),
                 .count = count,
                 .sha256 = rows.FinishSha256()};
  return Value{{"content", CsvRowsRefValue(ref)},
               {"columns", ref.columns},
               {"size", rows.bytes_read()},
               {"sha256", ref.sha256}};
}

struct ReadOptions {
  std::string as;
  char delimiter = ',';
  bool stream = false;
};

Result<ReadOptions> ReadParams(const FileParams& p) {
  auto as = p.Choice("as", {"text", "json", "csv", "lines"}, "text");
  auto delimiter = p.Delimiter();
  auto stream = p.Bool("stream", false);
  if (!as)
    return as.error();
  if (!delimiter)
    return delimiter.error();
  if (!stream)
    return stream.error();
  if (*stream && *as != "csv")
    return p.Error("stream", "needs as: csv");
  return ReadOptions{.as = *as, .delimiter = *delimiter, .stream = *stream};
}

// Ok, or why the file open as `fd` is too big to read whole as `as`.
Status CheckSize(const FileParams& p, int fd, const std::string& as) {
  struct stat st {};
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
    return Status::Ok();
  const auto size = static_cast<uintmax_t>(st.st_size);
  if (as == "csv" && size > kMaxCsvBytes) {
    return FailedPrecondition(
        "file.read: '" + p.Shown("path") + "' is " + std::to_string(size) +
        " bytes; a CSV is read whole up to " + std::to_string(kMaxCsvBytes) +
        " bytes: give stream: true to read its rows one at a time in a foreach");
  }
  if (size > kMaxReadBytes) {
    return FailedPrecondition("file.read: '" + p.Shown("path") + "' is " + std::to_string(size) +
                              " bytes; the limit is " + std::to_string(kMaxReadBytes));
  }
  return Status::Ok();
}

Result<Value> RunRead(const Value& params, ActionContext& ctx) {
  FileParams p("file.read", params, ctx);
  auto path = p.Path("path");
  if (!path)
    return path.error();
  auto options = ReadParams(p);
  if (!options)
    return options.error();
  TRAVET_RETURN_IF_ERROR(p.ExpectFile("path", *path));
  auto fd = p.Open("path", *path, kOpenForReading);
  if (!fd)
    return fd.error();
  if (options->stream)
    return ReadCsvReference(p, *path, fd->get(), options->delimiter);
  TRAVET_RETURN_IF_ERROR(CheckSize(p, fd->get(), options->as));
  auto data = ReadWholeFd(fd->get(), *path, options->as == "csv" ? kMaxCsvBytes : kMaxReadBytes);
  if (!data)
    return p.Fail(data.error());
  auto outputs = Decode(p, *data, options->as, options->delimiter);
  if (!outputs)
    return outputs.error();
  (*outputs)["size"] = data->size();
  (*outputs)["sha256"] = Sha256Hex(*data);
  return std::move(*outputs);
}

// The bytes file.write puts in the file. In append mode to a CSV file that
// already has content, rows follow its header and no header is added.
Result<std::string> Encode(const FileParams& p, const fs::path& path, const std::string& mode,
                           char delimiter) {
  if (p.Has("content"))
    return p.String("content");
  if (p.Has("json")) {
    return DumpJson(p, mode == "append" ? -1 : 2);
  }
  auto columns = p.StringList("columns");
  if (!columns)
    return columns.error();
  bool with_header = true;
  if (mode == "append") {
    auto header = ExistingCsvHeader(p, path, delimiter);
    if (!header)
      return header.error();
    with_header = header->empty();
    if (!with_header)
      *columns = std::move(*header);
  }
  auto formulas = p.Choice("formulas", {"escape", "keep"}, "escape");
  if (!formulas)
    return formulas.error();
  if (IsRowsRef(p.Get("csv"))) {
    return p.Error("csv",
                   "is a streamed table (file.read with stream: true), not its rows: "
                   "write each row with mode: append inside the foreach, or copy the "
                   "file with file.copy");
  }
  auto records = MapsToCsvRecords(p.Get("csv"), *columns, with_header, *formulas == "escape");
  if (!records)
    return p.Fail(records.error(), "path");
  return FormatCsv(*records, delimiter);
}

// Appending rewrites the old content plus `data`, read through the guard.
Status Store(const FileParams& p, const FileAt& target, const std::string& mode,
             std::string_view data) {
  if (mode == "append") {
    auto old = ReadExisting(p, target.shown);
    if (!old)
      return old.error();
    return p.Fail(WriteFileAtomicAt(target, *old + std::string(data)));
  }
  if (mode == "overwrite")
    return p.Fail(WriteFileAtomicAt(target, data));
  Status status = WriteFileAtomicAt(target, data, Overwrite::kRefuse);
  if (status.code() == StatusCode::kAlreadyExists)
    return p.AlreadyExists("path");
  return p.Fail(status);
}

Result<Value> RunWrite(const Value& params, ActionContext& ctx) {
  FileParams p("file.write", params, ctx);
  auto path = p.Path("path");
  auto mode = p.Choice("mode", {"create", "overwrite", "append"}, "overwrite");
  auto delimiter = p.Delimiter();
  if (!path)
    return path.error();
  if (!mode)
    return mode.error();
  if (!delimiter)
    return delimiter.error();
  TRAVET_RETURN_IF_ERROR(p.ExactlyOneOf({"content", "json", "csv"}));
  std::error_code ec;
  if (fs::is_directory(*path, ec))
    return p.IsFolder("path");
  if (*mode == "create" && fs::exists(*path, ec))
    return p.AlreadyExists("path");
  auto data = Encode(p, *path, *mode, *delimiter);
  if (!data)
    return data.error();
  auto parent = p.OpenParent(*path, /*make_folders=*/true);
  if (!parent)
    return parent.error();
  TRAVET_RETURN_IF_ERROR(Store(p, At(*parent, *path), *mode, *data));
  struct stat st {};
  bool stated = fstatat(parent->dir.get(), parent->name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0;
  return Value{{"path", p.guard().Display(*path)},
               {"size", stated ? static_cast<uintmax_t>(st.st_size) : data->size()}};
}

// Where `to` puts the file `from`: inside `to` when it ends in '/' or is an
// existing folder, keeping the name; else `to` itself.
Result<fs::path> Destination(FileParams& p, const fs::path& from) {
  auto to = p.Path("to");
  if (!to)
    return to.error();
  std::error_code ec;
  if (p.Shown("to").ends_with('/') || fs::is_directory(*to, ec))
    return *to / from.filename();
  return *to;
}

Result<Value> RunCopy(const Value& params, ActionContext& ctx) {
  FileParams p("file.copy", params, ctx);
  auto from = p.Path("from");
  if (!from)
    return from.error();
  TRAVET_RETURN_IF_ERROR(p.ExpectFile("from", *from));
  auto in = p.Open("from", *from, kOpenForReading);
  if (!in)
    return in.error();
  auto to = Destination(p, *from);
  if (!to)
    return to.error();
  auto parent = p.OpenParent(*to, /*make_folders=*/true);
  if (!parent)
    return parent.error();
  TRAVET_RETURN_IF_ERROR(p.Fail(CopyFileAtomicAt(in->get(), *from, At(*parent, *to))));
  return Value{{"path", p.guard().Display(*to)}};
}

Result<Value> RunMove(const Value& params, ActionContext& ctx) {
  FileParams p("file.move", params, ctx);
  auto from = p.Path("from");
  if (!from)
    return from.error();
  auto to = Destination(p, *from);
  if (!to)
    return to.error();
  std::error_code ec;
  bool repeat = !fs::exists(fs::symlink_status(*from, ec)) && fs::exists(*to, ec);
  if (!repeat)
    TRAVET_RETURN_IF_ERROR(p.ExpectFile("from", *from));
  auto from_parent = p.OpenParent(*from, /*make_folders=*/false);
  if (!from_parent && repeat && from_parent.error().code() == StatusCode::kNotFound)
    return Value{{"path", p.guard().Display(*to)}, {"already_moved", true}};
  if (!from_parent)
    return from_parent.error();
  auto to_parent = p.OpenParent(*to, /*make_folders=*/!repeat);
  if (!to_parent)
    return to_parent.error();
  auto moved = MoveFileAt(At(*from_parent, *from), At(*to_parent, *to));
  if (!moved)
    return p.Fail(moved.error());
  return Value{{"path", p.guard().Display(*to)}, {"already_moved", moved->already_moved}};
}

Result<Value> RunDelete(const Value& params, ActionContext& ctx) {
  FileParams p("file.delete", params, ctx);
  auto path = p.Path("path");
  if (!path)
    return path.error();
  std::error_code ec;
  if (fs::is_directory(fs::symlink_status(*path, ec)))
    return p.IsFolder("path");
  auto parent = p.OpenParent(*path, /*make_folders=*/false);
  if (!parent && parent.error().code() == StatusCode::kNotFound)
    return Value{{"deleted", false}};
  if (!parent)
    return parent.error();
  auto deleted = RemoveFileAt(At(*parent, *path));
  if (!deleted)
    return p.Fail(deleted.error());
  return Value{{"deleted", *deleted}};
}

ParamSpec Param(std::string name, ParamType type, bool required, std::string description,
                std::vector<std::string> choices = {}) {
  return {.name = std::move(name),
          .type = type,
          .required = required,
          .description = std::move(description),
          .choices = std::move(choices)};
}

lang::ActionSpec Spec(std::string name, std::string summary, std::vector<ParamSpec> params,
                      std::string outputs) {
  lang::ActionSpec spec;
  spec.name = std::move(name);
  spec.summary = std::move(summary);
  spec.params = std::move(params);
  spec.outputs = std::move(outputs);
  return spec;
}

}  // namespace

std::vector<ActionDef> FileActions() {
  const ParamSpec path =
      Param("path", ParamType::kString, true, "File, relative to the working folder");
  const ParamSpec from = Param("from", ParamType::kString, true, "File to take");
  const ParamSpec to = Param("to", ParamType::kString, true,
                             "Destination file; ending in '/' (or an existing folder): the folder "
                             "to put it in, keeping the name");
  const ParamSpec delimiter = Param("delimiter", ParamType::kString, false,
                                    "CSV field separator, one character: ',' (default) or ';'");
  std::vector<ActionDef> rows;
  rows.push_back({Spec("file.copy", "Copy a file atomically", {from, to}, "path"), RunCopy, true});
  rows.push_back({Spec("file.delete", "Delete a file (not a folder); a missing file is no error",
                       {path}, "deleted (false when there was no file)"),
                  RunDelete, true});
  rows.push_back(
      {Spec("file.list", "List the files in a folder",
            {Param("dir", ParamType::kString, false, "Folder to list; default '.'"),
             Param("pattern", ParamType::kString, false,
                   "Glob on file names, e.g. '*.pdf'; default '*' (hidden files need a '.')"),
             Param("recursive", ParamType::kBoolean, false,
                   "Also list subfolders, not hidden ones")},
            "files: [{path, name, size, modified}] sorted by path; modified in RFC 3339 UTC"),
       RunList, false});
  rows.push_back({Spec("file.move", "Move a file; repeating a finished move succeeds", {from, to},
                       "path, already_moved"),
                  RunMove, true});
  rows.push_back({Spec("file.read", "Read a file as text, JSON, CSV rows or lines",
                       {path,
                        Param("as", ParamType::kString, false, "How to decode it; default text",
                              {"text", "json", "csv", "lines"}),
                        delimiter,
                        Param("stream", ParamType::kBoolean, false,
                              "With as: csv, check the table and give a reference to it "
                              "({$rows: {path, columns, count, sha256}}) for a foreach to read "
                              "row by row, in place of the rows; for CSV files over 8 MiB")},
                       "content (text, value, list of maps or list of lines; with stream, "
                       "the reference), size, sha256; for CSV also columns (the header's names, "
                       "in its order)"),
                  RunRead, false});
  lang::ActionSpec write = Spec(
      "file.write", "Write a file atomically, creating its folders",
      {path, Param("content", ParamType::kString, false, "Text to write"),
       Param("json", ParamType::kAny, false, "Value to write as JSON (one line each in append)"),
       Param("csv", ParamType::kList, false, "List of maps to write as CSV with a header row"),
       Param("columns", ParamType::kList, false,
             "CSV column order, e.g. a read file's columns output; default: keys as they come "
             "(sorted)"),
       Param("formulas", ParamType::kString, false,
             "CSV cells starting =, +, -, @ (not numbers) get a leading ' so spreadsheets do "
             "not run them; default escape",
             {"escape", "keep"}),
       Param("mode", ParamType::kString, false, "Default overwrite; create fails if it exists",
             {"create", "overwrite", "append"}),
       delimiter},
      "path, size");
  write.one_of.push_back({.names = {"content", "json", "csv"}, .required = true});
  rows.push_back({std::move(write), RunWrite, true});
  return rows;
}

}  // namespace travet::actions
