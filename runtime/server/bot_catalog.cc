#include "runtime/server/bot_catalog.h"

#include <algorithm>
#include <set>
#include <system_error>

#include "runtime/actions/bot_loading.h"

namespace travet::server {
namespace {

bool IsBotFile(const std::filesystem::directory_entry& entry) {
  const std::string ext = entry.path().extension().string();
  return entry.is_regular_file() && (ext == ".yaml" || ext == ".yml");
}

CatalogEntry Load(const std::filesystem::path& file) {
  CatalogEntry entry;
  entry.file = std::filesystem::absolute(file).lexically_normal().string();
  lang::LoadResult loaded = actions::LoadBot(entry.file);
  if (!loaded.ok()) {
    entry.name = file.stem().string();
    entry.errors = std::move(loaded.errors);
    return entry;
  }
  entry.name = loaded.bot->name;
  entry.bot = std::make_shared<const lang::Bot>(std::move(*loaded.bot));
  return entry;
}

}  // namespace

Status BotCatalog::Reload() {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
    if (IsBotFile(entry)) {
      files.push_back(entry.path());
    }
  }
  if (ec) {
    return IoError(dir_.string() + ": cannot list the bots folder: " + ec.message());
  }
  std::sort(files.begin(), files.end());
  auto entries = std::make_shared<std::vector<CatalogEntry>>();
  std::set<std::string> names;
  for (const auto& file : files) {
    CatalogEntry entry = Load(file);
    if (entry.bot && !names.insert(entry.name).second) {
      entry.errors.push_back(entry.file + ": another file already defines bot '" + entry.name +
                             "'; this one is not served");
      entry.bot.reset();
    }
    entries->push_back(std::move(entry));
  }
  std::lock_guard lock(mu_);
  entries_ = std::move(entries);
  return Status::Ok();
}

std::shared_ptr<const std::vector<CatalogEntry>> BotCatalog::Entries() const {
  std::lock_guard lock(mu_);
  return entries_;
}

std::shared_ptr<const lang::Bot> BotCatalog::Find(std::string_view name) const {
  const auto entries = Entries();
  for (const CatalogEntry& entry : *entries) {
    if (entry.name == name && entry.bot) {
      return entry.bot;
    }
  }
  return nullptr;
}

}  // namespace travet::server
