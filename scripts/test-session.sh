#!/usr/bin/env bash
# Runs inside `xvfb-run dbus-run-session` (see scripts/test.sh): unlocks a throw-away
# gnome-keyring on the private bus, then runs the Rust and the browser/real-window tests.
set -euo pipefail
printf %s throwaway-test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null

cargo test --workspace --quiet 2>&1 | grep -v '^dbus-daemon'

# The page in Chromium, then the real window through tauri-driver. node's runner prints the totals.
node --test --test-concurrency=1 --test-timeout=300000 tests/ui/ tests/e2e/ 2>&1 | grep -vE '^(dbus-daemon|SpiRegistry)'
