#!/usr/bin/env bash
# Fetches the pinned chDB engine (libchdb.so, ClickHouse 26.7) from npm into
# <repo>/.cache/chdb/<version>, verifies it and prints the absolute path of
# libchdb.so as the last line of stdout. A verified copy is reused offline.
set -euo pipefail

VERSION="26.7.3-stable.1"
PACKAGE="@chdb/lib-linux-x64-gnu"
# npm's dist.integrity of the tarball (sha512, here in hex) and the .so itself.
TARBALL_SHA512="5cff7b98caa7739b59a4a432c11f0dedc2d3b073624e61ebdf4a42e66ce8de35a6ba48ca9f62016bad1cd81fe059435cb858ce3235a8a2b408082a81563e70a7"
LIB_SHA256="36ad4e999882821ef13cf2d0f52c93f48e6ee1b4498b35a201c23ce4b8d15bf5"
LIB_SIZE=566330096

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cache="$repo_root/.cache/chdb"
dest="$cache/$VERSION"
lib="$dest/libchdb.so"
marker="$dest/.verified"

# The marker is written only after a full checksum; size guards against truncation later.
if [[ -f "$marker" && -f "$lib" && "$(stat -c %s "$lib")" == "$LIB_SIZE" ]]; then
  echo "$lib"
  exit 0
fi

mkdir -p "$cache"
work="$(mktemp -d "$cache/.fetch.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "fetching $PACKAGE@$VERSION (~180 MB) ..." >&2
npm pack --silent --pack-destination "$work" "$PACKAGE@$VERSION" >/dev/null
tarball="$(ls "$work"/*.tgz)"

actual="$(sha512sum "$tarball" | cut -d' ' -f1)"
if [[ "$actual" != "$TARBALL_SHA512" ]]; then
  echo "integrity mismatch for $PACKAGE@$VERSION: got sha512 $actual" >&2
  exit 1
fi

tar -xzf "$tarball" -C "$work" package/libchdb.so
actual="$(sha256sum "$work/package/libchdb.so" | cut -d' ' -f1)"
if [[ "$actual" != "$LIB_SHA256" ]]; then
  echo "checksum mismatch for libchdb.so: got sha256 $actual" >&2
  exit 1
fi

staged="$work/$VERSION"
mkdir "$staged"
mv "$work/package/libchdb.so" "$staged/libchdb.so"
echo "$PACKAGE@$VERSION sha256=$LIB_SHA256" > "$staged/.verified"
# a directory rename is atomic: a concurrent fetch either wins or finds a complete copy
if ! mv -T "$staged" "$dest" 2>/dev/null; then
  if [[ ! -f "$marker" || "$(stat -c %s "$lib" 2>/dev/null)" != "$LIB_SIZE" ]]; then
    rm -rf "$dest"
    mv -T "$staged" "$dest"
  fi
fi
echo "$lib"
