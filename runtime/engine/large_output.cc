#include "runtime/engine/large_output.h"

namespace travet::engine {
namespace {

// Whether `value` takes more than `limit` bytes as JSON, counting strings by
// their length and everything else by a few bytes; stops as soon as it knows.
bool LargerThan(const Value& value, size_t limit, size_t& used) {
  if (value.is_string()) {
    used += value.get_ref<const std::string&>().size() + 2;
  } else if (value.is_object()) {
    for (const auto& [key, member] : value.items()) {
      used += key.size() + 4;
      if (LargerThan(member, limit, used))
        return true;
    }
  } else if (value.is_array()) {
    for (const auto& member : value) {
      ++used;
      if (LargerThan(member, limit, used))
        return true;
    }
  } else {
    used += 8;
  }
  return used > limit;
}

bool LargerThan(const Value& value, size_t limit) {
  size_t used = 0;
  return LargerThan(value, limit, used);
}

std::string ShortHash(const Value& output) {
  const Value* sha = output.is_object() && output.contains("sha256") ? &output["sha256"] : nullptr;
  return sha != nullptr && sha->is_string() ? sha->get<std::string>().substr(0, 12) + "…" : "none";
}

}  // namespace

bool IsLargeRead(const Value& output) {
  return output.is_object() && output.contains("sha256") && output["sha256"].is_string() &&
         LargerThan(output, kLargeOutputBytes);
}

Value ReadSummary(const Value& output) {
  Value summary = Value::object();
  Value omitted = Value::array();
  for (const auto& [key, member] : output.items()) {
    if (LargerThan(member, 1024))
      omitted.push_back(key);
    else
      summary[key] = member;
  }
  summary["$omitted"] = std::move(omitted);
  return summary;
}

Status SameRead(const std::string& what, const Value& before, const Value& now) {
  if (!before.is_object() || !before.contains("sha256") || !now.is_object() ||
      !now.contains("sha256") || before["sha256"] == now["sha256"]) {
    return Status::Ok();
  }
  return FailedPrecondition(what + " changed since it was read before the resume (sha256 " +
                            ShortHash(before) + " then, " + ShortHash(now) +
                            " now); read it in a new run");
}

}  // namespace travet::engine
