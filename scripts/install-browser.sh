#!/usr/bin/env bash
# Install the browser the browser tests drive: Debian's chromium package at /usr/bin/chromium.
# Playwright drives it through its executable path; nothing is downloaded by Playwright
# (never run `playwright install`). Idempotent: does nothing when /usr/bin/chromium exists.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  echo "chromium present: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-browser: apt-get not found; install Chromium at $CHROMIUM by hand." >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then
  SUDO=sudo
fi

echo "Installing Debian's chromium with apt-get"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null

if [ ! -x "$CHROMIUM" ]; then
  echo "install-browser: apt-get finished but $CHROMIUM is missing." >&2
  exit 1
fi
echo "chromium installed: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
