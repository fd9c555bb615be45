#include "runtime/engine/run_queue.h"

#include "runtime/engine/inputs.h"
#include "runtime/engine/runner.h"

namespace travet::engine {

Result<store::RunRecord> QueueRun(store::Store& store, const lang::Bot& bot, const Value& inputs,
                                  const QueueTerms& terms) {
  auto resolved = ResolveInputValues(bot, inputs);
  if (!resolved) {
    return resolved.error();
  }
  Clock& clock = terms.clock != nullptr ? *terms.clock : DefaultClock();
  store::RunRecord record;
  record.id = terms.run_id.empty() ? NewRunId(clock) : terms.run_id;
  record.bot = bot.name;
  record.bot_file = std::filesystem::absolute(bot.file).lexically_normal().string();
  record.inputs = std::move(*resolved);
  record.created_at = FormatRfc3339(clock.Now());
  record.work_dir = std::filesystem::absolute(terms.work_dir.empty() ? "." : terms.work_dir)
                        .lexically_normal()
                        .string();
  if (!terms.idempotency_key.empty()) {
    return store.CreateRunOnce(record, terms.idempotency_key, terms.key_since);
  }
  TRAVET_RETURN_IF_ERROR(store.CreateRun(record));
  return record;
}

}  // namespace travet::engine
