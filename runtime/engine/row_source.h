#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "runtime/core/result.h"
#include "runtime/core/value.h"

namespace travet::engine {

// The items a `foreach` goes through, one at a time and in order: a list in
// memory, or the rows of a CSV file that file.read with `stream: true`
// referred to ({"$rows": {...}}), read from the file a chunk at a time.
class RowSource {
 public:
  virtual ~RowSource() = default;

  // How many items there are.
  virtual size_t size() const = 0;
  // The next item, valid until the next call; call at most size() times.
  // Errors (streamed rows only): the file cannot be read, or now holds fewer
  // rows than it did.
  virtual Result<const Value*> Next() = 0;
};

// The items of `list` (a list; kept here).
std::unique_ptr<RowSource> ListRows(Value list);

// `count` items that are all null: for a streamed loop whose iterations all
// restore from their checkpoints, which read no item (the file may be gone).
std::unique_ptr<RowSource> NullRows(size_t count);

// The rows the reference `ref` names, from the file beneath `work_dir`,
// opened through a PathGuard. The file is read once through first: when its
// SHA-256 is not the one the reference recorded, it changed since it was
// read, and the loop fails rather than go on with another version of the
// table (kFailedPrecondition "'in/big.csv' changed since it was read (sha256
// 3a7b… then, 09cd… now); read it again in a new run"). Other errors: a
// malformed reference, a file that is missing or leaves the working folder.
Result<std::unique_ptr<RowSource>> StreamedRows(const Value& ref,
                                                const std::filesystem::path& work_dir);

}  // namespace travet::engine
