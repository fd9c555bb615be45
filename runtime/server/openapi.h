#pragma once

#include <span>

#include "runtime/core/value.h"
#include "runtime/server/route.h"

namespace travet::server {

// The OpenAPI 3.1 document of `routes`, served at /api/v1/openapi.json: every
// route with its parameters, body, success status, the problem answers and
// who may call it (security and the x-roles extension).
Value OpenApiDocument(std::span<const Route> routes, std::string_view version);

}  // namespace travet::server
