#!/usr/bin/env bash
# Installs what is missing, builds Assistant Roster and opens it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh app
export PATH="$HOME/.cargo/bin:$PATH"
cargo build --bin assistant-roster
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "app: no display found; open this on a desktop session (or run it under xvfb-run)." >&2
  exit 1
fi
exec target/debug/assistant-roster
