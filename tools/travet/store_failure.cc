#include "tools/travet/store_failure.h"

#include <iostream>

#include "tools/travet/command.h"

namespace travet::cli {

int StoreFailure(std::string_view command, std::string_view verb, const Status& status) {
  std::cerr << "travet " << command << " " << verb << ": " << status.message() << "\n";
  switch (status.code()) {
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:
      return kExitConflict;
    case StatusCode::kInvalidArgument:
    case StatusCode::kNotFound:
      return kExitInvalid;
    default:
      return kExitFailed;
  }
}

}  // namespace travet::cli
