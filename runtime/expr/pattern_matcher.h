#pragma once

#include <cstddef>
#include <string_view>

#include "runtime/core/clock.h"

namespace travet::expr {

// What a match may spend. Each step of the matcher (a call of its recursive
// match, a character tried by a repetition, a character scanned by %b or
// compared by a back-reference) takes one from `steps`; every kClockEvery
// steps `clock` is read.
struct MatchBudget {
  static constexpr long long kClockEvery = 16384;
  long long steps = 0;           // left
  const Clock* clock = nullptr;  // null: no deadline
  TimePoint deadline = TimePoint::max();
};

enum class MatchOutcome {
  kMatch,
  kNoMatch,
  kMalformed,    // the pattern is wrong at the point reached; see error()
  kOutOfSteps,   // the budget's steps ran out
  kPastDeadline  // the clock passed the budget's deadline
};

// A Lua 5.4 pattern (as string.find, match, gmatch and gsub read it) matched
// one start position at a time, the way lstrlib.c does it and with its
// results and error messages, but bounded by a MatchBudget: Lua's own matcher
// runs inside one C call where neither the instruction hook nor a deadline
// can stop it, and patterns such as `.-.-.-.-b` take polynomial time of a
// high degree. The caller strips a leading `^` (the anchor) itself, as Lua
// does. Refers to `subject` and `pattern` without owning them. Trivially
// destructible, so that it may live in Lua userdata and in frames a Lua error
// skips.
class PatternMatcher {
 public:
  static constexpr int kMaxCaptures = 32;            // LUA_MAXCAPTURES
  static constexpr std::ptrdiff_t kPosition = -2;    // length of a `()` capture
  static constexpr std::ptrdiff_t kUnfinished = -1;  // length of an open capture

  struct Capture {
    size_t start = 0;
    std::ptrdiff_t length = 0;  // or kPosition, kUnfinished
  };

  PatternMatcher(std::string_view subject, std::string_view pattern)
      : subject_(subject), pattern_(pattern) {}

  // Tries the pattern at byte `start` (at most the subject's size). On kMatch
  // end() and the captures describe the match; on kMalformed error() says why,
  // e.g. "malformed pattern (missing ']')". The steps taken are deducted from
  // `budget` whatever the outcome.
  MatchOutcome MatchAt(size_t start, MatchBudget& budget);

  size_t end() const { return end_; }
  int capture_count() const { return level_; }
  const Capture& capture(int i) const { return captures_[i]; }
  const char* error() const { return error_; }

 private:
  static constexpr size_t kFail = static_cast<size_t>(-1);
  static constexpr int kMaxDepth = 200;  // MAXCCALLS: Lua's "pattern too complex"

  // Where one element of the pattern leaves the match: its final result
  // (done) or the subject and pattern positions to go on from (Lua's
  // `goto init`).
  struct Step {
    size_t s;
    size_t p;
    bool done;
  };

  size_t Match(size_t s, size_t p);
  Step MatchItem(size_t s, size_t p);
  Step MatchDefault(size_t s, size_t p);
  Step MatchEscape(size_t s, size_t p);
  Step MatchFrontier(size_t s, size_t p);
  size_t MaxExpand(size_t s, size_t p, size_t ep);
  size_t MinExpand(size_t s, size_t p, size_t ep);
  size_t StartCapture(size_t s, size_t p, std::ptrdiff_t what);
  size_t EndCapture(size_t s, size_t p);
  size_t MatchBalance(size_t s, size_t p);
  size_t MatchBackReference(size_t s, char digit);
  size_t ClassEnd(size_t p);
  bool SingleMatch(size_t s, size_t p, size_t ep) const;
  bool MatchBracketClass(unsigned char c, size_t p, size_t ec) const;
  int CaptureToClose();
  bool Spend(long long steps);
  size_t Fail(const char* message);
  size_t Stop(MatchOutcome why);

  // Lua's strings end with a NUL that its matcher reads; these do the same.
  char P(size_t i) const { return i < pattern_.size() ? pattern_[i] : '\0'; }
  char S(size_t i) const { return i < subject_.size() ? subject_[i] : '\0'; }

  std::string_view subject_;
  std::string_view pattern_;
  MatchBudget* budget_ = nullptr;
  long long until_clock_ = MatchBudget::kClockEvery;
  bool stopped_ = false;  // malformed, out of steps or past the deadline
  MatchOutcome why_ = MatchOutcome::kNoMatch;
  int depth_left_ = 0;
  int level_ = 0;
  size_t end_ = 0;
  Capture captures_[kMaxCaptures];
  char error_[64] = {};
};

}  // namespace travet::expr
