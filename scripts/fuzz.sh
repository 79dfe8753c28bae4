#!/usr/bin/env bash
# Fuzzes the decoder with cargo-fuzz (libFuzzer + AddressSanitizer) for SECONDS (default 30).
#   scripts/fuzz.sh            the short smoke the test command runs
#   FUZZ_CORPUS=~/roster-corpus scripts/fuzz.sh 3600   an hour, keeping what it finds
# A crash stops the run, prints the input, and leaves it in fuzz/artifacts/decode/.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${1:-30}"
export PATH="$HOME/.cargo/bin:$PATH"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --quiet
corpus="${FUZZ_CORPUS:-$(mktemp -d)}"
mkdir -p "$corpus"
# The sanitizer flags are nightly-only; RUSTC_BOOTSTRAP lets the machine's one stable toolchain
# accept them, for this fuzz build only (its own workspace and target folder).
RUSTC_BOOTSTRAP=1 cargo fuzz build --release decode 2>&1 | grep -vE '^\s+(Compiling|Downloaded|Downloading)' || true
RUSTC_BOOTSTRAP=1 cargo fuzz run --release decode "$corpus" seeds -- \
  -max_total_time="$seconds" -max_len=65536 -print_final_stats=1 2>"$corpus.log" || {
  tail -60 "$corpus.log"
  echo "fuzz: the decoder failed on an input (see above and fuzz/artifacts/decode/)" >&2
  exit 1
}
runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$corpus.log" | grep -oE '[0-9]+$')
coverage=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$corpus.log" | tail -1)
echo "fuzz: decoder ran ${runs:-?} inputs in ${seconds}s without a failure (${coverage:-no coverage figure}); corpus $(ls "$corpus" | wc -l) inputs"
