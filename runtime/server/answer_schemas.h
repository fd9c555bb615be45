#pragma once

// The JSON Schemas of the API's answers, for the OpenAPI document: one per
// resource (Run, ReviewTask, User...), and which handler answers which.
// Keyed by the handler itself, so that a route's answer is described where
// the route is served; a test checks real answers against them.

#include "runtime/core/value.h"
#include "runtime/server/route.h"

namespace travet::server {

// components.schemas: name -> JSON Schema (draft 2020-12, as OpenAPI 3.1).
Value AnswerSchemas();

// The component that describes the successful answer of `handler`, or
// nullptr when none does (then the document says only "a JSON value").
const char* AnswerSchemaOf(Handler handler);

}  // namespace travet::server
