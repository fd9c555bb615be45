#pragma once

#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "runtime/core/clock.h"
#include "runtime/core/value.h"
#include "tools/mock_office/mock_office.h"

namespace travet::mock_office {

// What the records API answers: a status and a JSON body (null for none).
struct Reply {
  int status = 200;
  Value body;
  bool replayed = false;  // an idempotent repeat of an earlier POST
};

// An application/problem+json body.
Value Problem(int status, const std::string& title, const std::string& detail);

// The records, idempotency keys, received requests and injected faults
// behind MockOffice, without HTTP. Thread-safe.
class OfficeState {
 public:
  // Stores `record` (a JSON object) with a new `id`: 201. With a non-empty
  // `idempotency_key`, a repeat with the same `fingerprint` replays the first
  // reply and a different fingerprint gets 422.
  Reply Create(const std::string& collection, Value record, const std::string& idempotency_key,
               const std::string& fingerprint);
  // The records whose fields equal every filter (compared as text): 200.
  Reply List(const std::string& collection,
             const std::vector<std::pair<std::string, std::string>>& filters) const;
  Reply Get(const std::string& collection, const std::string& id) const;
  Reply Replace(const std::string& collection, const std::string& id, Value record);
  Reply Patch(const std::string& collection, const std::string& id, const Value& patch);
  Reply Delete(const std::string& collection, const std::string& id);

  std::vector<Value> Records(const std::string& collection) const;
  void AddReceived(ReceivedRequest request);
  std::vector<ReceivedRequest> Received() const;

  void FailNext(int count, int status);
  // The status of the next injected failure, consuming it; 0 when none.
  int TakeFailure();
  void SetDelay(Millis delay);
  Millis delay() const;
  void Reset();

 private:
  struct KeyUse {
    std::string fingerprint;
    Reply reply;
  };
  mutable std::mutex mu_;
  std::map<std::string, std::vector<Value>> records_;
  std::map<std::string, KeyUse> keys_;
  std::vector<ReceivedRequest> received_;
  long long next_id_ = 1;
  int fail_count_ = 0;
  int fail_status_ = 503;
  Millis delay_{0};
};

}  // namespace travet::mock_office
