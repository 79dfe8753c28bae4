#!/usr/bin/env bash
# Installs what is missing and runs every test of Assistant Roster: format and lint checks (Rust,
# the page's types, the CI workflows), the Rust tests (decoder, properties, client and hostile
# corpus against the local mock server, real Secret Service), the page in headless Chromium, the
# built app in a real window (Xvfb, tauri-driver), and a short fuzz of the decoder.
# Screenshots land in test-output/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export PATH="$HOME/.cargo/bin:$PATH"
# A run builds everything once: incremental state would only fill the disk (1.6 GB).
export CARGO_INCREMENTAL=0

step() { printf '\n== %s\n' "$*"; }
rm -rf test-output && mkdir -p test-output

step "format and lint"
cargo fmt --all --check
cargo clippy --workspace --all-targets --quiet -- -D warnings
bash scripts/lint-workflows.sh

step "build (the tests use the app binary and the mock server built here)"
cargo test --workspace --no-run --quiet

step "the page's types: generated from the Rust types, then checked with the page"
# Regenerated first, so a renamed field fails here instead of passing on stale bindings.
cargo test --quiet --lib typescript_bindings >/dev/null
git ls-files --error-unmatch ui/ipc.d.ts >/dev/null
git diff --exit-code --stat -- ui/ipc.d.ts || {
  echo "ui/ipc.d.ts changed when generated from the Rust types: commit the new file" >&2
  exit 1
}
npx --no-install tsc -p ui/tsconfig.json

step "Windows: lint for the Windows target, the domain crate's and the store's tests under Wine"
bash scripts/windows-check.sh

step "tests, inside a private display, D-Bus session and keyring"
XDG_DATA_HOME="$(mktemp -d)" # a fresh login keyring for this run
export XDG_DATA_HOME
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash scripts/test-session.sh </dev/null \
  | tee test-output/session.log

step "Linux installers: build, inspect, start the packaged app"
bash scripts/package-test.sh

step "fuzz smoke of the decoder (30 s)"
bash scripts/fuzz.sh 30

# One closing line with every test counted: cargo's and node's runners, added up.
passed=$(grep -hoE '(test result: ok\. |^# pass )[0-9]+' test-output/session.log test-output/windows.log | grep -oE '[0-9]+$' | awk '{ s += $1 } END { print s + 0 }')
failed=$(grep -hoE '([0-9]+ failed;|^# fail [0-9]+)' test-output/session.log test-output/windows.log | grep -oE '[0-9]+' | awk '{ s += $1 } END { print s + 0 }')
printf '\ntests: %s passed, %s failed\n' "${passed:-0}" "${failed:-0}"
