#!/usr/bin/env bash
# Builds the Linux installers (.deb and .rpm) with the Tauri CLI, inspects them, and starts the
# packaged binary from the .deb under Xvfb, saving a screenshot to test-output/package/.
# Run by scripts/test.sh; prints the installers' sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
out=test-output/package
mkdir -p "$out"

npx --no-install tauri build --bundles deb,rpm 2>&1 | grep -vE '^\s+(Compiling|Downloaded|Downloading)' | tail -8
deb=$(ls -t target/release/bundle/deb/*.deb | head -1)
rpm=$(ls -t target/release/bundle/rpm/*.rpm | head -1)
fail() { echo "package: $*" >&2; exit 1; }

# The .deb declares what it needs and installs a valid desktop entry and icons.
depends=$(dpkg-deb -f "$deb" Depends)
[[ "$depends" == *libwebkit2gtk-4.1* ]] || fail ".deb does not depend on WebKitGTK: $depends"
[[ "$depends" == *libgtk-3* ]] || fail ".deb does not depend on GTK: $depends"
root=$(mktemp -d)
dpkg-deb -x "$deb" "$root"
desktop=$(find "$root/usr/share/applications" -name '*.desktop' | head -1)
[ -n "$desktop" ] || fail "no desktop entry in the .deb"
desktop-file-validate "$desktop" || fail "desktop entry is not valid"
grep -q '^Categories=.*Office' "$desktop" || grep -q '^Categories=' "$desktop" || fail "desktop entry has no category"
icons=$(find "$root/usr/share/icons" -name '*.png' | wc -l)
[ "$icons" -ge 3 ] || fail "only $icons icons installed"
[ -x "$root/usr/bin/assistant-roster" ] || fail "no binary at /usr/bin/assistant-roster"

# The .rpm declares its requirements too.
rpm -qpR "$rpm" 2>/dev/null | grep -q 'webkit2gtk4.1\|libwebkit2gtk-4.1' || fail ".rpm does not require WebKitGTK"

# Start the packaged binary, as installed, and look at it.
cat >"$root/run.sh" <<'INNER'
set -eu
export XDG_CONFIG_HOME="$1/config" XDG_DATA_HOME="$1/data" XDG_CACHE_HOME="$1/cache" WEBKIT_DISABLE_COMPOSITING_MODE=1
"$1/usr/bin/assistant-roster" & app=$!
for _ in $(seq 1 100); do
  window=$(xdotool search --onlyvisible --name '^Assistant Roster$' 2>/dev/null | head -1 || true)
  [ -n "$window" ] && break
  sleep 0.1
done
[ -n "$window" ] || { kill "$app"; echo "package: the packaged app showed no window" >&2; exit 1; }
sleep 2 # let the page paint
import -window "$window" "$2"
# A second launch hands over to the first and exits; there is still one window.
timeout 20 "$1/usr/bin/assistant-roster" || { kill "$app"; echo "package: a second launch did not exit" >&2; exit 1; }
windows=$(xdotool search --onlyvisible --name '^Assistant Roster$' | wc -l)
kill "$app"
[ "$windows" -eq 1 ] || { echo "package: $windows windows after a second launch" >&2; exit 1; }
INNER
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash "$root/run.sh" "$root" "$out/packaged-app.png" 2>&1 | grep -vE '^(dbus-daemon|SpiRegistry)' || true
[ -s "$out/packaged-app.png" ] || fail "no screenshot of the packaged app"

printf 'package: %s %s, %s %s, binary %s\n' \
  "$(basename "$deb")" "$(du -h "$deb" | cut -f1)" "$(basename "$rpm")" "$(du -h "$rpm" | cut -f1)" \
  "$(du -h target/release/assistant-roster | cut -f1)"
rm -rf "$root"
