// Memory of a big CSV table: a bot reads a generated CSV of about 60 MB with
// `file.read` `stream: true` and goes through it with a `foreach` of one
// `set` step per row, run as a child `travet run` over a SQLite store. It
// prints the child's peak RSS (wait4's ru_maxrss) and how much the store
// grew, against a baseline in the same program: the same bot over a small
// CSV of as many rows (a few bytes each), so what is left is what the size of
// the file costs. Then a table of about 7.6 MB in short rows read whole (no
// stream, just under its 8 MiB limit): the RSS per MB of CSV behind that limit.
//
//   csv_bench [--mb 60] [--row-bytes 3000] [--whole-row-bytes 60]
//             [--travet build/tools/travet/travet]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Options {
  double mb = 60;
  size_t row_bytes = 3000;
  // Rows of the table read whole: short, as in the 63 MB table of issue 11
  // (the memory of a table in memory is mostly per cell).
  size_t whole_row_bytes = 60;
  std::string travet = TRAVET_CLI;
};

struct Measure {
  bool ok = false;
  long rss_kb = 0;
  uintmax_t store_growth = 0;
  double seconds = 0;
};

// `rows` rows of about `row_bytes` each (a quoted cell with a comma and a
// line break in every tenth row), under the header id,name,note.
uintmax_t WriteCsv(const fs::path& path, size_t rows, size_t row_bytes) {
  std::ofstream out(path, std::ios::binary);
  out << "id,name,note\r\n";
  const std::string pad(row_bytes > 24 ? row_bytes - 24 : 1, 'x');
  for (size_t i = 0; i < rows; ++i) {
    out << i << ",name " << i << ",";
    if (i % 10 == 0)
      out << "\"a, b\r\n" << pad << "\"\r\n";
    else
      out << pad << "\r\n";
  }
  out.close();
  return fs::file_size(path);
}

void WriteBot(const fs::path& path, const std::string& csv, bool stream) {
  std::ofstream out(path);
  out << "bot: csv-bench\n"
         "steps:\n"
         "  - id: rows\n"
         "    uses: file.read\n"
         "    with: { path: "
      << csv << ", as: csv" << (stream ? ", stream: true" : "")
      << " }\n"
         "  - id: each\n"
         "    foreach: \"${{ steps.rows.content }}\"\n"
         "    as: row\n"
         "    steps:\n"
         "      - uses: set\n"
         "        with: { last: \"${{ row.id }}\" }\n";
}

uintmax_t StoreBytes(const fs::path& db) {
  std::error_code ec;
  uintmax_t total = 0;
  for (const char* suffix : {"", "-wal"}) {
    uintmax_t size = fs::file_size(db.string() + suffix, ec);
    total += ec ? 0 : size;
  }
  return total;
}

// Runs `travet run bot --store ... --workdir dir` and waits for it.
Measure RunChild(const Options& o, const fs::path& dir, const fs::path& bot) {
  const fs::path db = dir / "bench.db";
  Measure m;
  uintmax_t before = StoreBytes(db);
  std::string store = "sqlite://" + db.string();
  auto start = std::chrono::steady_clock::now();
  std::fflush(stdout);  // or the child writes what the parent had not yet
  pid_t pid = fork();
  if (pid == 0) {
    if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr))
      _exit(127);
    execl(o.travet.c_str(), o.travet.c_str(), "run", bot.c_str(), "--store", store.c_str(),
          "--workdir", dir.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  if (pid < 0 || wait4(pid, &status, 0, &usage) != pid)
    return m;
  m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  m.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  m.rss_kb = usage.ru_maxrss;
  m.store_growth = StoreBytes(db) - before;
  return m;
}

double Mb(uintmax_t bytes) {
  return static_cast<double>(bytes) / 1e6;
}
double RssMb(const Measure& m) {
  return static_cast<double>(m.rss_kb) / 1024.0;
}

void Print(const char* what, uintmax_t csv_bytes, size_t rows, const Measure& m) {
  std::printf("%-26s %7.1f MB csv  %7zu rows  %s  peak RSS %7.1f MB  store +%6.1f MB  %6.1f s\n",
              what, Mb(csv_bytes), rows, m.ok ? "ok    " : "FAILED", RssMb(m), Mb(m.store_growth),
              m.seconds);
}

int Run(const Options& o, const fs::path& dir) {
  fs::create_directories(dir / "in");
  const auto rows = static_cast<size_t>(o.mb * 1e6 / static_cast<double>(o.row_bytes));
  uintmax_t big = WriteCsv(dir / "in/big.csv", rows, o.row_bytes);
  uintmax_t small = WriteCsv(dir / "in/small.csv", rows, 0);
  WriteBot(dir / "big.yaml", "in/big.csv", true);
  WriteBot(dir / "small.yaml", "in/small.csv", true);
  Measure base = RunChild(o, dir, dir / "small.yaml");
  Print("stream, small rows", small, rows, base);
  Measure streamed = RunChild(o, dir, dir / "big.yaml");
  Print("stream, wide rows", big, rows, streamed);
  std::printf("file size costs          RSS %+.1f MB, store %+.1f MB for %+.1f MB of CSV\n",
              RssMb(streamed) - RssMb(base), Mb(streamed.store_growth) - Mb(base.store_growth),
              Mb(big) - Mb(small));

  const size_t whole_rows = size_t{8} * 1000 * 1000 / o.whole_row_bytes;
  uintmax_t mid = WriteCsv(dir / "in/mid.csv", whole_rows, o.whole_row_bytes);
  WriteBot(dir / "whole.yaml", "in/mid.csv", false);
  Measure whole = RunChild(o, dir, dir / "whole.yaml");
  Print("whole read, short rows", mid, whole_rows, whole);
  std::printf("whole read costs         %.1f MB of RSS per MiB of CSV above the small run\n",
              (RssMb(whole) - RssMb(base)) / (Mb(mid) / 1.048576));
  return base.ok && streamed.ok && whole.ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--mb") == 0)
      o.mb = std::atof(argv[i + 1]);
    else if (std::strcmp(argv[i], "--row-bytes") == 0)
      o.row_bytes = std::strtoul(argv[i + 1], nullptr, 10);
    else if (std::strcmp(argv[i], "--whole-row-bytes") == 0)
      o.whole_row_bytes = std::strtoul(argv[i + 1], nullptr, 10);
    else if (std::strcmp(argv[i], "--travet") == 0)
      o.travet = argv[i + 1];
  }
  fs::path dir = fs::temp_directory_path() / ("travet-csv-bench-" + std::to_string(getpid()));
  int rc = Run(o, dir);
  fs::remove_all(dir);
  return rc;
}
