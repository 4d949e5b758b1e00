#!/usr/bin/env bash
# Runs every check CI runs: lint, format, types, architecture and the whole pytest suite (slow tests included).
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"
export CSR_DATA_DIR="${CSR_DATA_DIR:-$(mktemp -d)}"   # tests never touch the developer's database
mkdir -p test-artifacts

status=0
step() { printf '\n\033[1;34m== %s\033[0m\n' "$1"; shift; "$@" || status=1; }

step "ruff lint"   ruff check .
step "ruff format" ruff format --check .
step "mypy"        mypy
printf '\n\033[1;34m== pytest\033[0m\n'
pytest -m "" "$@"
rc=$?
if [[ $rc -eq 5 ]]; then echo "pytest collected no tests: failing" >&2; rc=1; fi
[[ $rc -ne 0 ]] && status=1
exit $status
