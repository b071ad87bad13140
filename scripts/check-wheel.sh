#!/usr/bin/env bash
# The toolkit as a user gets it: build the wheel, install it with its sandbox extra into a fresh
# virtualenv outside the checkout, then from an empty directory collect the demo estate, run the
# checks and a report. Any failing step stops the script with its name and a non-zero status.
# Usage: scripts/check-wheel.sh (make check-wheel). PYTHON makes the virtualenv (default
# python3); BUILD_PYTHON builds the wheel (default .venv/bin/python, which `make` creates).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
BUILD_PYTHON=${BUILD_PYTHON:-.venv/bin/python}
export PIP_DISABLE_PIP_VERSION_CHECK=1

work=$(mktemp -d "${TMPDIR:-/tmp}/toolkit-wheel.XXXXXX")
step="start"
started=$SECONDS
cleanup() {
  status=$?
  rm -rf "$work"
  if [ "$status" -ne 0 ]; then
    echo "check-wheel: FAILED at step '$step' (exit status $status)" >&2
  fi
  exit "$status"
}
trap cleanup EXIT

run() {
  step="$*"
  echo "check-wheel: $*" >&2
  "$@"
}

# Built from a copy of the checkout's files (tracked, and new ones not ignored): never from a
# stale build/ directory that still holds modules since deleted.
step="copy the checkout"
mkdir "$work/src"
git ls-files -z --cached --others --exclude-standard \
  | while IFS= read -r -d '' file; do if [ -e "$file" ]; then printf '%s\0' "$file"; fi; done \
  | tar --null -T - -cf - | tar -xf - -C "$work/src"
run "$BUILD_PYTHON" -m pip wheel --quiet --no-deps -w "$work/dist" "$work/src"
wheels=("$work"/dist/aws_estate_toolkit-*.whl)
wheel=${wheels[0]}
run "$PYTHON" -m venv "$work/venv"
run "$work/venv/bin/python" -m pip install --quiet "$wheel[sandbox]"

mkdir "$work/run"
cd "$work/run"
toolkit="$work/venv/bin/toolkit"
location=$("$work/venv/bin/python" -c 'import toolkit; print(toolkit.__file__)')
step="toolkit is imported from the wheel"
case "$location" in
  "$work/venv/"*) echo "check-wheel: toolkit imported from the installed wheel" ;;
  *) echo "check-wheel: toolkit imported from $location, not from the wheel" >&2; exit 1 ;;
esac

run "$toolkit" --version
run "$toolkit" report list > reports.txt
step="toolkit report list names audit and documentation"
grep -q '^audit: ' reports.txt && grep -q '^documentation: ' reports.txt
run "$toolkit" collect --demo --no-progress -o snap
run "$toolkit" checks run --snapshot snap -o findings.csv --no-progress
run "$toolkit" report audit --demo -o out
step="the report's notebook and HTML exist"
test -s out/audit.ipynb && test -s out/audit.html
echo "check-wheel: OK in $((SECONDS - started)) s"
