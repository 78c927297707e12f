#!/usr/bin/env bash
# Promotes a MariaDB replica to primary after its primary died, and moves the writer endpoint
# (a HAProxy TCP backend) to it:
#   1. stop fetching from the dead primary (STOP SLAVE IO_THREAD);
#   2. apply everything already received: with semi-synchronous replication that includes every
#      transaction whose commit was acknowledged to a client (MASTER_GTID_WAIT on Gtid_IO_Pos);
#   3. forget the old primary and accept writes (RESET SLAVE ALL, read_only OFF);
#   4. send new connections of the endpoint to the promoted server, none to the old one, and cut
#      any still open to it (HAProxy's runtime API over its admin socket).
#
# Usage: scripts/promote-replica.sh --haproxy-socket PATH --backend NAME --old SERVER --new SERVER [mariadb client options]
#   e.g. scripts/promote-replica.sh --haproxy-socket /run/haproxy/admin.sock --backend database \
#          --old primary --new replica --host 10.0.0.12 --port 3306 --user admin
# The mariadb client options reach the replica (an account with SUPER or READ_ONLY ADMIN and
# REPLICATION SLAVE ADMIN); MYSQL_PWD carries a password. Needs `mariadb` and `socat`.
set -euo pipefail

socket='' backend='' old='' new=''
client=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --haproxy-socket) socket="$2"; shift 2 ;;
    --backend) backend="$2"; shift 2 ;;
    --old) old="$2"; shift 2 ;;
    --new) new="$2"; shift 2 ;;
    *) client+=("$1"); shift ;;
  esac
done
if [[ -z "$socket" || -z "$backend" || -z "$old" || -z "$new" ]]; then
  echo "usage: $0 --haproxy-socket PATH --backend NAME --old SERVER --new SERVER [mariadb client options]" >&2
  exit 2
fi

started=$(date +%s%N)
sql() { mariadb "${client[@]}" --batch --skip-column-names -e "$1"; }
haproxy() { echo "$1" | socat -t 2 stdio "UNIX-CONNECT:$socket"; }

sql 'STOP SLAVE IO_THREAD'
received=$(mariadb "${client[@]}" -e 'SHOW SLAVE STATUS\G' | sed -n 's/^ *Gtid_IO_Pos: *//p')
if [[ -n "$received" ]]; then
  reached=$(sql "SELECT MASTER_GTID_WAIT('$received', 60)")
  if [[ "$reached" != "0" ]]; then
    echo "promote-replica: the replica did not apply $received within 60 s; not promoted" >&2
    exit 1
  fi
fi
sql 'STOP SLAVE; RESET SLAVE ALL; SET GLOBAL read_only = OFF'

haproxy "set server $backend/$new state ready"
haproxy "set server $backend/$old state maint"
haproxy "shutdown sessions server $backend/$old"

echo "promote-replica: $new is the primary (applied up to ${received:-nothing received}); $backend sends writes to it; took $(( ($(date +%s%N) - started) / 1000000 )) ms"
