#include "tools/travet/ocr_command.h"

#include <unistd.h>

#include <chrono>
#include <iostream>
#include <thread>

#include "ocr/export/ocr_export.h"
#include "ocr/fields/fields.h"
#include "ocr/load/image_loader.h"
#include "ocr/prepare/preprocess.h"
#include "ocr/recognise/internal/engine_pool.h"
#include "ocr/recognise/recognizer.h"
#include "runtime/actions/ocr_fields_file.h"
#include "tools/travet/command.h"
#include "tools/travet/ocr_batch.h"
#include "tools/travet/ocr_output.h"

namespace travet::cli {
namespace {

constexpr const char* kHelp = R"(Output:
  By default the text of each page; with several files or pages each page
  starts with a line "==> FILE (page K) <==".
  --json   [{"file", "pages": [{"page", "text", "confidence" (0-100), "width",
           "height", "dpi", "dpi_assumed", "from_text_layer", "stages",
           "words" (only with --words)}]}]; a file that could not be read is
           {"file", "error"}.
  --tsv, --hocr  what `tesseract FILE - tsv|hocr` prints; with several files
           the pages are numbered on across the files.
  --pdf OUT  prints the path of each PDF written; a PDF is complete or absent.

FIELDS.yaml: the `fields:` map of an ocr.extract step, e.g.
    numero: { pattern: 'Fattura\s+n\.?\s*(\S+)' }
    data:   { label: 'Data', type: date }
    totale: { label: 'Totale', type: amount, exclude: [imponibile, IVA] }
  (every key, and how a label matches: docs/fields.md) or that map under a top-level `fields:` key, optionally with
  `min_confidence: 85` (the default threshold) and `totals: [imponibile, iva,
  totale]` (three amount fields that must add up). Prints, per file, a table
  FIELD VALUE CONF ACCEPTED VERDICT and "needs_review: yes|no"; with --json
  [{"file", "pages", "fields": {NAME: {"value", "raw", "confidence", "page",
  "box", "valid", "verdict", "accepted", "score", "type", "required"}},
  "needs_review"}]. --min-confidence overrides the file's threshold. Date
  ranges relative to today use today's date.

Files are read in parallel and printed in the order given. On a terminal a
progress line is shown on stderr.

Exit status: 0 every file read; 1 some file could not be read (the others are
still printed, "travet ocr: FILE: why" on stderr); 2 bad usage or FIELDS.yaml.)";

struct OcrArgs {
  std::vector<std::string> files;
  std::string lang = "ita+eng";
  bool json = false;
  bool tsv = false;
  bool hocr = false;
  bool words = false;
  std::string pdf;
  std::string fields_file;
  double min_confidence = -1;
  std::string preprocess = "auto";
  int psm = -1;
  int workers = 0;
};

// What one input gave: its document (or why not), its fields, its PDF.
struct Outcome {
  Status status;
  ocr::DocumentResult doc;
  std::vector<ocr::FieldResult> fields;
  std::filesystem::path pdf;
};

// Everything decided before the first page is read.
struct Plan {
  OcrArgs args;
  ocr::FieldSet fields;
  double min_confidence = ocr::kDefaultMinConfidence;
  ocr::CalendarDate today;                         // for the fields' date ranges
  std::vector<std::filesystem::path> pdf_outputs;  // one per input with --pdf
  int workers = 1;                                 // engines, and threads in all
};

int UsageError(const std::string& message) {
  std::cerr << "travet ocr: " << message << "\n";
  return kExitInvalid;
}

// The library's messages start with the file's name without its folder
// ("scan.png: the file is empty"); the caller names the file as given.
std::string WithoutName(const std::string& file, const std::string& message) {
  const std::string name = std::filesystem::path(file).filename().string() + ": ";
  return message.starts_with(name) ? message.substr(name.size()) : message;
}

// One PDF per input: OUT itself for one input, else OUT/<name>.pdf.
Result<std::vector<std::filesystem::path>> PdfOutputs(const OcrArgs& args) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const bool folder = fs::is_directory(args.pdf, ec);
  if (!folder && args.files.size() > 1)
    return InvalidArgument("--pdf " + args.pdf + ": with several files, give an existing folder");
  std::vector<fs::path> outs;
  for (const auto& file : args.files) {
    fs::path out = args.pdf;
    if (folder)
      out = out / (fs::path(file).stem().string() + ".pdf");
    for (size_t i = 0; i < outs.size(); ++i) {
      if (outs[i] == out)
        return InvalidArgument("--pdf: " + args.files[i] + " and " + file +
                               " would both be written to " + out.string());
    }
    for (const auto& input : args.files) {
      if (fs::equivalent(input, out, ec))
        return InvalidArgument("--pdf: " + out.string() + " would overwrite the input " + input);
    }
    outs.push_back(std::move(out));
  }
  return outs;
}

