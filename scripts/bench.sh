#!/usr/bin/env bash
# Benchmarks that print figures (see BENCHMARKS.md): decode throughput (criterion), response to
# screen and memory in the real window (release build, Xvfb, mock server on 127.0.0.1), sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export PATH="$HOME/.cargo/bin:$PATH"

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "== decode (criterion)"
(cd bench && cargo bench --bench decode 2>&1 | grep -E '^\|')

echo "== release build and installers"
npx --no-install tauri build --bundles deb 2>&1 | tail -2
cargo build --release -p mock-server --quiet
printf '| release binary | %s |\n| .deb | %s |\n' "$(du -h target/release/assistant-roster | cut -f1)" "$(du -h target/release/bundle/deb/*.deb | cut -f1)"

echo "== real window"
export XDG_DATA_HOME="$(mktemp -d)"
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash -c '
  printf %s bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  node bench/window.mjs "$PWD/target/release/assistant-roster" "$PWD/target/release/mock-server"' 2>&1 | grep -E '^\|'
