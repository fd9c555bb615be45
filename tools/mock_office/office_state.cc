#include "tools/mock_office/office_state.h"

#include <algorithm>

namespace travet::mock_office {
namespace {

std::string IdText(const Value& record) {
  const Value& id = record["id"];
  return id.is_string() ? id.get<std::string>() : id.dump();
}

std::string FieldText(const Value& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

Reply NotFoundReply(const std::string& collection, const std::string& id) {
  return {404, Problem(404, "Not Found", "no record " + id + " in " + collection)};
}

// Records is the map of records_, const or not.
template <typename Records>
auto* FindRecord(Records& records, const std::string& collection, const std::string& id) {
  using Ptr = decltype(&records.begin()->second.front());
  auto it = records.find(collection);
  if (it == records.end())
    return Ptr{nullptr};
  for (auto& record : it->second) {
    if (IdText(record) == id)
      return &record;
  }
  return Ptr{nullptr};
}

}  // namespace

Value Problem(int status, const std::string& title, const std::string& detail) {
  return Value{{"type", "about:blank"}, {"title", title}, {"status", status}, {"detail", detail}};
}

Reply OfficeState::Create(const std::string& collection, Value record,
                          const std::string& idempotency_key, const std::string& fingerprint) {
  std::lock_guard lock(mu_);
  if (!idempotency_key.empty()) {
    auto it = keys_.find(idempotency_key);
    if (it != keys_.end()) {
      if (it->second.fingerprint != fingerprint) {
        return {422, Problem(422, "Idempotency-Key reused",
                             "the key was first used with a different request")};
      }
      Reply replay = it->second.reply;
      replay.replayed = true;
      return replay;
    }
  }
  record["id"] = next_id_++;
  records_[collection].push_back(record);
  Reply reply{201, record};
  if (!idempotency_key.empty())
    keys_[idempotency_key] = KeyUse{fingerprint, reply};
  return reply;
}

Reply OfficeState::List(const std::string& collection,
                        const std::vector<std::pair<std::string, std::string>>& filters) const {
  std::lock_guard lock(mu_);
  Value out = Value::array();
  auto it = records_.find(collection);
  if (it == records_.end())
    return {200, out};
  for (const Value& record : it->second) {
    bool match = std::all_of(filters.begin(), filters.end(), [&](const auto& f) {
      return record.contains(f.first) && FieldText(record[f.first]) == f.second;
    });
    if (match)
      out.push_back(record);
  }
  return {200, out};
}

Reply OfficeState::Get(const std::string& collection, const std::string& id) const {
  std::lock_guard lock(mu_);
  const Value* record = FindRecord(records_, collection, id);
  if (record == nullptr)
    return NotFoundReply(collection, id);
  return {200, *record};
}

Reply OfficeState::Replace(const std::string& collection, const std::string& id, Value record) {
  std::lock_guard lock(mu_);
  Value* stored = FindRecord(records_, collection, id);
  if (stored == nullptr)
    return NotFoundReply(collection, id);
  record["id"] = (*stored)["id"];
  *stored = std::move(record);
  return {200, *stored};
}

Reply OfficeState::Patch(const std::string& collection, const std::string& id, const Value& patch) {
  std::lock_guard lock(mu_);
  Value* stored = FindRecord(records_, collection, id);
  if (stored == nullptr)
    return NotFoundReply(collection, id);
  Value keep_id = (*stored)["id"];
  stored->merge_patch(patch);
  (*stored)["id"] = keep_id;
  return {200, *stored};
}

Reply OfficeState::Delete(const std::string& collection, const std::string& id) {
  std::lock_guard lock(mu_);
  auto it = records_.find(collection);
  if (it == records_.end())
    return NotFoundReply(collection, id);
  auto& list = it->second;
  auto found =
      std::find_if(list.begin(), list.end(), [&](const Value& r) { return IdText(r) == id; });
  if (found == list.end())
    return NotFoundReply(collection, id);
  list.erase(found);
  return {204, nullptr};
}

std::vector<Value> OfficeState::Records(const std::string& collection) const {
  std::lock_guard lock(mu_);
  auto it = records_.find(collection);
  return it == records_.end() ? std::vector<Value>{} : it->second;
}

void OfficeState::AddReceived(ReceivedRequest request) {
  std::lock_guard lock(mu_);
  received_.push_back(std::move(request));
}

std::vector<ReceivedRequest> OfficeState::Received() const {
  std::lock_guard lock(mu_);
  return received_;
}

void OfficeState::FailNext(int count, int status) {
  std::lock_guard lock(mu_);
  fail_count_ = std::max(0, count);
  fail_status_ = status;
}

int OfficeState::TakeFailure() {
  std::lock_guard lock(mu_);
  if (fail_count_ == 0)
    return 0;
  --fail_count_;
  return fail_status_;
}

void OfficeState::SetDelay(Millis delay) {
  std::lock_guard lock(mu_);
  delay_ = std::max(Millis(0), delay);
}

Millis OfficeState::delay() const {
  std::lock_guard lock(mu_);
  return delay_;
}

void OfficeState::Reset() {
  std::lock_guard lock(mu_);
  records_.clear();
  keys_.clear();
  received_.clear();
  next_id_ = 1;
  fail_count_ = 0;
  fail_status_ = 503;
  delay_ = Millis(0);
}

}  // namespace travet::mock_office
