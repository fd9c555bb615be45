#pragma once

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/actions/action.h"
#include "runtime/actions/path_guard.h"
#include "runtime/core/result.h"
#include "runtime/core/value.h"

namespace travet::actions {

// The parameters of one run of a file action: reads and checks them (types
// are checked again at run time: an expression may yield anything), resolves
// path parameters through a PathGuard rooted at ctx.work_dir, and words every
// error the same way: "<action>: ...", quoting paths as the bot gave them,
// e.g. "file.read: parameter 'path' must be a string",
// "file.copy: 'in/a.pdf' does not exist". Lives for one call; not shared.
class FileParams {
 public:
  FileParams(std::string_view action, const Value& params, const ActionContext& ctx)
      : action_(action), params_(params), guard_(ctx.work_dir), has_root_(!ctx.work_dir.empty()) {}

  const std::string& action() const { return action_; }
  const PathGuard& guard() const { return guard_; }
  bool Has(const std::string& name) const { return !Get(name).is_null(); }
  const Value& Get(const std::string& name) const {
    static const Value kNull;
    return params_.is_object() && params_.contains(name) ? params_[name] : kNull;
  }
  // The path parameter `name` as the bot gave it.
  std::string Shown(const std::string& name) const {
    auto it = shown_.find(name);
    return it == shown_.end() ? "" : it->second;
  }

  Status Error(const std::string& name, const std::string& what) const {
    return InvalidArgument(action_ + ": parameter '" + name + "' " + what);
  }

  Result<std::string> String(const std::string& name,
                             std::optional<std::string> fallback = std::nullopt) const {
    const Value& value = Get(name);
    if (value.is_null() && fallback)
      return *fallback;
    if (value.is_null())
      return Error(name, "is required");
    if (!value.is_string())
      return Error(name, "must be a string");
    return value.get<std::string>();
  }

  Result<bool> Bool(const std::string& name, bool fallback) const {
    const Value& value = Get(name);
    if (value.is_null())
      return fallback;
    if (!value.is_boolean())
      return Error(name, "must be a boolean");
    return value.get<bool>();
  }

  Result<std::string> Choice(const std::string& name, const std::vector<std::string>& choices,
                             const std::string& fallback) const {
    auto value = String(name, fallback);
    if (!value || std::find(choices.begin(), choices.end(), *value) != choices.end())
      return value;
    std::string list;
    for (const std::string& choice : choices)
      list += (list.empty() ? "" : ", ") + choice;
    return Error(name, "must be one of " + list);
  }

  Result<char> Delimiter() const {
    auto text = String("delimiter", ",");
    if (!text)
      return text.error();
    if (text->size() != 1 || std::string_view("\"\r\n").find((*text)[0]) != std::string::npos) {
      return Error("delimiter", "must be one character other than '\"' or a line break");
    }
    return (*text)[0];
  }

  Result<std::vector<std::string>> StringList(const std::string& name) const {
    const Value& value = Get(name);
    std::vector<std::string> list;
    if (value.is_null())
      return list;
    if (!value.is_array())
      return Error(name, "must be a list of strings");
    for (const Value& item : value) {
      if (!item.is_string())
        return Error(name, "must be a list of strings");
      list.push_back(item.get<std::string>());
    }
    return list;
  }

  Result<std::filesystem::path> Path(const std::string& name,
                                     std::optional<std::string> fallback = std::nullopt) {
    if (!has_root_)
      return FailedPrecondition(action_ + ": the run has no working folder");
    auto text = String(name, std::move(fallback));
    if (!text)
      return text.error();
    shown_[name] = *text;
    auto resolved = guard_.Resolve(*text);
    if (!resolved)
      return Fail(resolved.error());
    return resolved;
  }

  Status ExactlyOneOf(const std::vector<std::string>& names) const {
    size_t given = std::count_if(names.begin(), names.end(), [&](auto& n) { return Has(n); });
    if (given == 1)
      return Status::Ok();
    std::string list;
    for (size_t i = 0; i < names.size(); ++i) {
      list += (i == 0 ? "'" : i + 1 == names.size() ? " or '" : ", '") + names[i] + "'";
    }
    return InvalidArgument(action_ + ": give " + (given ? "only one" : "one") + " of " + list);
  }

  Status Fail(const Status& status) const {
    return status.ok() ? status : status.WithContext(action_);
  }
  Status Fail(const Status& status, const std::string& name) const {
    return status.WithContext(action_ + ": '" + Shown(name) + "'");
  }
  Status NotFound(const std::string& name, std::string_view what = "") const {
    return travet::NotFound(action_ + ": " + std::string(what) + "'" + Shown(name) +
                            "' does not exist");
  }
  Status IsFolder(const std::string& name) const {
    return FailedPrecondition(action_ + ": '" + Shown(name) + "' is a folder");
  }
  Status AlreadyExists(const std::string& name) const {
    return travet::AlreadyExists(action_ + ": '" + Shown(name) + "' already exists");
  }

  Status ExpectFile(const std::string& name, const std::filesystem::path& path) const {
    std::error_code ec;
    auto status = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(status))
      return NotFound(name);
    if (std::filesystem::is_directory(status))
      return IsFolder(name);
    return Status::Ok();
  }
  Status ExpectFolder(const std::string& name, const std::filesystem::path& path) const {
    std::error_code ec;
    auto status = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(status))
      return NotFound(name, "folder ");
    if (std::filesystem::is_directory(status))
      return Status::Ok();
    return FailedPrecondition(action_ + ": '" + Shown(name) + "' is not a folder");
  }

  // Opens the path parameter `name`, resolved by Path(), with `flags`; the
  // kernel looks it up again beneath the root (see PathGuard::Open).
  Result<UniqueFd> Open(const std::string& name, const std::filesystem::path& path,
                        int flags) const {
    auto fd = guard_.Open(path, flags);
    if (!fd && fd.error().code() == StatusCode::kNotFound)
      return NotFound(name);
    if (!fd)
      return Fail(fd.error());
    return fd;
  }

  // The folder holding `path` (resolved by Path()), opened beneath the root,
  // and the name in it; with `make_folders` the folders above `path` are made.
  Result<PathGuard::Parent> OpenParent(const std::filesystem::path& path, bool make_folders) const {
    auto parent = guard_.OpenParent(path, make_folders);
    if (!parent)
      return Fail(parent.error());
    return parent;
  }

 private:
  std::string action_;
  const Value& params_;
  PathGuard guard_;
  bool has_root_;
  std::map<std::string, std::string> shown_;
};

}  // namespace travet::actions
