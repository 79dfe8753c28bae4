#!/usr/bin/env bash
# Installs what Assistant Roster needs on Debian/Ubuntu, skipping what is already there.
#   scripts/setup.sh app    build and run the app
#   scripts/setup.sh test   also everything the tests use (Xvfb, keyring, Chromium, WebDriver)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-app}"

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

APP_PACKAGES=(build-essential curl wget file pkg-config libssl-dev libdbus-1-dev
  libwebkit2gtk-4.1-dev libxdo-dev libayatana-appindicator3-dev librsvg2-dev)
TEST_PACKAGES=(xvfb xauth xdotool imagemagick webkit2gtk-driver gnome-keyring dbus-user-session
  libsecret-tools chromium fonts-noto-color-emoji fonts-noto-cjk desktop-file-utils rpm python3-pip
  gcc-mingw-w64-x86-64 wine64 sqlite3 python3-gi gir1.2-atspi-2.0 at-spi2-core poppler-utils xdg-utils x11-utils)

packages=("${APP_PACKAGES[@]}")
[ "$what" = test ] && packages+=("${TEST_PACKAGES[@]}")
command -v npm >/dev/null || packages+=(nodejs npm)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Rust (Tauri 2 needs a current toolchain; Debian's cargo is too old).
if ! command -v cargo >/dev/null; then
  [ -x "$HOME/.cargo/bin/cargo" ] || curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
  export PATH="$HOME/.cargo/bin:$PATH"
fi

# The Tauri CLI, the page's bundler (every app build needs it), the type checker and the
# browser-test driver, exactly as locked.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # npm ci would insist on lock entries for every platform's CLI binary; install as locked, saving nothing.
  npm install --no-save --no-audit --no-fund --loglevel=error
fi

if [ "$what" = test ]; then
  command -v rustfmt >/dev/null || rustup component add rustfmt
  cargo clippy --version >/dev/null 2>&1 || rustup component add clippy
  # The Windows target for the cross-check (scripts/windows-check.sh says so if this fails).
  rustup target list --installed 2>/dev/null | grep -qx x86_64-pc-windows-gnu \
    || rustup target add x86_64-pc-windows-gnu >/dev/null 2>&1 || echo "setup: the Windows target could not be installed"
  command -v tauri-driver >/dev/null || [ -x "$HOME/.cargo/bin/tauri-driver" ] || cargo install tauri-driver --locked --quiet
  command -v cargo-fuzz >/dev/null || [ -x "$HOME/.cargo/bin/cargo-fuzz" ] || cargo install cargo-fuzz --locked --quiet
fi
