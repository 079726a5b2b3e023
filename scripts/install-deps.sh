#!/usr/bin/env bash
# Installs the Debian 12 packages raa builds and tests with, only those that
# are missing, so that `make run` and `make test` work on a fresh machine and
# cost nothing on a prepared one.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config clang
  libsqlite3-dev sqlite3 libjansson-dev libsodium-dev libcmocka-dev
  libmicrohttpd-dev libpq-dev libxlsxwriter-dev libcairo2-dev libxml2-dev poppler-utils
  postgresql wrk hyperfine time python3 openssl
  chromium
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
