// travet serve: the bots of a folder, N workers and the REST API, until
// SIGTERM.
#include <atomic>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <string>
#include <system_error>
#include <vector>

#include "runtime/core/duration.h"
#include "runtime/core/line_escape.h"
#include "runtime/core/result.h"
#include "runtime/server/serve.h"
#include "runtime/store/store.h"
#include "tools/travet/command.h"
#include "tools/travet/run_output.h"
#include "tools/travet/scan_reader.h"
#include "tools/travet/stop_signals.h"
#include "tools/travet/web_folder.h"

namespace travet::cli {
namespace {

struct ServeArgs {
  StoreFlag store;
  std::string listen = "127.0.0.1:8080";
  std::string bots = "bots";
  int workers = 2;
  int max_inflight = 0;
  std::vector<std::string> trusted_proxies;
  std::string secrets_file;
  std::string web;  // empty: DefaultWebFolder()
  bool verbose = false;
};

std::mutex g_serve_print_mu;

void PrintOut(const std::string& line) {
  std::lock_guard lock(g_serve_print_mu);
  std::cout << EscapeControls(line) << std::endl;
}

void PrintLog(const std::string& line) {
  std::lock_guard lock(g_serve_print_mu);
  std::cerr << "travet serve: " << EscapeControls(line) << std::endl;
}

// The web page's folder: --web, which must hold an index.html, or the one
// found beside the program; without one the server answers the API only,
// and says so.
Result<std::filesystem::path> WebFolderOf(const ServeArgs& args) {
  if (!args.web.empty()) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(std::filesystem::path(args.web) / "index.html", error)) {
      return InvalidArgument("--web " + args.web + ": there is no index.html in that folder");
    }
    return std::filesystem::path(args.web);
  }
  std::filesystem::path found = DefaultWebFolder();
  if (found.empty()) {
    std::string tried;
    for (const std::filesystem::path& folder : WebFolderCandidates()) {
      tried += (tried.empty() ? "" : ", ") + folder.string();
    }
    PrintLog("no web page (no index.html in " + tried + "); serving the API only");
  }
  return found;
}

int Serve(const ServeArgs& args) {
  auto listen = server::ParseListen(args.listen);
  if (!listen) {
    std::cerr << "travet serve: " << listen.error().message() << "\n";
    return kExitInvalid;
  }
  if (args.workers < 0 || args.workers > 64) {
    std::cerr << "travet serve: --workers must be between 0 and 64\n";
    return kExitInvalid;
  }
  if (args.max_inflight < 0 || args.max_inflight > 1024) {
    std::cerr << "travet serve: --max-inflight must be between 0 and 1024\n";
    return kExitInvalid;
  }
  auto web = WebFolderOf(args);
  if (!web) {
    std::cerr << "travet serve: " << web.error().message() << "\n";
    return kExitInvalid;
  }
  auto store = store::OpenStore(args.store.url);
  if (!store) {
    std::cerr << "travet serve: " << store.error().message() << "\n";
    return kExitFailed;
  }
  server::ServeOptions options;
  options.listen = *listen;
  options.bots_dir = args.bots;
  options.workers = args.workers;
  options.max_inflight = args.max_inflight;
  options.trusted_proxies = args.trusted_proxies;
  options.web_dir = *web;
  options.worker.store = store->get();
  options.worker.ocr = &ScanReader();
  options.pages = &ScanPages();
  options.worker.secrets_file = args.secrets_file;
  options.worker.log_sink = StderrSink(!args.verbose);
  options.worker.report = [](const std::string& line, bool problem) {
    problem ? PrintLog(line) : PrintOut(line);
  };
  options.version = "0.1.0";
  StopSignals& signals = InstallStopSignals(/*reload_on_hangup=*/true);
  options.stop = &signals.stop;
  options.reload = &signals.reload;
  options.out = PrintOut;
  options.log = PrintLog;
  const Status served = server::Serve(options);
  if (!served.ok()) {
    std::cerr << "travet serve: " << served.message() << "\n";
    return kExitFailed;
  }
  return kExitOk;
}

}  // namespace

std::function<int()> SetupServe(CLI::App& cmd) {
  auto args = std::make_shared<ServeArgs>();
  args->store.Add(cmd);
  cmd.add_option("--listen", args->listen, "HOST:PORT to answer on (port 0: any free port)")
      ->capture_default_str();
  cmd.add_option("--bots", args->bots, "Folder of the bots to serve (*.yaml)")
      ->capture_default_str();
  cmd.add_option("--workers", args->workers, "Runs executed at the same time")
      ->capture_default_str();
  cmd.add_option("--max-inflight", args->max_inflight,
                 "Requests answered at once; more get 429 with Retry-After: 1 (0: the "
                 "default, 64)")
      ->capture_default_str();
  cmd.add_option("--trusted-proxy", args->trusted_proxies,
                 "IP address of a reverse proxy (as it connects, e.g. 127.0.0.1) whose "
                 "X-Forwarded-For names the client, for the sign-in throttle and the log; "
                 "repeatable");
  cmd.add_option("--web", args->web,
                 "Folder of the operator's web page, served at / (default: web/ of the build "
                 "tree, or PREFIX/share/travet/web when installed)");
  cmd.add_option("--secrets", args->secrets_file, "File of NAME=value secrets (mode 0600)");
  cmd.add_flag("-v,--verbose", args->verbose, "Every log line of the runs on stderr");
  cmd.footer(
      "Loads every bot of the folder (one that does not validate is reported and not served), "
      "runs the workers (as `travet worker` does) and the REST API under /api/v1 (OpenAPI at "
      "/api/v1/openapi.json), /healthz, /readyz and /metrics, and the operator's web page at /. "
      "The first line on stdout is "
      "`listening on http://HOST:PORT`. Listens on 127.0.0.1 unless told otherwise: to expose "
      "it, put it behind a TLS reverse proxy (README). SIGHUP reads the bots folder again; "
      "SIGTERM or SIGINT stops accepting requests and claiming runs, lets the workers finish "
      "their current steps and give their runs back (queued, resumed by any worker from their "
      "checkpoints), and exits 0.");
  return [args] { return Serve(*args); };
}

}  // namespace travet::cli
