# Helpers shared by scripts/setup, scripts/test and scripts/format (sourced).

# Prints a step heading.
say() { printf '\n== %s\n' "$*"; }

# Prints an error and exits.
die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# Runs a command as root: directly, or through sudo when there is one.
as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    die "need root (or sudo) to run: $*"
  fi
}

# Parallel build and test jobs; override with JOBS=N.
build_jobs() { echo "${JOBS:-$(nproc 2>/dev/null || echo 2)}"; }

# Configures the release tree, build/ (RelWithDebInfo, warnings as errors).
configure_release() {
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTRAVET_WERROR=ON
}
