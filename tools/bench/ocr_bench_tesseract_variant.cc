#include "tools/bench/ocr_bench_tesseract_variant.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <sstream>

#include "tools/bench/ocr_bench_process.h"

namespace travet::ocr_bench {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::istringstream in{std::string(text)};
  for (std::string w; in >> w;) {
    words.push_back(w);
  }
  return words;
}

// Writes `image` scaled by `scale` to `out`, once: variants with the same
// scale share it.
Status WriteScaled(const fs::path& image, double scale, const fs::path& out) {
  if (fs::exists(out)) {
    return Status::Ok();
  }
  try {
    const cv::Mat page = cv::imread(image.string(), cv::IMREAD_UNCHANGED);
    if (page.empty()) {
      return IoError(image.string() + ": OpenCV cannot decode it");
    }
    cv::Mat scaled;
    cv::resize(page, scaled, {}, scale, scale, cv::INTER_CUBIC);
    if (!cv::imwrite(out.string(), scaled)) {
      return IoError(out.string() + ": cannot be written");
    }
  } catch (const cv::Exception& e) {
    return Internal(image.string() + ": " + e.what());
  }
  return Status::Ok();
}

std::string ScaleTag(double scale) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "x%g", scale);
  return buf;
}

bool HasLang(const std::vector<std::string>& args) {
  return std::find(args.begin(), args.end(), "-l") != args.end();
}

}  // namespace

Result<TesseractVariant> ParseTesseractVariant(std::string_view text) {
  TesseractVariant v{std::string(text), 1, Words(text)};
  if (v.args.empty() || !v.args.front().starts_with("x")) {
    return v;
  }
  const std::string& word = v.args.front();
  const auto [end, ec] = std::from_chars(word.data() + 1, word.data() + word.size(), v.scale);
  if (ec != std::errc() || end != word.data() + word.size() || v.scale < 0.25 || v.scale > 8) {
    return InvalidArgument("bad scale '" + word + "' in '" + v.label + "' (0.25..8)");
  }
  v.args.erase(v.args.begin());
  return v;
}

Result<SystemRun> RunTesseractVariant(const std::vector<fs::path>& images,
                                      const TesseractVariant& variant,
                                      const VariantRunOptions& options) {
  std::vector<Command> commands;
  std::vector<std::string> scale_failures(images.size());
  for (size_t i = 0; i < images.size(); ++i) {
    fs::path input = images[i];
    if (variant.scale != 1) {
      input = options.scaled / (ScaleTag(variant.scale) + "-" + std::to_string(i) + ".png");
      const Status scaled = WriteScaled(images[i], variant.scale, input);
      scale_failures[i] = scaled.ok() ? "" : scaled.message();
    }
    std::vector<std::string> argv = {"tesseract", input.string(), "stdout"};
    if (!HasLang(variant.args)) {
      argv.insert(argv.end(), {"-l", options.lang});
    }
    argv.insert(argv.end(), variant.args.begin(), variant.args.end());
    commands.push_back(
        {argv, {"OMP_THREAD_LIMIT=1"}, options.work / ("out-" + std::to_string(i) + ".txt")});
  }
  auto batch = RunBatch(commands, options.jobs);
  if (!batch) {
    return batch.error();
  }
  SystemRun run;
  run.seconds = batch->seconds;
  run.failed = batch->failed;
  run.first_failure = batch->first_failure;
  for (size_t i = 0; i < images.size(); ++i) {
    ocr::PageResult page;
    page.text = ReadOutput(commands[i].stdout_path);
    run.pages.push_back(std::move(page));
    run.ok.push_back(scale_failures[i].empty());
    if (!scale_failures[i].empty() && run.first_failure.empty()) {
      run.first_failure = scale_failures[i];
    }
  }
  return run;
}

}  // namespace travet::ocr_bench
