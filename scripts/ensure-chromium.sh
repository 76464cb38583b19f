#!/usr/bin/env bash
# `make docs-check` opens the built site in headless Chromium (Debian's package). Installs it
# when missing and this machine can (root with apt-get); otherwise says how.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing chromium from the Debian packages (for the docs check)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends chromium >/dev/null
    exit 0
fi
echo "chromium is missing: install it (e.g. apt-get install chromium); the browser check will be skipped" >&2
