#!/usr/bin/env bash
# Installs the Debian packages s11's tests use, only when missing (LibreOffice headless).
set -euo pipefail
if command -v soffice >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "note: LibreOffice (soffice) is not installed; .doc conversion and PDF-export tests will be skipped" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui fonts-dejavu-core >/dev/null
