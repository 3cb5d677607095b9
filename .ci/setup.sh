#!/usr/bin/env bash
# Installs what building Dossier needs on Debian (libcmark-dev, pkg-config, and libmimalloc-dev, the allocator
# the release programs link on Linux), or says exactly what is missing.
set -euo pipefail

missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if ! pkg-config --exists libcmark 2>/dev/null; then missing+=(libcmark-dev); fi
# The release programs link mimalloc on Linux (Package.swift, `fastAllocator`).
if [ "$(uname -s)" = Linux ] && ! pkg-config --exists mimalloc 2>/dev/null && [ ! -e /usr/include/mimalloc.h ]; then
  missing+=(libmimalloc-dev)
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing ${missing[*]} with apt-get"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "setup: missing Debian packages: ${missing[*]}" >&2
    echo "setup: install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "setup: the Swift 6 toolchain (swift) is not on PATH; install Swift 6.0 or later from swift.org" >&2
  exit 1
fi
