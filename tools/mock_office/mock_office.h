#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "runtime/core/clock.h"
#include "runtime/core/status.h"
#include "runtime/core/value.h"

namespace travet::mock_office {

// A file part of a multipart/form-data request.
struct ReceivedFile {
  std::string field;
  std::string filename;
  std::string content_type;
  std::string content;
};

// One /api/* request as the mock office saw it (control requests are not
// kept).
struct ReceivedRequest {
  std::string method;
  std::string path;                            // decoded, without the query
  std::string target;                          // path and query exactly as sent
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;                            // empty for multipart
  std::vector<ReceivedFile> files;
  int remote_port = 0;  // the client's port: one per connection
};

// A small records backend standing in for an accounting or document system,
// on 127.0.0.1, for tests, benchmarks and the quickstart.
//
// HTTP API (errors are application/problem+json):
//   POST   /api/{collection}       JSON object, URL-encoded form or multipart;
//                                  stores it with a generated integer `id`,
//                                  201 + the record. With an Idempotency-Key
//                                  header, a repeat with the same body returns
//                                  the first record (201, Idempotent-Replayed:
//                                  true); a different body gets 422.
//   GET    /api/{collection}       the records; ?field=value filters
//   GET    /api/{collection}/{id}  one record or 404
//   PUT    /api/{collection}/{id}  replaces (200); PATCH merges (200)
//   DELETE /api/{collection}/{id}  204
//   GET    /api/ping               {"ok":true}
//   POST   /_control/fail {"count":N,"status":503}   like FailNext
//   POST   /_control/delay {"ms":M}                  like SetDelay
//   GET    /_control/received                        like Received
//   POST   /_control/reset                           like Reset
//   GET    /_control/redirect?to=URL                 302 to URL (any scheme)
// An invalid JSON body gets 400. All methods are thread-safe.
class MockOffice {
 public:
  MockOffice();
  ~MockOffice();  // stops the server
  MockOffice(const MockOffice&) = delete;
  MockOffice& operator=(const MockOffice&) = delete;

  // Listens on `host`:`port` (0: any free port) and serves from a background
  // thread; returns once connections are accepted. kUnavailable when the
  // port cannot be bound, kFailedPrecondition when already started.
  Status Start(int port = 0, const std::string& host = "127.0.0.1");
  // Stops serving and waits for the server thread; a no-op when stopped.
  void Stop();

  int port() const;
  std::string url() const;  // e.g. "http://127.0.0.1:8123"

  // The next `count` /api/* requests get `status` with a problem body.
  void FailNext(int count, int status = 503);
  // Every /api/* request waits `delay` before it is handled.
  void SetDelay(Millis delay);
  // The stored records of `collection`, in creation order.
  std::vector<Value> Records(const std::string& collection) const;
  // Every /api/* request so far, injected failures included.
  std::vector<ReceivedRequest> Received() const;
  // Forgets records, idempotency keys, received requests, failures and delay.
  void Reset();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace travet::mock_office
