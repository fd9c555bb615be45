#pragma once

#include <cassert>
#include <optional>
#include <utility>

#include "runtime/core/status.h"

namespace travet {

// Either a T or the Status that says why there is none; method names follow
// std::expected so the type can be swapped for it once the project moves to
// C++23. Accessing the value of an error Result is a bug (asserted).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    assert(!status_.ok() && "a Result holding no value needs an error");
  }

  bool has_value() const { return value_.has_value(); }
  explicit operator bool() const { return has_value(); }

  T& value() & {
    assert(has_value());
    return *value_;
  }
  const T& value() const& {
    assert(has_value());
    return *value_;
  }
  T&& value() && {
    assert(has_value());
    return std::move(*value_);
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Status& error() const { return status_; }
  // The Status of this result: Ok when it holds a value.
  const Status& status() const { return status_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace travet

// Returns the Status of `expr` from the enclosing function when it is an error.
#define TRAVET_RETURN_IF_ERROR(expr)          \
  do {                                        \
    ::travet::Status travet_status_ = (expr); \
    if (!travet_status_.ok())                 \
      return travet_status_;                  \
  } while (false)
