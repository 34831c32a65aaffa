#!/usr/bin/env bash
# One-time set-up: system packages for printing (Chromium, fonts, poppler) when missing, then npm packages.
# Safe to run again. Used by the README's Quick start and by CI.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || command -v google-chrome >/dev/null 2>&1 || [ -n "${YJPLAN_BROWSER:-}" ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi "liberation sans" || need+=(fonts-liberation)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)

if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]} (needed to print the PDF and to look at it)…"
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "setup: cannot install ${need[*]} here (not root on a Debian-like system)." >&2
    echo "       Install Chromium (or Google Chrome), Liberation fonts and poppler-utils with your package manager," >&2
    echo "       or set YJPLAN_BROWSER=/path/to/chrome. The HTML site builds without them; the PDF step will not." >&2
  fi
else
  echo "setup: Chromium, fonts and poppler-utils are present."
fi

echo "setup: installing npm packages…"
npm ci --no-audit --no-fund --loglevel=error
echo "setup: done. Next: npm run build"
