# Sourced by tools/interleave, tools/check and tools/bench: installs missing Debian packages
# (when run as root) and builds incrementally. Build chatter goes to a log, never to stdout:
# stdout belongs to the command being run.

INTERLEAVE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
INTERLEAVE_PACKAGES=(cmake ninja-build g++ clang libclang-rt-14-dev libgtest-dev libgmock-dev
  nlohmann-json3-dev libspdlog-dev libfmt-dev libcli11-dev libbenchmark-dev)

interleave_die() {
  echo "interleave: $*" >&2
  exit 2
}

interleave_ensure_packages() {
  local missing=() package
  for package in "${INTERLEAVE_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  # The differential tests compare with CPython when a python3 is on PATH; Debian 12's is 3.11.
  command -v python3 >/dev/null 2>&1 || missing+=(python3)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    interleave_die "missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})"
  fi
  echo "interleave: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || interleave_die "apt-get update failed"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 || interleave_die "apt-get install failed"
}

# interleave_build DIR TARGET [cmake options...]: configure DIR once, then build TARGET.
interleave_build() {
  local dir="$1" target="$2"
  shift 2
  local log="$dir/interleave-build.log"
  mkdir -p "$dir"
  if [ ! -f "$dir/build.ninja" ]; then
    cmake -S "$INTERLEAVE_ROOT" -B "$dir" -G Ninja "$@" >"$log" 2>&1 || {
      cat "$log" >&2
      interleave_die "configuring $dir failed (log above)"
    }
  fi
  cmake --build "$dir" --target "$target" -j "$(nproc)" >"$log" 2>&1 || {
    tail -n 60 "$log" >&2
    interleave_die "building $dir failed (log above, whole log in $log)"
  }
}

interleave_release_build() {
  interleave_build "$INTERLEAVE_ROOT/build" "$1" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=g++ \
    -DINTERLEAVE_WERROR=ON
}
