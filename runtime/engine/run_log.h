#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "runtime/core/clock.h"
#include "runtime/core/logger.h"
#include "runtime/core/secret_mask.h"
#include "runtime/store/store.h"

namespace travet::engine {

// The log of one run: every line is masked, stored as an event of the run
// (info and above) and passed to the caller's sink (e.g. stderr). Also the
// sink of the Logger that actions write to, so `log` lines land here too.
class RunLog {
 public:
  using Sink = std::function<void(LogLevel, std::string_view step_path, std::string_view line)>;

  RunLog(store::Store& store, std::string run_id, const std::shared_ptr<const SecretMask>& mask,
         Clock& clock, Sink sink);

  void Write(LogLevel level, std::string_view step_path, std::string_view message);
  // The step whose action is running: lines from the Logger are filed under it.
  void set_current_step(std::string path) { current_step_ = std::move(path); }
  // Lines are stored only while `gate` returns true (e.g. while the run's
  // lease is held); they still reach the sink. Default: always.
  void set_store_gate(std::function<bool()> gate) { store_gate_ = std::move(gate); }
  Logger& logger() { return logger_; }
  // A log of the same run for another thread (work items run at once): its
  // own current step, the same store, mask, gate and sink, whose calls the
  // two logs take in turn.
  std::unique_ptr<RunLog> Fork() const;
  const SecretMask& mask() const { return *mask_; }

 private:
  store::Store& store_;
  std::string run_id_;
  std::shared_ptr<const SecretMask> mask_;
  Clock& clock_;
  Sink sink_;
  Logger logger_;
  std::string current_step_;
  std::function<bool()> store_gate_;
  std::shared_ptr<std::mutex> sink_mu_ = std::make_shared<std::mutex>();
};

}  // namespace travet::engine
