#pragma once

#include "runtime/actions/action.h"
#include "runtime/core/clock.h"
#include "runtime/store/store.h"

namespace travet::review {

// The ReviewDesk over the store: one task per (run, step), created when the
// step first runs; a later run of the step (after a resume) reads the
// decision instead of asking again. The step's output after an approval is
// {fields: name -> value, decision, reviewer, task, sampled}.
class StoreReviewDesk final : public actions::ReviewDesk {
 public:
  StoreReviewDesk(store::Store& store, Clock& clock) : store_(store), clock_(clock) {}

  Result<Value> Request(const std::string& run_id, const std::string& step_path,
                        const actions::ReviewRequest& request) override;

 private:
  store::Store& store_;
  Clock& clock_;
};

// The fields of a review request as a task holds them: each as
// {value, raw, confidence, page, box, valid, verdict, type}; a bare value
// becomes {value}.
Value TaskFields(const Value& fields);

}  // namespace travet::review
