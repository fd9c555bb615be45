#include "tools/travet/password_input.h"

#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <optional>

namespace travet::cli {
namespace {

// Turns the terminal's echo off while it lives, when stdin is a terminal.
class NoEcho {
 public:
  NoEcho() {
    if (isatty(STDIN_FILENO) == 0 || tcgetattr(STDIN_FILENO, &saved_) != 0)
      return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    on_ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    if (on_)
      std::cerr << "Password: " << std::flush;
  }
  ~NoEcho() {
    if (!on_)
      return;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
    std::cerr << "\n";
  }
  NoEcho(const NoEcho&) = delete;
  NoEcho& operator=(const NoEcho&) = delete;

 private:
  termios saved_{};
  bool on_ = false;
};

}  // namespace

Result<std::string> ReadPassword(std::istream& in) {
  std::string line;
  {
    std::optional<NoEcho> no_echo;
    if (&in == &std::cin)
      no_echo.emplace();
    std::getline(in, line);
  }
  if (line.empty() && in.eof())
    return InvalidArgument("no password on stdin");
  if (!line.empty() && line.back() == '\r')
    line.pop_back();
  return line;
}

}  // namespace travet::cli
