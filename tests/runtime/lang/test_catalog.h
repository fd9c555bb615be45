#pragma once

#include "runtime/lang/action_spec.h"

namespace travet::lang::testing {

// A small catalog standing in for the action table, so the language layer is
// tested on its own.
inline const ActionCatalog& TestCatalog() {
  static const ActionSpec kFileRead{
      "file.read",
      "Read a file.",
      {{"path", ParamType::kString, true, "File to read."},
       {"as", ParamType::kString, false, "How to parse it.", {"text", "json", "csv", "lines"}}},
      {},
      "content"};
  static const ActionSpec kFileList{"file.list",
                                    "List files.",
                                    {{"dir", ParamType::kString, true, "Folder."},
                                     {"pattern", ParamType::kString, false, "Glob."},
                                     {"recursive", ParamType::kBoolean, false, "Descend."}},
                                    {},
                                    "files"};
  static const ActionSpec kHttpRequest{
      "http.request",
      "Send a request.",
      {{"method", ParamType::kString, false, "Verb.", {"GET", "POST"}},
       {"url", ParamType::kString, true, "URL."},
       {"json", ParamType::kAny, false, "Body as JSON."},
       {"body", ParamType::kString, false, "Raw body."},
       {"timeout", ParamType::kDuration, false, "Limit."},
       {"expect", ParamType::kStringOrList, false, "Statuses."}},
      {{{"json", "body"}, false}},
      "status"};
  static const ActionSpec kLog{
      "log", "Log.", {{"message", ParamType::kAny, true, "Text."}}, {}, ""};
  static const ActionSpec kSet{"set", "Set vars.", {}, {}, "", true};
  static const ActionSpec kScript{
      "script", "Lua.", {{"lua", ParamType::kString, true, "Chunk."}}, {}, ""};
  static const ActionCatalog kCatalog = {&kFileList, &kFileRead, &kHttpRequest,
                                         &kLog,      &kScript,   &kSet};
  return kCatalog;
}

}  // namespace travet::lang::testing
