// travet-mock-office: the records backend of the quickstart and the
// benchmarks, on 127.0.0.1 until SIGINT or SIGTERM.
#include <pthread.h>
#include <signal.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>

#include "runtime/core/atomic_write.h"
#include "tools/mock_office/mock_office.h"

namespace {

// Written to a temporary file and renamed, so a script polling for the file
// never reads half a number.
bool WritePortFile(const std::string& path, int port) {
  return travet::WriteFileAtomic(path, std::to_string(port) + "\n").ok();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Mock office backend: a small records API for tests and the quickstart."};
  int port = 8123;
  std::string host = "127.0.0.1";
  std::string port_file;
  app.add_option("--port", port, "Port to listen on; 0 picks a free one")->capture_default_str();
  app.add_option("--host", host, "Address to listen on")->capture_default_str();
  app.add_option("--port-file", port_file, "Write the bound port to this file once listening");
  CLI11_PARSE(app, argc, argv);

  // Blocked before the server threads start, so only sigwait sees them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  travet::mock_office::MockOffice office;
  travet::Status status = office.Start(port, host);
  if (!status.ok()) {
    std::cerr << "travet-mock-office: " << status.message() << "\n";
    return 1;
  }
  if (!port_file.empty() && !WritePortFile(port_file, office.port())) {
    std::cerr << "travet-mock-office: cannot write the port file " << port_file << "\n";
    return 1;
  }
  std::cerr << "mock office listening on " << office.url() << std::endl;
  int signal_number = 0;
  sigwait(&signals, &signal_number);
  office.Stop();
  return 0;
}
