#include "runtime/engine/run_log.h"

namespace travet::engine {

RunLog::RunLog(store::Store& store, std::string run_id,
               const std::shared_ptr<const SecretMask>& mask, Clock& clock, Sink sink)
    : store_(store),
      run_id_(std::move(run_id)),
      mask_(mask),
      clock_(clock),
      sink_(std::move(sink)),
      logger_(mask) {
  // The Logger has already masked the line.
  logger_.AddSink(LogLevel::kDebug, [this](LogLevel level, std::string_view line) {
    Write(level, current_step_, line);
  });
}

void RunLog::Write(LogLevel level, std::string_view step_path, std::string_view message) {
  std::string masked = mask_->empty() ? std::string(message) : mask_->Mask(message);
  if (level >= LogLevel::kInfo && (!store_gate_ || store_gate_())) {
    store::Event event;
    event.time = FormatRfc3339(clock_.Now());
    event.level = std::string(LogLevelName(level));
    event.step_path = std::string(step_path);
    event.message = masked;
    // A lost log line must not fail the run; the store reports its own trouble.
    (void)store_.AppendEvent(run_id_, event);
  }
  if (sink_) {
    std::lock_guard lock(*sink_mu_);
    sink_(level, step_path, masked);
  }
}

std::unique_ptr<RunLog> RunLog::Fork() const {
  auto log = std::make_unique<RunLog>(store_, run_id_, mask_, clock_, sink_);
  log->store_gate_ = store_gate_;
  log->sink_mu_ = sink_mu_;
  return log;
}

}  // namespace travet::engine
