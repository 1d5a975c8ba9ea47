#!/usr/bin/env bash
# What the browser tests need, installed where missing: Debian's Chromium, the CJK fonts, Node.js and npm, the
# npm package playwright-core (npm ci); with "haproxy" as argument also Debian's HAProxy (e2e/run-cluster.sh).
set -euo pipefail
cd "$(dirname "$0")"
PACKAGES=()
command -v chromium >/dev/null || PACKAGES+=(chromium)
fc-list 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null || PACKAGES+=(fonts-noto-cjk fontconfig) # not grep -q: with pipefail, fc-list would die of SIGPIPE
command -v npm >/dev/null || PACKAGES+=(nodejs npm)
if [ "${1:-}" = haproxy ] && ! command -v haproxy >/dev/null; then PACKAGES+=(haproxy); fi
if [ ${#PACKAGES[@]} -gt 0 ]; then
  echo "Installing ${PACKAGES[*]} from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}"
fi
npm ci --no-audit --no-fund --loglevel=error
