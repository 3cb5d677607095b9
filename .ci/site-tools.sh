#!/usr/bin/env bash
# Installs what the site checks need: Java (W3C checker), Chromium and its driver (Debian packages),
# and the Python tools into .venv/. Says exactly what is missing when it cannot install.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || missing+=(python3-venv)
# Fonts so screenshots show real text.
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "site-tools: installing ${missing[*]} with apt-get"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "site-tools: missing Debian packages: ${missing[*]}" >&2
    echo "site-tools: install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

stamp=.venv/.requirements
if [ ! -x .venv/bin/python ] || ! cmp -s Tests/SiteChecks/requirements.txt "$stamp"; then
  echo "site-tools: installing Python test tools into .venv/"
  python3 -m venv .venv
  .venv/bin/python -m pip install -q --disable-pip-version-check -r Tests/SiteChecks/requirements.txt
  cp Tests/SiteChecks/requirements.txt "$stamp"
fi
