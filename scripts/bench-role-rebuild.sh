#!/usr/bin/env bash
# Role cache rebuild after Redis loss, against a running service (scripts/run.sh): 10,000
# memberships through places.member.added, then FLUSHALL, then the time until all are back.
# Needs kcat, redis-cli, python3 and bc (scripts/stack.sh installs kcat).
set -e
P=$(cat /proc/sys/kernel/random/uuid)
python3 - "$P" > "${TMPDIR:-/tmp}/devices-bench-members.txt" <<'PY'
import sys, uuid
p = sys.argv[1]
for i in range(10000):
    place = p[:-4] + "%04x" % (i % 100)
    u = str(uuid.uuid4())
    print(f'{place}:{u}|{{"place_id":"{place}","user_id":"{u}","role":"viewer"}}')
PY
kcat -b 127.0.0.1:9092 -P -t places.member.added -K '|' -l "${TMPDIR:-/tmp}/devices-bench-members.txt"
LAST=$(tail -1 "${TMPDIR:-/tmp}/devices-bench-members.txt" | cut -d'|' -f1)
until [ "$(redis-cli hget place_roles:${LAST%%:*} ${LAST##*:})" = viewer ]; do sleep 0.2; done
echo "10,000 memberships consumed"
count() { n=0; for pl in $(cut -d: -f1 "${TMPDIR:-/tmp}/devices-bench-members.txt" | sort -u); do n=$((n + $(redis-cli hlen place_roles:$pl))); done; echo $n; }
echo "before flush: $(count) roles in the 100 test places"
redis-cli flushall > /dev/null
start=$(date +%s.%N)
until [ "$(redis-cli get role_cache:ready)" = 1 ] && [ "$(count)" -ge 10000 ]; do sleep 0.5; done
end=$(date +%s.%N)
echo "after FLUSHALL: $(count) roles back in $(echo "$end - $start" | bc) s"
