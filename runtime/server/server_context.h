#pragma once

// What the routes' handlers share: the store, the bots, the metrics.

#include <filesystem>
#include <functional>
#include <string>

#include "runtime/auth/sessions.h"
#include "runtime/core/clock.h"
#include "runtime/engine/work_signal.h"
#include "runtime/server/bot_catalog.h"
#include "runtime/server/metrics.h"
#include "runtime/store/store.h"

namespace travet::ocr {
class PageViewer;
}  // namespace travet::ocr

namespace travet::server {

class PageCache;

struct ServerContext {
  store::Store& store;
  BotCatalog& bots;
  Metrics& metrics;
  Clock& clock;
  std::filesystem::path work_dir;                    // where queued runs' file actions work
  std::string version;                               // "0.1.0"
  std::function<void(const std::string& line)> log;  // the server's own problems
  auth::Sessions* sessions = nullptr;                // sign-in; null: nobody can sign in
  // Notified after every request that changed something, so that this
  // server's idle workers claim a run it queued or a review it decided at
  // once; null: they find it at their next poll.
  engine::WorkSignal* work = nullptr;
  // Shows the pages of review tasks' documents and reads boxes drawn on
  // them (review_page_routes.cc); null: those routes answer 501.
  ocr::PageViewer* pages = nullptr;
  PageCache* page_cache = nullptr;  // pictures made lately; null: none kept
  // The operator's web page (static_files.h); empty: no page, only the API.
  std::filesystem::path web_dir;
};

}  // namespace travet::server
