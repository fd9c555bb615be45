#include "tests/fakes/immutable.h"

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace travet::testing {

Immutable::Immutable(std::filesystem::path path) : path_(std::move(path)) {
  ok_ = Set(true);
}

Immutable::~Immutable() {
  if (ok_)
    Set(false);
}

bool Immutable::Set(bool on) {
  int fd = open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return false;
  int flags = 0;
  bool done = ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0;
  flags = on ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
  done = done && ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0;
  close(fd);
  return done;
}

}  // namespace travet::testing
