#pragma once

// The bots a server serves: every *.yaml and *.yml file of one folder,
// loaded and validated. A bot that does not validate is listed with its
// errors and never run or scheduled; the others are.

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "runtime/core/result.h"
#include "runtime/lang/model.h"

namespace travet::server {

struct CatalogEntry {
  std::string name;                      // the bot's name, or the file's stem when it did not load
  std::string file;                      // absolute path
  std::shared_ptr<const lang::Bot> bot;  // null when it did not validate
  std::vector<std::string> errors;       // "file:line:col: message"
};

// A snapshot of the folder; Reload replaces it whole, so a reader keeps a
// consistent list while the folder is read again (SIGHUP).
class BotCatalog {
 public:
  explicit BotCatalog(std::filesystem::path dir) : dir_(std::move(dir)) {}

  // Reads the folder again. Errors: the folder cannot be listed. Two files
  // naming the same bot: the second is listed with an error, not served.
  Status Reload();

  std::shared_ptr<const std::vector<CatalogEntry>> Entries() const;
  // The valid bot named `name`, or null.
  std::shared_ptr<const lang::Bot> Find(std::string_view name) const;

 private:
  std::filesystem::path dir_;
  mutable std::mutex mu_;
  std::shared_ptr<const std::vector<CatalogEntry>> entries_ =
      std::make_shared<std::vector<CatalogEntry>>();
};

}  // namespace travet::server
