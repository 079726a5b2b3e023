#!/usr/bin/env bash
# Installs the npm packages the pages and browser tests use (govuk-frontend,
# playwright-core) when node_modules is missing or older than the lock file,
# and copies govuk-frontend's compiled CSS and JS into web/static/govuk/.
#
# The GOV.UK font (GDS Transport) and crown belong to GOV.UK alone: the copy
# drops the @font-face rules and uses the system font stack instead, and no
# GOV.UK image or font file is copied.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v npm >/dev/null 2>&1; then
  echo "install-web: installing nodejs and npm" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi

stamp=node_modules/.raa-installed
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  echo "install-web: npm ci" >&2
  if [ -f package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  else
    npm install --no-audit --no-fund --loglevel=error
  fi
  touch "$stamp"
fi

src=node_modules/govuk-frontend/dist/govuk
dst=web/static/govuk
if [ ! -f "$dst/govuk-frontend.min.css" ] || [ "$src/govuk-frontend.min.css" -nt "$dst/govuk-frontend.min.css" ] \
   || [ "$0" -nt "$dst/govuk-frontend.min.css" ]; then
  mkdir -p "$dst"
  stack='system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif'
  sed -E \
    -e 's/@font-face\{[^}]*\}//g' \
    -e "s/font-family:GDS Transport,arial,sans-serif/font-family:${stack}/g" \
    -e "s/font-family:GDS Transport/font-family:${stack}/g" \
    -e 's#url\(/assets/images/govuk-crest\.svg\)#none#g' \
    -e 's#/\*\# sourceMappingURL=[^*]*\*/##' \
    "$src/govuk-frontend.min.css" > "$dst/govuk-frontend.min.css.tmp"
  mv "$dst/govuk-frontend.min.css.tmp" "$dst/govuk-frontend.min.css"
  sed -e 's#//\# sourceMappingURL=.*##' "$src/govuk-frontend.min.js" > "$dst/govuk-frontend.min.js"
  echo "install-web: copied govuk-frontend $(node -p "require('./node_modules/govuk-frontend/package.json').version") into $dst" >&2
fi
