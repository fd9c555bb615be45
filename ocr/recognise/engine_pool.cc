#include "ocr/recognise/internal/engine_pool.h"

#include <dlfcn.h>
#include <locale.h>
#include <tesseract/baseapi.h>

#include <algorithm>
#include <cctype>
#include <clocale>
#include <cstdlib>
#include <sstream>

namespace travet::ocr {
namespace {

std::vector<std::filesystem::path> TessdataCandidates() {
  std::vector<std::filesystem::path> folders;
  if (const char* prefix = std::getenv("TESSDATA_PREFIX"); prefix != nullptr && *prefix) {
    folders.emplace_back(prefix);
    folders.emplace_back(std::filesystem::path(prefix) / "tessdata");
  }
  for (const char* dir :
       {"/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
        "/usr/share/tessdata", "/usr/local/share/tessdata"}) {
    folders.emplace_back(dir);
  }
  return folders;
}

std::vector<std::string> SplitLanguages(const std::string& lang) {
  std::vector<std::string> parts;
  std::stringstream in(lang);
  std::string part;
  while (std::getline(in, part, '+')) {
    parts.push_back(part);
  }
  return parts;
}

// Names of traineddata files only: letters and '_' (no path tricks).
bool IsLanguageSet(const std::string& lang, const std::vector<std::string>& parts) {
  if (lang.empty() || lang.back() == '+') {
    return false;
  }
  return std::all_of(parts.begin(), parts.end(), [](const std::string& part) {
    return !part.empty() && std::all_of(part.begin(), part.end(), [](char c) {
      return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
    });
  });
}

bool HasAll(const std::filesystem::path& folder, const std::vector<std::string>& langs) {
  std::error_code ec;
  for (const std::string& l : langs) {
    if (!std::filesystem::is_regular_file(folder / (l + ".traineddata"), ec)) {
      return false;
    }
  }
  return true;
}

Result<std::unique_ptr<tesseract::TessBaseAPI>> StartEngine(const std::string& lang) {
  auto tessdata = FindTessdata(lang);
  if (!tessdata) {
    return tessdata.error();
  }
  NumericCLocale c_locale;
  auto api = std::make_unique<tesseract::TessBaseAPI>();
  // osd.traineddata has only the legacy model.
  const auto mode = lang == kOsdLanguage ? tesseract::OEM_TESSERACT_ONLY : tesseract::OEM_LSTM_ONLY;
  if (api->Init(tessdata->c_str(), lang.c_str(), mode) != 0) {
    return Internal("Tesseract could not load '" + lang + "' from " + tessdata->string());
  }
  api->SetVariable("debug_file", "/dev/null");  // no "Estimating resolution" chatter
  if (lang == kOsdLanguage) {
    api->SetPageSegMode(tesseract::PSM_OSD_ONLY);
  }
  return api;
}

}  // namespace

Result<std::filesystem::path> FindTessdata(const std::string& lang) {
  const std::vector<std::string> langs = SplitLanguages(lang);
  if (!IsLanguageSet(lang, langs)) {
    return InvalidArgument("invalid OCR language '" + lang + "' (expected e.g. ita, eng, ita+eng)");
  }
  std::string looked;
  for (const auto& folder : TessdataCandidates()) {
    if (HasAll(folder, langs)) {
      return folder;
    }
    looked += (looked.empty() ? "" : ", ") + folder.string();
  }
  return FailedPrecondition("OCR language data for '" + lang + "' not found (looked in " + looked +
                            ")");
}

void LimitOpenMpToCallingThread() {
  using SetLevels = void (*)(int);
  // Looked up rather than linked: only present when Tesseract uses OpenMP.
  static const auto kSetLevels =
      reinterpret_cast<SetLevels>(dlsym(RTLD_DEFAULT, "omp_set_max_active_levels"));
  if (kSetLevels != nullptr) {
    kSetLevels(0);  // no active parallel level: every region runs on this thread
  }
}

EnginePool::EnginePool(int capacity) : capacity_(capacity < 1 ? 1 : capacity) {
  setenv("OMP_THREAD_LIMIT", "1", /*overwrite=*/0);
}

EnginePool::~EnginePool() = default;

Result<EnginePool::Lease> EnginePool::Acquire(const std::string& lang) {
  std::unique_lock lock(mu_);
  Slot& slot = slots_[lang];
  // Orientation detection is rare and quick: one engine (some 20 MB) serves
  // all workers.
  const int capacity = lang == kOsdLanguage ? 1 : capacity_;
  freed_.wait(lock, [&] { return !slot.idle.empty() || slot.created < capacity; });
  if (!slot.idle.empty()) {
    auto api = std::move(slot.idle.back());
    slot.idle.pop_back();
    return Lease(this, lang, std::move(api));
  }
  ++slot.created;
  lock.unlock();  // initialising takes ~0.1 s: let other languages proceed
  auto api = StartEngine(lang);
  if (!api) {
    std::lock_guard relock(mu_);
    --slots_[lang].created;
    freed_.notify_all();
    return api.error();
  }
  return Lease(this, lang, std::move(*api));
}

void EnginePool::Release(const std::string& lang, std::unique_ptr<tesseract::TessBaseAPI> api) {
  {
    std::lock_guard lock(mu_);
    slots_[lang].idle.push_back(std::move(api));
  }
  freed_.notify_all();
}

EnginePool::Lease::Lease(EnginePool* pool, std::string lang,
                         std::unique_ptr<tesseract::TessBaseAPI> api)
    : pool_(pool), lang_(std::move(lang)), api_(std::move(api)) {}

EnginePool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), lang_(std::move(other.lang_)), api_(std::move(other.api_)) {
  other.pool_ = nullptr;
}

EnginePool::Lease::~Lease() {
  if (pool_ != nullptr && api_ != nullptr) {
    api_->Clear();
    pool_->Release(lang_, std::move(api_));
  }
}

NumericCLocale::NumericCLocale()
    : c_locale_(newlocale(LC_NUMERIC_MASK, "C", duplocale(uselocale(nullptr)))),
      previous_(uselocale(static_cast<locale_t>(c_locale_))) {}

NumericCLocale::~NumericCLocale() {
  if (c_locale_ != nullptr) {
    uselocale(static_cast<locale_t>(previous_));
    freelocale(static_cast<locale_t>(c_locale_));
  }
}

}  // namespace travet::ocr
