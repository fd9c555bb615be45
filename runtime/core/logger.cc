#include "runtime/core/logger.h"

#include <vector>

namespace travet {

std::string_view LogLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarning:
      return "warning";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

bool ParseLogLevel(std::string_view text, LogLevel* level) {
  if (text == "debug")
    *level = LogLevel::kDebug;
  else if (text == "info")
    *level = LogLevel::kInfo;
  else if (text == "warning" || text == "warn")
    *level = LogLevel::kWarning;
  else if (text == "error")
    *level = LogLevel::kError;
  else
    return false;
  return true;
}

Logger::Logger(std::shared_ptr<const SecretMask> mask) : mask_(std::move(mask)) {}

void Logger::AddSink(LogLevel min_level, Sink sink) {
  std::lock_guard lock(mu_);
  sinks_.push_back({min_level, std::move(sink)});
}

void Logger::Log(LogLevel level, std::string_view message) {
  std::string masked = mask_->Mask(message);
  std::lock_guard lock(mu_);
  for (const auto& entry : sinks_) {
    if (level >= entry.min_level)
      entry.sink(level, masked);
  }
}

}  // namespace travet
