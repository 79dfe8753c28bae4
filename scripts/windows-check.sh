#!/usr/bin/env bash
# Windows, checked on this Linux machine: the app and every crate linted for the Windows target
# (so code behind cfg(windows) compiles on every run and the tests for that target build), then
# the domain crate's tests run for Windows under Wine. Prints what it ran; a part it cannot run
# here says so in one line and is not counted as passed. Its test output lands in
# test-output/windows.log, which the test command's tally reads.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
TARGET=x86_64-pc-windows-gnu
mkdir -p test-output
: >test-output/windows.log

if ! rustup target list --installed 2>/dev/null | grep -qx "$TARGET"; then
  if ! rustup target add "$TARGET" >/dev/null 2>&1; then
    echo "windows: NOT CHECKED: the $TARGET target could not be installed here (rustup target add failed)"
    exit 0
  fi
fi
if ! command -v x86_64-w64-mingw32-gcc >/dev/null; then
  echo "windows: NOT CHECKED: no MinGW C compiler (Debian's gcc-mingw-w64-x86-64), which ring's C code needs"
  exit 0
fi

cargo clippy --target "$TARGET" --workspace --all-targets --quiet -- -D warnings
echo "windows: clippy -D warnings passed for $TARGET (the app, roster-core, roster-store, the mock server; all targets)"

WINE=/usr/lib/wine/wine64
if [ ! -x "$WINE" ]; then
  echo "windows: the domain crate's tests did NOT run for $TARGET: Wine (Debian's wine64) is not installed"
  exit 0
fi
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT
# Offline: Wine must not try to fetch Mono and Gecko.
export WINEPREFIX="$prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;bcryptprimitives=n"
"$WINE" wineboot --init >/dev/null 2>&1 || true
# wineboot returns while the new prefix is still being set up in the background: wait for it, so
# no test starts against a half-made prefix.
/usr/lib/wine/wineserver -w || true
x86_64-w64-mingw32-gcc -shared -O2 -o "$prefix/drive_c/windows/system32/bcryptprimitives.dll" \
  scripts/wine/bcryptprimitives.c -ladvapi32
status=0
CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER="$WINE" \
  cargo test -p roster-core -p roster-store --target "$TARGET" --quiet --no-fail-fast \
  >test-output/windows.log 2>&1 || status=$?
grep -E '^test result|FAILED|panicked' test-output/windows.log || true
if [ "$status" -ne 0 ]; then
  # A test binary that dies under Wine prints no result line: show what it printed instead.
  echo "windows: the tests under Wine failed (exit $status); the end of their output:" >&2
  grep -vE '^(test result|running [0-9]+ tests?$|\.+$|$)' test-output/windows.log | tail -n 40 >&2
  exit "$status"
fi
echo "windows: roster-core's and roster-store's tests (SQLite files, renames, a crash) ran for $TARGET under $("$WINE" --version)"
