// http_bench: what http.request costs over a bare libcurl loop.
//
// Starts the mock office in-process and times N sequential GETs of /api/ping
// on 127.0.0.1, (a) with one reused libcurl easy handle and nothing else, and
// (b) through the http.request action function with one reused HttpClient,
// as the engine calls it (parameters already rendered). The two alternate for
// several rounds and the medians are compared.
//
//   http_bench [--requests 2000] [--rounds 5]
#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "runtime/actions/http_actions.h"
#include "runtime/actions/http_client.h"
#include "tools/mock_office/mock_office.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  int requests = 2000;
  int rounds = 5;
};

bool ParseOptions(int argc, char** argv, Options* options) {
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    int* target = flag == "--requests" ? &options->requests
                  : flag == "--rounds" ? &options->rounds
                                       : nullptr;
    if (target == nullptr || i + 1 >= argc || (*target = std::atoi(argv[++i])) <= 0) {
      std::fprintf(stderr, "usage: http_bench [--requests N] [--rounds N]\n");
      return false;
    }
  }
  return true;
}

size_t Collect(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

// Milliseconds for `requests` GETs with one easy handle; -1 on any failure.
double TimeBareCurl(const std::string& url, int requests) {
  CURL* curl = curl_easy_init();
  std::string body;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  bool ok = true;
  auto start = Clock::now();
  for (int i = 0; i < requests && ok; ++i) {
    body.clear();
    long status = 0;
    ok = curl_easy_perform(curl) == CURLE_OK &&
         curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK && status == 200;
  }
  double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  curl_easy_cleanup(curl);
  return ok ? ms : -1;
}

// Milliseconds for `requests` GETs through the http.request ActionFn.
double TimeAction(const std::string& url, int requests) {
  travet::actions::ActionDef action = travet::actions::HttpActions().front();
  travet::actions::HttpClient client;
  travet::actions::ActionContext ctx;
  ctx.http = &client;
  travet::Value params = {{"url", url}};
  auto start = Clock::now();
  for (int i = 0; i < requests; ++i) {
    auto out = action.run(params, ctx);
    if (!out.has_value()) {
      std::fprintf(stderr, "http.request failed: %s\n", out.error().message().c_str());
      return -1;
    }
  }
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!ParseOptions(argc, argv, &options))
    return 2;
  curl_global_init(CURL_GLOBAL_DEFAULT);
  travet::mock_office::MockOffice office;
  if (travet::Status status = office.Start(); !status.ok()) {
    std::fprintf(stderr, "http_bench: %s\n", status.message().c_str());
    return 1;
  }
  std::string url = office.url() + "/api/ping";
  // Warm-up: first connection, page cache, lazy initialisation.
  if (TimeBareCurl(url, 50) < 0 || TimeAction(url, 50) < 0)
    return 1;
  std::vector<double> bare, action;
  for (int round = 0; round < options.rounds; ++round) {
    bare.push_back(TimeBareCurl(url, options.requests));
    action.push_back(TimeAction(url, options.requests));
    office.Reset();  // keeps the server's request log small
    if (bare.back() < 0 || action.back() < 0)
      return 1;
  }
  double b = Median(bare), a = Median(action);
  std::printf("%d sequential GET /api/ping on 127.0.0.1, median of %d rounds\n", options.requests,
              options.rounds);
  std::printf("  bare libcurl   %8.1f ms  (%6.1f us/request)\n", b, 1000 * b / options.requests);
  std::printf("  http.request   %8.1f ms  (%6.1f us/request)\n", a, 1000 * a / options.requests);
  std::printf("  ratio          %8.2fx  (target <= 1.30x)\n", a / b);
  office.Stop();
  curl_global_cleanup();
  return 0;
}
