#include "runtime/actions/review_params.h"

#include <cmath>
#include <cstdint>
#include <string>

#include "runtime/actions/atomic_file.h"
#include "runtime/actions/sha256.h"
#include "runtime/core/duration.h"

namespace travet::actions {
namespace {

using lang::ParamType;

// Reads one setting of a review map, naming it as the bot does.
class SettingReader {
 public:
  SettingReader(const Value& params, std::string_view action, std::string_view prefix)
      : params_(params), action_(action), prefix_(prefix) {}

  Status Bad(const char* name, const std::string& what) const {
    return InvalidArgument(action_ + ": parameter '" + prefix_ + name + "' must be " + what);
  }
  bool Has(const char* name) const { return params_.contains(name) && !params_[name].is_null(); }
  Status Text(const char* name, std::string& out) const {
    if (!Has(name))
      return Status::Ok();
    if (!params_[name].is_string())
      return Bad(name, "a string");
    out = params_[name].get<std::string>();
    return Status::Ok();
  }
  Status Integer(const char* name, int& out) const {
    if (!Has(name))
      return Status::Ok();
    if (!params_[name].is_number_integer())
      return Bad(name, "an integer");
    out = params_[name].get<int>();
    return Status::Ok();
  }
  Status Duration(const char* name, std::optional<Millis>& out) const {
    std::string text;
    TRAVET_RETURN_IF_ERROR(Text(name, text));
    if (text.empty())
      return Status::Ok();
    Result<Millis> d = ParseDuration(text);
    if (!d)
      return d.error().WithContext(action_ + ": parameter '" + prefix_ + name + "'");
    out = *d;
    return Status::Ok();
  }

 private:
  const Value& params_;
  std::string action_;
  std::string prefix_;
};

// "5%" or "0.5%" as a share of 1; nullopt for anything else.
std::optional<double> ParsePercent(const std::string& text) {
  if (text.size() < 2 || text.back() != '%')
    return std::nullopt;
  std::string number = text.substr(0, text.size() - 1);
  if (number.find_first_not_of("0123456789.") != std::string::npos)
    return std::nullopt;
  char* end = nullptr;
  double percent = std::strtod(number.c_str(), &end);
  if (end != number.c_str() + number.size())
    return std::nullopt;
  return percent / 100;
}

}  // namespace

std::vector<lang::ParamSpec> ReviewParamSpecs() {
  return {
      {"queue", ParamType::kString, false, "Queue (group of operators); default 'default'."},
      {"instructions", ParamType::kString, false, "What the operator should check."},
      {"priority", ParamType::kInteger, false, "Higher comes first (default 0)."},
      {"due", ParamType::kDuration, false,
       "Due this long from now (e.g. 48h); undecided then, the task is escalated once."},
      {"expires", ParamType::kDuration, false,
       "Undecided this long from now, the task expires and the step fails."},
      {"escalate_to", ParamType::kString, false, "Queue an escalation moves the task to."},
      {"approvals", ParamType::kInteger, false, "1 (default) or 2: two different approvers."},
  };
}

Result<ReviewRequest> ReadReviewParams(const Value& params, std::string_view action,
                                       std::string_view prefix) {
  SettingReader read(params, action, prefix);
  ReviewRequest request;
  TRAVET_RETURN_IF_ERROR(read.Text("queue", request.queue));
  if (request.queue.empty())
    return read.Bad("queue", "a queue name");
  TRAVET_RETURN_IF_ERROR(read.Text("instructions", request.instructions));
  TRAVET_RETURN_IF_ERROR(read.Integer("priority", request.priority));
  TRAVET_RETURN_IF_ERROR(read.Duration("due", request.due));
  TRAVET_RETURN_IF_ERROR(read.Duration("expires", request.expires));
  TRAVET_RETURN_IF_ERROR(read.Text("escalate_to", request.escalate_to));
  if (!request.escalate_to.empty() && !request.due)
    return read.Bad("escalate_to", "given with 'due' (escalation happens when it is due)");
  TRAVET_RETURN_IF_ERROR(read.Integer("approvals", request.approvals));
  if (request.approvals != 1 && request.approvals != 2)
    return read.Bad("approvals", "1 or 2");
  return request;
}

Result<double> ParseSampleRate(const Value& value) {
  std::optional<double> rate;
  if (value.is_number())
    rate = value.get<double>();
  else if (value.is_string())
    rate = ParsePercent(value.get<std::string>());
  if (!rate || !std::isfinite(*rate) || *rate < 0 || *rate > 1) {
    std::string text = value.is_string() ? value.get<std::string>() : value.dump();
    return InvalidArgument("'" + text + "' is not a share: use e.g. 5% or 0.05");
  }
  return *rate;
}

// The first 64 bits of SHA-256(queue, NUL, document hash) as a fraction of 1:
// uniform over documents, and independent between queues.
bool ChosenForSample(std::string_view document_sha256, std::string_view queue, double rate) {
  if (rate <= 0)
    return false;
  if (rate >= 1)
    return true;
  std::string salted(queue);
  salted.push_back('\0');
  salted.append(document_sha256);
  const std::string digest = Sha256Hex(salted);
  const uint64_t bits = std::stoull(digest.substr(0, 16), nullptr, 16);
  const double fraction = std::ldexp(static_cast<double>(bits >> 11), -53);
  return fraction < rate;
}

}  // namespace travet::actions
