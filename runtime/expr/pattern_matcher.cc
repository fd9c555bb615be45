#include "runtime/expr/pattern_matcher.h"

#include <cctype>
#include <cstdio>
#include <cstring>
#include <type_traits>

// The functions below follow lstrlib.c of Lua 5.4 one for one (match,
// max_expand, min_expand, start_capture, ...), with positions instead of
// pointers and a stop flag instead of longjmp, so that the same pattern
// gives the same result, or fails at the same point with the same message.

namespace travet::expr {

static_assert(std::is_trivially_destructible_v<PatternMatcher>);

namespace {

constexpr char kEscape = '%';

// Lua's match_class: %a, %d ... and their complements in upper case; any
// other character after `%` stands for itself.
bool MatchClass(int c, int cl) {
  bool result = false;
  switch (std::tolower(cl)) {
    case 'a':
      result = std::isalpha(c);
      break;
    case 'c':
      result = std::iscntrl(c);
      break;
    case 'd':
      result = std::isdigit(c);
      break;
    case 'g':
      result = std::isgraph(c);
      break;
    case 'l':
      result = std::islower(c);
      break;
    case 'p':
      result = std::ispunct(c);
      break;
    case 's':
      result = std::isspace(c);
      break;
    case 'u':
      result = std::isupper(c);
      break;
    case 'w':
      result = std::isalnum(c);
      break;
    case 'x':
      result = std::isxdigit(c);
      break;
    case 'z':
      result = c == 0;
      break;  // deprecated in Lua, still there
    default:
      return cl == c;
  }
  return std::isupper(cl) ? !result : result;
}

}  // namespace

MatchOutcome PatternMatcher::MatchAt(size_t start, MatchBudget& budget) {
  budget_ = &budget;
  stopped_ = false;
  depth_left_ = kMaxDepth;
  level_ = 0;
  const size_t end = Match(start, 0);
  budget_ = nullptr;
  if (stopped_)
    return why_;
  if (end == kFail)
    return MatchOutcome::kNoMatch;
  end_ = end;
  return MatchOutcome::kMatch;
}

size_t PatternMatcher::Match(size_t s, size_t p) {
  if (depth_left_-- == 0)
    return Fail("pattern too complex");
  Step step{s, p, false};
  while (!step.done && step.p != pattern_.size()) {
    if (!Spend(1))
      return kFail;
    step = MatchItem(step.s, step.p);
  }
  ++depth_left_;
  return step.s;
}

PatternMatcher::Step PatternMatcher::MatchItem(size_t s, size_t p) {
  switch (pattern_[p]) {
    case '(':
      if (P(p + 1) == ')')
        return {StartCapture(s, p + 2, kPosition), p, true};
      return {StartCapture(s, p + 1, kUnfinished), p, true};
    case ')':
      return {EndCapture(s, p + 1), p, true};
    case '$':
      if (p + 1 == pattern_.size())
        return {s == subject_.size() ? s : kFail, p, true};
      break;
    case kEscape: {
      const char what = P(p + 1);
      if (what == 'b' || what == 'f' || std::isdigit(static_cast<unsigned char>(what)))
        return MatchEscape(s, p);
      break;
    }
    default:
      break;
  }
  return MatchDefault(s, p);
}

// %b, %f and back-references %0-%9.
PatternMatcher::Step PatternMatcher::MatchEscape(size_t s, size_t p) {
  const char what = P(p + 1);
  if (what == 'f')
    return MatchFrontier(s, p + 2);
  s = what == 'b' ? MatchBalance(s, p + 2) : MatchBackReference(s, what);
  if (s == kFail)
    return {kFail, p, true};
  return {s, p + (what == 'b' ? 4 : 2), false};
}

PatternMatcher::Step PatternMatcher::MatchFrontier(size_t s, size_t p) {
  if (P(p) != '[')
    return {Fail("missing '[' after '%f' in pattern"), p, true};
  const size_t ep = ClassEnd(p);
  if (ep == kFail)
    return {kFail, p, true};
  const auto previous = static_cast<unsigned char>(s == 0 ? '\0' : subject_[s - 1]);
  if (!MatchBracketClass(previous, p, ep - 1) &&
      MatchBracketClass(static_cast<unsigned char>(S(s)), p, ep - 1)) {
    return {s, ep, false};
  }
  return {kFail, p, true};
}

// A single character class with an optional quantifier.
PatternMatcher::Step PatternMatcher::MatchDefault(size_t s, size_t p) {
  const size_t ep = ClassEnd(p);
  if (ep == kFail)
    return {kFail, p, true};
  const char suffix = P(ep);
  if (!SingleMatch(s, p, ep)) {
    if (suffix == '*' || suffix == '?' || suffix == '-')
      return {s, ep + 1, false};  // accepts the empty match
    return {kFail, p, true};
  }
  switch (suffix) {
    case '?': {
      const size_t result = Match(s + 1, ep + 1);
      if (result != kFail || stopped_)
        return {result, p, true};
      return {s, ep + 1, false};
    }
    case '+':
      return {MaxExpand(s + 1, p, ep), p, true};
    case '*':
      return {MaxExpand(s, p, ep), p, true};
    case '-':
      return {MinExpand(s, p, ep), p, true};
    default:
      return {s + 1, ep, false};
  }
}

size_t PatternMatcher::MaxExpand(size_t s, size_t p, size_t ep) {
  size_t count = 0;
  while (SingleMatch(s + count, p, ep))
    ++count;
  if (!Spend(static_cast<long long>(count)))
    return kFail;
  for (;;) {  // the longest repetition first, then one fewer ...
    const size_t result = Match(s + count, ep + 1);
    if (result != kFail || stopped_)
      return result;
    if (count == 0)
      return kFail;
    --count;
  }
}

size_t PatternMatcher::MinExpand(size_t s, size_t p, size_t ep) {
  for (;;) {  // the shortest repetition first, then one more ...
    const size_t result = Match(s, ep + 1);
    if (result != kFail || stopped_)
      return result;
    if (!SingleMatch(s, p, ep))
      return kFail;
    ++s;
  }
}

size_t PatternMatcher::StartCapture(size_t s, size_t p, std::ptrdiff_t what) {
  if (level_ >= kMaxCaptures)
    return Fail("too many captures");
  captures_[level_] = {s, what};
  ++level_;
  const size_t result = Match(s, p);
  if (result == kFail)
    --level_;
  return result;
}

size_t PatternMatcher::EndCapture(size_t s, size_t p) {
  const int l = CaptureToClose();
  if (l < 0)
    return kFail;
  captures_[l].length = static_cast<std::ptrdiff_t>(s - captures_[l].start);
  const size_t result = Match(s, p);
  if (result == kFail)
    captures_[l].length = kUnfinished;
  return result;
}

int PatternMatcher::CaptureToClose() {
  for (int level = level_ - 1; level >= 0; --level) {
    if (captures_[level].length == kUnfinished)
      return level;
  }
  Fail("invalid pattern capture");
  return -1;
}

// `p` is just after "%b".
size_t PatternMatcher::MatchBalance(size_t s, size_t p) {
  if (p + 1 >= pattern_.size())
    return Fail("malformed pattern (missing arguments to '%b')");
  if (S(s) != pattern_[p])
    return kFail;
  const char open = pattern_[p];
  const char close = pattern_[p + 1];
  int depth = 1;
  size_t i = s;
  while (++i < subject_.size()) {
    if (subject_[i] == close) {
      if (--depth == 0)
        return Spend(static_cast<long long>(i - s)) ? i + 1 : kFail;
    } else if (subject_[i] == open) {
      ++depth;
    }
  }
  Spend(static_cast<long long>(i - s));
  return kFail;
}

size_t PatternMatcher::MatchBackReference(size_t s, char digit) {
  const int l = digit - '1';
  if (l < 0 || l >= level_ || captures_[l].length == kUnfinished) {
    char message[sizeof(error_)];
    std::snprintf(message, sizeof(message), "invalid capture index %%%d", l + 1);
    return Fail(message);
  }
  const std::ptrdiff_t length = captures_[l].length;
  if (length < 0 || subject_.size() - s < static_cast<size_t>(length))
    return kFail;  // a position capture never matches text, as in Lua
  if (!Spend(1 + length / 16))
    return kFail;
  if (subject_.compare(s, length, subject_.substr(captures_[l].start, length)) != 0)
    return kFail;
  return s + length;
}

// Where the class at `p` ends: after `%x`, after `[...]`, or after one
// character.
size_t PatternMatcher::ClassEnd(size_t p) {
  const char c = pattern_[p++];
  if (c == kEscape) {
    if (p == pattern_.size())
      return Fail("malformed pattern (ends with '%')");
    return p + 1;
  }
  if (c == '[') {
    if (P(p) == '^')
      ++p;
    do {  // the first character may be ']' itself
      if (p == pattern_.size())
        return Fail("malformed pattern (missing ']')");
      if (pattern_[p++] == kEscape && p < pattern_.size())
        ++p;
    } while (P(p) != ']');
    return p + 1;
  }
  return p;
}

bool PatternMatcher::SingleMatch(size_t s, size_t p, size_t ep) const {
  if (s >= subject_.size())
    return false;
  const auto c = static_cast<unsigned char>(subject_[s]);
  switch (pattern_[p]) {
    case '.':
      return true;
    case kEscape:
      return MatchClass(c, static_cast<unsigned char>(P(p + 1)));
    case '[':
      return MatchBracketClass(c, p, ep - 1);
    default:
      return static_cast<unsigned char>(pattern_[p]) == c;
  }
}

// `p` is at the '[' and `ec` at the closing ']'.
bool PatternMatcher::MatchBracketClass(unsigned char c, size_t p, size_t ec) const {
  bool found = true;
  if (P(p + 1) == '^') {
    found = false;
    ++p;
  }
  while (++p < ec) {
    const auto here = static_cast<unsigned char>(pattern_[p]);
    if (here == kEscape) {
      ++p;
      if (MatchClass(c, static_cast<unsigned char>(P(p))))
        return found;
    } else if (P(p + 1) == '-' && p + 2 < ec) {
      p += 2;
      if (here <= c && c <= static_cast<unsigned char>(pattern_[p]))
        return found;
    } else if (here == c) {
      return found;
    }
  }
  return !found;
}

bool PatternMatcher::Spend(long long steps) {
  if (stopped_)
    return false;
  budget_->steps -= steps;
  if (budget_->steps < 0) {
    Stop(MatchOutcome::kOutOfSteps);
    return false;
  }
  until_clock_ -= steps;
  if (until_clock_ <= 0) {
    until_clock_ = MatchBudget::kClockEvery;
    if (budget_->clock != nullptr && budget_->clock->Now() > budget_->deadline) {
      Stop(MatchOutcome::kPastDeadline);
      return false;
    }
  }
  return true;
}

size_t PatternMatcher::Fail(const char* message) {
  if (!stopped_) {
    std::snprintf(error_, sizeof(error_), "%s", message);
    Stop(MatchOutcome::kMalformed);
  }
  return kFail;
}

size_t PatternMatcher::Stop(MatchOutcome why) {
  stopped_ = true;
  why_ = why;
  return kFail;
}

}  // namespace travet::expr
