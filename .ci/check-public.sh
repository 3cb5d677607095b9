#!/usr/bin/env bash
# Fails when a fresh build of content/ would change anything in public/.
set -euo pipefail
binary="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$binary" build --content content --templates Templates --output "$tmp/public" >/dev/null
if ! diff -r "$tmp/public" public >"$tmp/diff.txt" 2>&1; then
  echo "public/ is out of date with content/ and Templates/:" >&2
  head -20 "$tmp/diff.txt" >&2
  echo "run 'make site' and commit public/" >&2
  exit 1
fi
echo "public/ is up to date"
