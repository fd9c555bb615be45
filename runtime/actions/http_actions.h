#pragma once

#include <vector>

#include "runtime/actions/action.h"

namespace travet::actions {

// The `http.request` row of the action table.
//
// Sends one request with ctx.http (a local client when null) and returns
// {status, headers (lower-case names), body, json (the parsed body when the
// response is JSON, else null)}. A status outside `expect` (default: any 2xx)
// fails the step: 5xx and 429 with kUnavailable (retryable), others with
// kFailed quoting up to 200 characters of the body. POST, PUT, PATCH and
// DELETE carry an Idempotency-Key header (ctx.idempotency_key unless the step
// gives `idempotency_key` or the header itself). Transport errors are those
// of HttpClient::Send.
std::vector<ActionDef> HttpActions();

}  // namespace travet::actions
