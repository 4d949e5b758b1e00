#!/usr/bin/env bash
# Sets up everything CSR Coach needs on a fresh Debian machine of this kind, idempotently.
#   scripts/setup.sh          runtime: system packages, .venv with the product installed, demo data
#   scripts/setup.sh --test   the same plus what the test suite needs (browser, audio tools, PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-run}"
PY="${PYTHON:-python3}"

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

"$PY" - <<'PYCHECK' || { echo "CSR Coach needs Python 3.11 or newer (found $($PY --version 2>&1))" >&2; exit 1; }
import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)
PYCHECK

# --- system packages (Debian) -------------------------------------------------
runtime_pkgs=(espeak-ng)
test_pkgs=(espeak-ng sox libsox-fmt-all ffmpeg chromium chromium-driver postgresql)
if [[ "$mode" == "--test" ]]; then pkgs=("${test_pkgs[@]}"); else pkgs=("${runtime_pkgs[@]}"); fi
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  if command -v apt-get >/dev/null; then
    SUDO=""; [[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null && SUDO="sudo"
    say "installing system packages: ${missing[*]}"
    if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }; then
      say "WARNING: could not install ${missing[*]}; features that need them will say so"
    fi
  else
    say "WARNING: no apt-get; please install ${missing[*]} yourself"
  fi
fi

# --- Python environment ---------------------------------------------------------
if [[ ! -x .venv/bin/python ]]; then
  say "creating .venv"
  "$PY" -m venv .venv
fi
extras="" ; [[ "$mode" == "--test" ]] && extras="[test,voice,multilingual]"  # multilingual: Spanish speech tests run
stamp=".venv/.installed${extras}"
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  say "installing CSR Coach${extras} into .venv (first time takes a few minutes)"
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e ".${extras}"
  echo "$want" > "$stamp"
fi

# --- data: database schema and demo accounts -------------------------------------
.venv/bin/csrsim init --quiet
say "ready"
