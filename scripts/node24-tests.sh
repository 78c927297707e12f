#!/usr/bin/env bash
# Runs jest on Node 24 in this tree: `scripts/node24-tests.sh test/a.test.ts ... [jest options]`.
# better-sqlite3 is the one native addon built for a Node ABI (bcrypt's prebuilt N-API binary serves
# every Node): its Node 24 build is made once from a copy of the package, cached next to the Node 24
# binary, swapped in for the run and the Node 20 build put back on exit, so the tree stays as `npm ci`
# left it for the machine's Node.
set -euo pipefail
cd "$(dirname "$0")/.."

node24=$(scripts/node24.sh)
bin24=$(dirname "$node24")
nodedir=$(dirname "$bin24")
addon=node_modules/better-sqlite3/build/Release/better_sqlite3.node
version=$(node -p 'require("./node_modules/better-sqlite3/package.json").version')
cached="$(dirname "$nodedir")/addons/better-sqlite3-$version-node-$("$node24" -p process.versions.modules).node"

if [ ! -f "$cached" ]; then
  echo "building better-sqlite3 $version for Node 24 (once; cached in $(dirname "$cached"))" >&2
  work=$(mktemp -d)
  cp -a node_modules/better-sqlite3 "$work/"
  (cd "$work/better-sqlite3" && rm -rf build && PATH="$bin24:$PATH" npm_config_nodedir="$nodedir" npm run --silent build-release >"$work/build.log" 2>&1) \
    || { tail -n 30 "$work/build.log" >&2; rm -rf "$work"; exit 1; }
  mkdir -p "$(dirname "$cached")"
  cp "$work/better-sqlite3/build/Release/better_sqlite3.node" "$cached"
  rm -rf "$work"
fi

backup=$(mktemp)
cp "$addon" "$backup"
trap 'cp "$backup" "$addon"; rm -f "$backup"' EXIT
cp "$cached" "$addon"
echo "jest on $("$node24" --version) ($node24)" >&2
PATH="$bin24:$PATH" "$node24" node_modules/jest/bin/jest.js "$@"
