#!/usr/bin/env bash
# Installs what IAM Playground needs and is missing; quick when everything is there.
#   scripts/setup.sh          the build tools (wasm32 target, Trunk, wasm-bindgen-cli, wasm-opt)
#   scripts/setup.sh --test   the same plus Chromium, ChromeDriver and the e2e Node packages
# Versions are pinned: wasm-bindgen-cli must equal the `wasm-bindgen` pin in Cargo.toml.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
BINARYEN_VERSION=132

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

export PATH="$HOME/.cargo/bin:$PATH"
command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs) first."
command -v rustup >/dev/null || die "rustup not found: IAM Playground needs the wasm32 target, which rustup installs."
command -v npm >/dev/null || die "npm not found: install Node.js 20 or newer first (apt-get install nodejs npm)."

pin=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)
[ "$pin" = "$WASM_BINDGEN_VERSION" ] || die "Cargo.toml pins wasm-bindgen =$pin but this script installs $WASM_BINDGEN_VERSION: keep them equal (and Trunk.toml's [tools] wasm_bindgen)."

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q "trunk $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (a few minutes, once)"
  cargo install --locked trunk --version "$TRUNK_VERSION" || die "could not install trunk $TRUNK_VERSION"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes, once)"
  # Not --locked: one of its locked dependencies is no longer in the registry.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force || die "could not install wasm-bindgen-cli $WASM_BINDGEN_VERSION"
fi

# Debian's binaryen is too old to read rustc's output; the npm package ships version 132.
if ! wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
  say "installing wasm-opt (binaryen@$BINARYEN_VERSION.0.0 from npm)"
  npm install -g "binaryen@$BINARYEN_VERSION.0.0" >/dev/null || die "could not install binaryen@$BINARYEN_VERSION.0.0 with npm"
  wasm-opt --version | grep -q "version $BINARYEN_VERSION" || die "wasm-opt on PATH is $(command -v wasm-opt): $(wasm-opt --version); version $BINARYEN_VERSION is needed first on PATH"
fi

if [ "${1:-}" = "--test" ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Chromium and ChromeDriver from Debian (together, so their versions match)"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null \
      || die "could not install chromium and chromium-driver with apt-get"
  fi
  if [ ! -d e2e/node_modules/playwright-core ] || [ e2e/package-lock.json -nt e2e/node_modules/.package-lock.json ]; then
    say "installing the e2e Node packages (playwright-core, no browser download)"
    (cd e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) || die "npm ci in e2e/ failed"
  fi
fi
