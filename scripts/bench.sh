#!/usr/bin/env bash
# Benchmarks that print figures (see BENCHMARKS.md): decode throughput (criterion), response to
# screen, cold start and memory in the real window (release build, Xvfb, mock server on
# 127.0.0.1) next to an empty Tauri 2 app built here too, and sizes.
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
echo "== the floor: an empty Tauri 2 app with the same window (bench/empty-app), same profile"
cargo build --release --quiet --features custom-protocol --manifest-path bench/empty-app/Cargo.toml --target-dir target
size() { stat -c %s "$1" | awk '{ printf "%.2f MiB", $1 / 1048576 }'; }
printf '| release binary | %s |\n| empty app binary | %s |\n| .deb | %s |\n' "$(size target/release/assistant-roster)" "$(size target/release/empty-app)" "$(size target/release/bundle/deb/*.deb)"

echo "== real window"
export XDG_DATA_HOME="$(mktemp -d)"
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash -c '
  printf %s bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  run() { node bench/window.mjs "$PWD/target/release/assistant-roster" "$PWD/target/release/mock-server" "$PWD/target/release/empty-app"; }
  run
  WEBKIT_DISABLE_COMPOSITING_MODE=1 BENCH_COUNTS=100,10000 run' 2>&1 | grep -E '^(\||###)'