Status CheckCombinations(const OcrArgs& args) {
  if (args.words && !args.json)
    return InvalidArgument("--words needs --json");
  if (args.words && !args.fields_file.empty())
    return InvalidArgument("--words cannot be used with --fields");
  if (args.psm == 2)
    return InvalidArgument("--psm 2 is not implemented by Tesseract");
  if (args.min_confidence >= 0 && args.fields_file.empty())
    return InvalidArgument("--min-confidence needs --fields");
  auto plan = ocr::ParsePreprocess(args.preprocess);
  if (!plan)
    return InvalidArgument("--preprocess: " + plan.error().message());
  auto tessdata = ocr::FindTessdata(args.lang);
  if (!tessdata)
    return InvalidArgument("--lang: " + tessdata.error().message());
  return Status::Ok();
}

// Today's date (UTC), read once for the whole batch.
ocr::CalendarDate Today() {
  const std::chrono::year_month_day day{
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  return {static_cast<int>(day.year()), static_cast<int>(static_cast<unsigned>(day.month())),
          static_cast<int>(static_cast<unsigned>(day.day()))};
}

Result<Plan> MakePlan(const OcrArgs& args, ocr::FieldSet fields) {
  Plan plan;
  plan.args = args;
  plan.min_confidence = args.min_confidence >= 0
                            ? args.min_confidence
                            : fields.min_confidence.value_or(ocr::kDefaultMinConfidence);
  plan.fields = std::move(fields);
  plan.today = Today();
  if (!args.pdf.empty()) {
    auto outs = PdfOutputs(args);
    if (!outs)
      return outs.error();
    plan.pdf_outputs = std::move(*outs);
  }
  const int cores = static_cast<int>(std::thread::hardware_concurrency());
  plan.workers = args.workers > 0 ? args.workers : std::max(1, cores);
  return plan;
}

// Pages in all, for the progress line (opening a file only reads its headers
// and bytes; a file that fails to open counts for nothing).
int CountPages(const std::vector<std::string>& files) {
  int pages = 0;
  for (const auto& file : files) {
    auto source = ocr::DocumentSource::Open(file);
    pages += source ? source->page_count() : 0;
  }
  return pages;
}

ocr::RecognizeOptions ReadOptions(const Plan& plan, int workers_per_file, ProgressLine& progress) {
  ocr::RecognizeOptions options;
  options.lang = plan.args.lang;
  options.psm = plan.args.psm;
  options.preprocess = plan.args.preprocess;
  options.workers = workers_per_file;
  options.progress = [&progress](int, int) { progress.PageDone(); };
  return options;
}

void Work(const Plan& plan, ocr::Recognizer& recognizer, const ocr::RecognizeOptions& options,
          int index, Outcome& out) {
  const std::string& file = plan.args.files[static_cast<size_t>(index)];
  if (!plan.pdf_outputs.empty()) {
    out.pdf = plan.pdf_outputs[static_cast<size_t>(index)];
    out.status = ocr::WriteSearchablePdf(file, out.pdf, options);
    return;
  }
  auto doc = recognizer.Read(file, options);
  if (!doc) {
    out.status = doc.error();
    return;
  }
  out.doc = std::move(*doc);
  if (plan.fields.specs.empty())
    return;
  out.fields = ocr::ExtractFieldSet(out.doc, plan.fields, {plan.min_confidence, plan.today});
}

// Prints results in input order; JSON is gathered and printed at the end.
class Printer {
 public:
  explicit Printer(const Plan& plan) : plan_(plan), several_(plan.args.files.size() > 1) {}

  void Print(const Outcome& out) {
    if (!plan_.pdf_outputs.empty()) {
      std::cout << out.pdf.string() << "\n";
    } else if (!plan_.fields.specs.empty()) {
      PrintFields(out);
    } else if (plan_.args.json) {
      json_.push_back(DocumentJson(out.doc, plan_.args.words));
    } else if (plan_.args.tsv) {
      std::cout << TsvPart(Renumbered(out.doc, next_page_), next_page_ == 1);
    } else if (plan_.args.hocr) {
      StartHocr(out.doc.file);
      std::cout << HocrPages(Renumbered(out.doc, next_page_));
    } else {
      std::cout << PagesText(out.doc, several_ || out.doc.pages.size() > 1, printed_ == 0);
    }
    next_page_ += static_cast<int>(out.doc.pages.size());
    ++printed_;
    std::cout << std::flush;
  }

  void PrintFailure(const std::string& file, const std::string& message) {
    if (plan_.args.json)
      json_.push_back({{"file", file}, {"error", message}});
  }

  void Finish() {
    if (plan_.args.json) {
      std::cout << json_.dump(2) << "\n";
    } else if (plan_.args.hocr) {
      StartHocr(plan_.args.files.front());
      std::cout << HocrTail();
    }
  }

 private:
  void StartHocr(const std::string& title) {
    if (!hocr_started_)
      std::cout << HocrHead(title);
    hocr_started_ = true;
  }

  void PrintFields(const Outcome& out) {
    if (plan_.args.json) {
      json_.push_back(FieldsJson(out.doc, out.fields, plan_.fields.specs));
      return;
    }
    if (several_)
      std::cout << (printed_ == 0 ? "" : "\n") << "==> " << out.doc.file << " <==\n";
    std::cout << FieldsTable(out.fields);
  }

  const Plan& plan_;
  const bool several_;
  Value json_ = Value::array();
  int next_page_ = 1;
  int printed_ = 0;
  bool hocr_started_ = false;
};

void Emit(Printer& printer, const std::string& file, const Outcome& out) {
  if (out.status.ok()) {
    printer.Print(out);
    for (const auto& page : out.doc.pages) {
      if (!page.error.empty())
        std::cerr << "travet ocr: " << file << ": " << WithoutName(file, page.error) << "\n";
    }
    return;
  }
  const std::string why = WithoutName(file, out.status.message());
  std::cerr << "travet ocr: " << file << ": " << why << "\n";
  printer.PrintFailure(file, why);
}

int Run(const Plan& plan) {
  const auto& files = plan.args.files;
  const int count = static_cast<int>(files.size());
  const bool tty = isatty(STDERR_FILENO) != 0;
  const int pages = tty ? CountPages(files) : 0;
  ProgressLine progress(tty && pages > 3, pages);
  // Many files: one file per engine. Few files: their pages share the engines.
  const int threads = std::min(plan.workers, count);
  const auto options = ReadOptions(plan, std::max(1, plan.workers / threads), progress);
  ocr::Recognizer recognizer(plan.workers);
  std::vector<Outcome> outcomes(files.size());
  Printer printer(plan);
  int status = kExitOk;
  RunInOrder(
      count, threads,
      [&](int i) { Work(plan, recognizer, options, i, outcomes[static_cast<size_t>(i)]); },
      [&](int i) {
        Outcome& out = outcomes[static_cast<size_t>(i)];
        if (!out.status.ok() || out.doc.AnyPageFailed())
          status = kExitFailed;
        progress.Above([&] { Emit(printer, files[static_cast<size_t>(i)], out); });
        out = Outcome{};  // printed: free its words
      });
  printer.Finish();
  progress.Finish();
  return status;
}

int Main(const OcrArgs& args) {
  if (Status usage = CheckCombinations(args); !usage.ok())
    return UsageError(usage.message());
  ocr::FieldSet fields;
  if (!args.fields_file.empty()) {
    auto read = actions::ReadFieldsFile(args.fields_file);
    if (!read) {
      std::cerr << read.error().message() << "\n";  // "file:line:col: what", as `travet validate`
      return kExitInvalid;
    }
    fields = std::move(*read);
  }
  auto plan = MakePlan(args, std::move(fields));
  if (!plan)
    return UsageError(plan.error().message());
  return Run(*plan);
}

}  // namespace

