#include "tools/bench/ocr_bench_runners.h"

#include <atomic>
#include <chrono>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>
#include <tuple>

#include "ocr/recognise/recognizer.h"
#include "tools/bench/ocr_bench_process.h"

namespace travet::ocr_bench {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream in(line);
  std::string cell;
  while (std::getline(in, cell, '\t')) {
    cells.push_back(cell);
  }
  return cells;
}

fs::path OutBase(const fs::path& work, size_t i) {
  return work / ("page-" + std::to_string(i));
}

SystemRun FromBatch(const BatchRun& batch, size_t pages) {
  SystemRun run;
  run.pages.resize(pages);
  run.ok.assign(pages, true);
  run.seconds = batch.seconds;
  run.failed = batch.failed;
  run.first_failure = batch.first_failure;
  return run;
}

}  // namespace

SystemRun RunTravet(const std::vector<fs::path>& images, int engines, const std::string& lang) {
  SystemRun run;
  run.pages.resize(images.size());
  run.ok.assign(images.size(), false);
  ocr::Recognizer recognizer(engines);
  std::atomic<size_t> next{0};
  std::mutex mu;
  const auto start = std::chrono::steady_clock::now();
  ocr::RecognizeOptions options;
  options.workers = 1;
  options.lang = lang;
  auto work = [&] {
    for (size_t i = next++; i < images.size(); i = next++) {
      auto doc = recognizer.Read(images[i], options);
      std::lock_guard lock(mu);
      if (doc && !doc->pages.empty()) {
        run.pages[i] = std::move(doc->pages.front());
        run.ok[i] = true;
      } else if (run.failed++ == 0) {
        run.first_failure = doc ? images[i].string() + ": no page" : doc.error().message();
      }
    }
  };
  std::vector<std::thread> threads;
  for (int t = 1; t < engines; ++t) {
    threads.emplace_back(work);
  }
  work();
  for (std::thread& t : threads) {
    t.join();
  }
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return run;
}

void ParseTsv(const std::string& tsv, ocr::PageResult& page) {
  std::stringstream in(tsv);
  std::string line;
  std::map<std::tuple<int, int, int>, int> line_ids;
  double sum = 0;
  while (std::getline(in, line)) {
    const std::vector<std::string> c = SplitTabs(line);
    if (c.size() < 11 || c[0] == "level") {
      continue;
    }
    const int level = std::atoi(c[0].c_str());
    if (level == 1) {
      page.width = std::atoi(c[8].c_str());
      page.height = std::atoi(c[9].c_str());
    }
    if (level != 5 || c.size() < 12 || c[11].empty()) {
      continue;
    }
    ocr::Word w;
    w.text = c[11];
    w.block = std::atoi(c[2].c_str());
    const auto key = std::make_tuple(w.block, std::atoi(c[3].c_str()), std::atoi(c[4].c_str()));
    w.line = line_ids.emplace(key, static_cast<int>(line_ids.size()) + 1).first->second;
    w.box = {std::atoi(c[6].c_str()), std::atoi(c[7].c_str()), std::atoi(c[8].c_str()),
             std::atoi(c[9].c_str())};
    w.confidence = std::strtof(c[10].c_str(), nullptr);
    sum += w.confidence;
    page.words.push_back(std::move(w));
  }
  page.confidence = page.words.empty() ? 0 : static_cast<float>(sum / page.words.size());
}

Result<SystemRun> RunTesseract(const std::vector<fs::path>& images, const fs::path& work) {
  std::vector<Command> commands;
  for (size_t i = 0; i < images.size(); ++i) {
    commands.push_back({{"tesseract", images[i].string(), OutBase(work, i).string(), "-l",
                         "ita+eng", "txt", "tsv"},
                        {},
                        {}});
  }
  auto batch = RunBatch(commands, 1);
  if (!batch) {
    return batch.error();
  }
  SystemRun run = FromBatch(*batch, images.size());
  for (size_t i = 0; i < images.size(); ++i) {
    const fs::path base = OutBase(work, i);
    run.ok[i] = fs::exists(base.string() + ".txt");
    run.pages[i].text = ReadOutput(base.string() + ".txt");
    ParseTsv(ReadOutput(base.string() + ".tsv"), run.pages[i]);
  }
  return run;
}

Result<BatchRun> RunXargsTesseract(const std::vector<fs::path>& images, const fs::path& work) {
  const fs::path list = work / "xargs-list.txt";
  {
    std::ofstream out(list);
    for (const fs::path& image : images) {
      out << image.string() << '\n';
    }
  }
  const std::string script =
      "xargs -d '\\n' -P \"$(nproc)\" -I{} tesseract {} stdout -l ita+eng < '" + list.string() +
      "'";
  return RunBatch({{{"/bin/sh", "-c", script}, {"OMP_THREAD_LIMIT=1"}, {}}}, 1);
}

Result<SystemRun> RunOcrmypdf(const std::vector<fs::path>& images, const fs::path& work,
                              const OcrmypdfOptions& options) {
  std::vector<Command> commands;
  for (size_t i = 0; i < images.size(); ++i) {
    std::vector<std::string> argv = {"ocrmypdf", "--deskew"};
    if (OnPath("unpaper")) {
      argv.push_back("--clean");
    }
    argv.insert(argv.end(), {"--oversample", "300"});
    if (options.image_dpi > 0) {
      argv.insert(argv.end(), {"--image-dpi", std::to_string(options.image_dpi)});
    }
    const std::string base = OutBase(work, i).string();
    argv.insert(argv.end(), {"-l", options.lang, "--output-type", "pdf", "--jobs", "1", "--sidecar",
                             base + ".ocrmypdf.txt", images[i].string(), base + ".ocrmypdf.pdf"});
    commands.push_back({argv, options.env, {}});
  }
  auto batch = RunBatch(commands, options.jobs);
  if (!batch) {
    return batch.error();
  }
  SystemRun run = FromBatch(*batch, images.size());
  for (size_t i = 0; i < images.size(); ++i) {
    const std::string txt = OutBase(work, i).string() + ".ocrmypdf.txt";
    run.ok[i] = fs::exists(txt);
    run.pages[i].text = ReadOutput(txt);
  }
  return run;
}

Result<BatchRun> RunTravetCli(const fs::path& travet, const std::vector<fs::path>& images,
                              const fs::path& work, int workers) {
  std::vector<std::string> argv = {travet.string(), "ocr"};
  for (const fs::path& image : images) {
    argv.push_back(image.string());
  }
  argv.insert(argv.end(), {"--json", "--workers", std::to_string(workers)});
  return RunBatch({{argv, {}, work / "travet-ocr.json"}}, 1);
}

}  // namespace travet::ocr_bench
