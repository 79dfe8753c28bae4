#!/usr/bin/env bash
# Benchmarks that print figures (see BENCHMARKS.md): decode throughput (criterion), response to
# screen, cold start and memory in the real window (release build, Xvfb, mock server on
# 127.0.0.1) next to an empty Tauri 2 app built here too, and sizes.
#
#   BENCH_COUNTS=100,10000      account sizes of the first window pass (default 100,10000,50000)
#   BENCH_PAIRS=15              rounds of cold starts per account size (app and empty app)
#   BENCH_KEYS=16               keystrokes measured per connect session
#   BENCH_BASELINE_REV=206a452  also build that revision (in a git worktree under /tmp) and measure
#                               it in the same rounds: the tables add new / baseline
#   BENCH_BASELINE_APP=path     the same with a binary already built
#   BENCH_DECODE=0              skip the decode benchmark
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
bash scripts/setup.sh test
export PATH="$HOME/.cargo/bin:$PATH"

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "== real window, planned:"
node bench/window.mjs --plan | sed 's/^/   /'
BENCH_COUNTS=100,10000 WEBKIT_DISABLE_COMPOSITING_MODE=1 node bench/window.mjs --plan | sed 's/^/   /'

# The baseline's sources: another revision of the app in a temporary worktree (removed at exit);
# its builds keep their own target directories under /tmp, so a second run only relinks.
baseline_src=""
if [ -n "${BENCH_BASELINE_REV:-}" ]; then
  rev=$(git rev-parse --verify --quiet "${BENCH_BASELINE_REV}^{commit}") || { echo "bench: no revision ${BENCH_BASELINE_REV}" >&2; exit 1; }
  baseline_src=$(mktemp -d /tmp/roster-baseline-src.XXXXXX)
  cleanup() { git worktree remove --force "$baseline_src" 2>/dev/null || true; rm -rf "$baseline_src"; git worktree prune; }
  trap cleanup EXIT
  git worktree add --quiet --detach "$baseline_src" "$rev"
  echo "== baseline: $(git log -1 --format='%h %s' "$rev" | cut -c1-100)"
fi

if [ "${BENCH_DECODE:-1}" = 0 ]; then
  echo "== decode: skipped (BENCH_DECODE=0)"
else
echo "== decode (criterion; each table also parses the same bytes into serde_json::Value in the same process)"
decode_bench() { (cd "$1/bench" && CARGO_TARGET_DIR="$2" cargo bench --quiet --bench decode 2>/dev/null | grep -E '^\|'); }
if [ -z "$baseline_src" ]; then
  decode_bench . "$PWD/bench/target"
else
  # Five rounds, alternating which goes first.
  decode_log=$(mktemp)
  for round in 1 2 3 4 5; do
    order="new base"; [ $((round % 2)) -eq 0 ] && order="base new"
    for side in $order; do
      if [ "$side" = new ]; then decode_bench . "$PWD/bench/target"; else decode_bench "$baseline_src" /tmp/roster-baseline-bench-target; fi \
        | grep -E '^\| [0-9]' | sed "s/^/$side $round /" >>"$decode_log"
    done
  done
  # Each run times serde_json::Value on the same bytes in the same process: the decode / Value
  # ratio of each run is steady against the machine's drift, so rounds compare those ratios.
  echo "| assistants | new, ms (median of rounds) | baseline, ms | new / serde_json::Value | baseline / serde_json::Value | (new / Value) / (baseline / Value), per round: median [min, max] |"
  echo "|---:|---:|---:|---:|---:|---:|"
  node -e '
    const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map((l) => {
      const [side, round, rest] = [l.split(" ")[0], l.split(" ")[1], l.split(" ").slice(2).join(" ")];
      const c = rest.split("|").map((x) => x.trim());
      return { side, round, count: c[1], ms: parseFloat(c[3]), ratio: parseFloat(c[7]) };
    });
    const med = (v) => { const s = [...v].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
    for (const count of [...new Set(rows.map((r) => r.count))]) {
      const of = (side) => rows.filter((r) => r.side === side && r.count === count);
      const [n, b] = [of("new"), of("base")];
      const per = n.map((r) => r.ratio / b.find((x) => x.round === r.round).ratio);
      console.log(`| ${count} | ${med(n.map((r) => r.ms))} | ${med(b.map((r) => r.ms))} | ${med(n.map((r) => r.ratio)).toFixed(2)}× | ${med(b.map((r) => r.ratio)).toFixed(2)}× | ${med(per).toFixed(2)}× [${Math.min(...per).toFixed(2)}×, ${Math.max(...per).toFixed(2)}×] |`);
    }' "$decode_log"
  rm -f "$decode_log"
fi
fi

echo "== review memory (a real SQLite file in a temporary folder; release build)"
(cd bench && CARGO_TARGET_DIR="$PWD/target" cargo run --quiet --release --bin review_memory 2>/dev/null)

echo "== review rules (release build)"
(cd bench && CARGO_TARGET_DIR="$PWD/target" cargo run --quiet --release --bin rules 2>/dev/null)

echo "== release build and installers"
npx --no-install tauri build --bundles deb 2>&1 | tail -2
cargo build --release -p mock-server --quiet
echo "== the floor: an empty Tauri 2 app with the same window (bench/empty-app), same profile"
cargo build --release --quiet --features custom-protocol --manifest-path bench/empty-app/Cargo.toml --target-dir target
size() { stat -c %s "$1" | awk '{ printf "%.2f MiB", $1 / 1048576 }'; }
printf '| release binary | %s |\n| empty app binary | %s |\n| .deb | %s |\n' "$(size target/release/assistant-roster)" "$(size target/release/empty-app)" "$(size target/release/bundle/deb/*.deb)"

if [ -n "$baseline_src" ]; then
  (cd "$baseline_src" && cargo build --release --quiet --features custom-protocol --target-dir /tmp/roster-baseline-target)
  mkdir -p /tmp/roster-baseline-bin
  export BENCH_BASELINE_APP="/tmp/roster-baseline-bin/assistant-roster-${rev:0:12}"
  cp /tmp/roster-baseline-target/release/assistant-roster "$BENCH_BASELINE_APP"
  printf '| baseline binary (%s) | %s |\n' "${rev:0:7}" "$(size "$BENCH_BASELINE_APP")"
fi

# The Windows executable, cross-compiled with MinGW (the test command only lints and unit-tests
# that target; LTO makes this release build take minutes).
if rustup target list --installed 2>/dev/null | grep -qx x86_64-pc-windows-gnu && command -v x86_64-w64-mingw32-gcc >/dev/null; then
  windows_started=$SECONDS
  cargo build --release --quiet --features custom-protocol --target x86_64-pc-windows-gnu
  printf '| Windows release executable (x86_64-pc-windows-gnu, built in %d s) | %s |\n' $((SECONDS - windows_started)) "$(size target/x86_64-pc-windows-gnu/release/assistant-roster.exe)"
else
  echo "| Windows release executable | not built: the x86_64-pc-windows-gnu target or MinGW is missing |"
fi

echo "== real window"
export XDG_DATA_HOME="$(mktemp -d)"
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash -c '
  printf %s bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  run() { node bench/window.mjs "$PWD/target/release/assistant-roster" "$PWD/target/release/mock-server" "$PWD/target/release/empty-app"; }
  run
  WEBKIT_DISABLE_COMPOSITING_MODE=1 BENCH_COUNTS=100,10000 run
  node bench/hostile.mjs "$PWD/target/release/assistant-roster" "$PWD/target/release/mock-server"' 2>&1 | grep -E '^(\||###)'
echo "== done in $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s"