std::function<int()> SetupOcr(CLI::App& cmd) {
  auto args = std::make_shared<OcrArgs>();
  cmd.add_option("FILE", args->files, "Scans: PNG, JPEG, TIFF (every page) or PDF")
      ->required()
      ->type_name("FILE");
  cmd.add_option("--lang", args->lang, "Tesseract languages: ita, eng, ita+eng ...")
      ->type_name("LANG")
      ->capture_default_str();
  auto* json = cmd.add_flag("--json", args->json, "Print one JSON document (see below)");
  auto* tsv = cmd.add_flag("--tsv", args->tsv, "Print Tesseract-style TSV: one row per word");
  auto* hocr = cmd.add_flag("--hocr", args->hocr, "Print hOCR (XHTML with word boxes)");
  auto* pdf = cmd.add_option("--pdf", args->pdf,
                             "Write a searchable PDF: OUT.pdf for one file, or into the "
                             "existing folder OUT as NAME.pdf, one per file")
                  ->type_name("OUT");
  auto* fields = cmd.add_option("--fields", args->fields_file,
                                "Extract the fields described in FIELDS.yaml (see below)")
                     ->type_name("FIELDS.yaml");
  cmd.add_flag("--words", args->words, "With --json: include every word with its box");
  cmd.add_option("--min-confidence", args->min_confidence,
                 "With --fields: fields scoring below it need review (default 85)")
      ->type_name("N")
      ->check(CLI::Range(0.0, 100.0));
  cmd.add_option("--preprocess", args->preprocess,
                 "auto, none, or stages among gray,border,denoise,orient,deskew,rescale,binarize")
      ->type_name("LIST")
      ->capture_default_str();
  cmd.add_option("--psm", args->psm,
                 "Tesseract page segmentation: 6 one block (default), 3 automatic, 4 one "
                 "column, 11 sparse text ...")
      ->type_name("N")
      ->check(CLI::Range(1, 13));
  cmd.add_option("--workers", args->workers, "Pages read in parallel (default: one per core)")
      ->type_name("N")
      ->check(CLI::PositiveNumber);
  json->excludes(tsv)->excludes(hocr)->excludes(pdf);
  tsv->excludes(hocr)->excludes(pdf)->excludes(fields);
  hocr->excludes(pdf)->excludes(fields);
  pdf->excludes(fields);
  cmd.footer(kHelp);
  return [args] { return Main(*args); };
}

}  // namespace travet::cli
