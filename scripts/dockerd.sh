#!/usr/bin/env bash
# Starts a Docker engine for the container drill when none answers: Debian's docker.io as root,
# with no bridge network and no iptables rules (the machine has neither to give); every build and
# container then uses --network host. Pid in /tmp/shopgraph-dockerd.pid, log in /tmp/shopgraph-dockerd.log.
set -euo pipefail

docker info >/dev/null 2>&1 && { echo "dockerd: already answering"; exit 0; }
command -v dockerd >/dev/null || { echo "dockerd not found: apt-get install docker.io" >&2; exit 1; }
pidfile=/tmp/shopgraph-dockerd.pid
log=/tmp/shopgraph-dockerd.log
nohup dockerd --bridge=none --iptables=false --ip6tables=false --pidfile="$pidfile" >"$log" 2>&1 &
for _ in $(seq 1 60); do
  docker info >/dev/null 2>&1 && { echo "dockerd: started (pid $(cat "$pidfile"), log $log)"; exit 0; }
  sleep 0.5
done
echo "dockerd did not answer within 30 s; its log ($log) ends:" >&2
tail -n 20 "$log" >&2
exit 1
