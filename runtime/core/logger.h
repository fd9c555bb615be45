#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "runtime/core/secret_mask.h"

namespace travet {

enum class LogLevel { kDebug, kInfo, kWarning, kError };

std::string_view LogLevelName(LogLevel level);
// Parses "debug", "info", "warning"/"warn", "error"; false when unknown.
bool ParseLogLevel(std::string_view text, LogLevel* level);

// Where log lines go. Every line passes through the SecretMask before any sink
// sees it, so no sink can leak a secret.
class Logger {
 public:
  using Sink = std::function<void(LogLevel, std::string_view line)>;

  explicit Logger(std::shared_ptr<const SecretMask> mask);

  // Adds a destination; lines below `min_level` are not sent to it.
  void AddSink(LogLevel min_level, Sink sink);
  void Log(LogLevel level, std::string_view message);
  const SecretMask& mask() const { return *mask_; }

 private:
  struct Entry {
    LogLevel min_level;
    Sink sink;
  };
  std::shared_ptr<const SecretMask> mask_;
  std::mutex mu_;
  std::vector<Entry> sinks_;
};

}  // namespace travet
