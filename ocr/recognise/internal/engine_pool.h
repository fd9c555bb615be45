#pragma once

// Internal to ocr/: initialised Tesseract engines shared by the workers.

#include <condition_variable>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "runtime/core/result.h"

namespace tesseract {
class TessBaseAPI;
}

namespace travet::ocr {

// The language-set name of the orientation engines ("osd", PSM_OSD_ONLY).
inline constexpr const char* kOsdLanguage = "osd";

// The folder holding `<lang>.traineddata` for every language of `lang`
// ("ita+eng"): $TESSDATA_PREFIX, then the Debian and usual install folders.
// Errors: kFailedPrecondition naming the missing language and the folders
// looked in; kInvalidArgument for a malformed language set.
Result<std::filesystem::path> FindTessdata(const std::string& lang);

// At most `capacity` engines per language set, each initialised once and
// reused across pages and calls. Sets OMP_THREAD_LIMIT=1 (unless set) before
// the first engine starts: Tesseract's OpenMP threads halve throughput when
// there is already one engine per core. Thread-safe.
class EnginePool {
 public:
  explicit EnginePool(int capacity);
  ~EnginePool();
  EnginePool(const EnginePool&) = delete;
  EnginePool& operator=(const EnginePool&) = delete;

  // An engine held by one thread; returned to the pool when destroyed.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    tesseract::TessBaseAPI& api() { return *api_; }

   private:
    friend class EnginePool;
    Lease(EnginePool* pool, std::string lang, std::unique_ptr<tesseract::TessBaseAPI> api);
    EnginePool* pool_;
    std::string lang_;
    std::unique_ptr<tesseract::TessBaseAPI> api_;
  };

  // An idle engine for `lang`, a new one while fewer than `capacity` exist
  // (one for kOsdLanguage), or else waits for one. Errors as FindTessdata, or kInternal when
  // Tesseract fails to initialise.
  Result<Lease> Acquire(const std::string& lang);

  int capacity() const { return capacity_; }

 private:
  struct Slot {
    std::vector<std::unique_ptr<tesseract::TessBaseAPI>> idle;
    int created = 0;
  };
  void Release(const std::string& lang, std::unique_ptr<tesseract::TessBaseAPI> api);

  const int capacity_;
  std::mutex mu_;
  std::condition_variable freed_;
  std::map<std::string, Slot> slots_;
};

// Keeps the OpenMP parallel regions that Tesseract starts from the calling
// thread to that one thread. Setting OMP_THREAD_LIMIT from inside the process
// comes too late (libgomp reads it when it is loaded), and Tesseract's LSTM
// asks for its thread count explicitly, so the limit is applied through
// OpenMP's max-active-levels setting, which is per thread; a no-op when
// Tesseract is built without OpenMP. Call before each recognition.
void LimitOpenMpToCallingThread();

// Sets LC_NUMERIC to "C" for the current thread while alive: Tesseract parses
// its configuration with the C library, which an Italian locale breaks.
class NumericCLocale {
 public:
  NumericCLocale();
  ~NumericCLocale();
  NumericCLocale(const NumericCLocale&) = delete;
  NumericCLocale& operator=(const NumericCLocale&) = delete;

 private:
  void* c_locale_;
  void* previous_;
};

}  // namespace travet::ocr
