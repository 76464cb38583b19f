#!/usr/bin/env bash
# The Redis token store and rate limiter are tested against a real redis-server (Debian's).
# Installs it when missing and this machine can (root with apt-get); otherwise says how.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing redis-server from the Debian packages (for the Redis tests)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends redis-server >/dev/null
    # Only the binary is needed: the tests start their own servers on free ports.
    if command -v systemctl >/dev/null 2>&1; then systemctl disable --now redis-server >/dev/null 2>&1 || true; fi
    service redis-server stop >/dev/null 2>&1 || true
    exit 0
fi
echo "redis-server is missing: install it (e.g. apt-get install redis-server); the Redis tests will be skipped" >&2
