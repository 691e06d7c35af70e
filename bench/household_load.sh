#!/usr/bin/env bash
# Load test of the household page against a running Lantern (loopback only):
#   bench/household_load.sh [BASE_URL] [HOUSEHOLD_ID]
# Signs in as the demo analyst, picks the household with the most events
# (from the demo store) unless one is given, and runs wrk with 50
# connections for 20 seconds, printing the latency distribution.
set -euo pipefail
base=${1:-http://127.0.0.1:8080}
household=${2:-}
store=${LANTERN_DATA:-data}/demo.sqlite
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT

csrf=$(curl -s -c "$jar" "$base/sign-in" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "csrf=$csrf" \
  --data-urlencode "username=analyst" --data-urlencode "password=lantern-demo" "$base/sign-in"
cookie=$(awk '$6 == "lantern-session" { print "lantern-session=" $7 }' "$jar")

if [ -z "$household" ]; then
  household=$(sqlite3 "$store" "
    SELECT m.household_id FROM household_members m
    JOIN source_records s ON s.person_id = m.person_id
    JOIN events e ON e.partner_slug = s.partner_slug AND e.person_record_id = s.record_id
    GROUP BY m.household_id ORDER BY COUNT(*) DESC LIMIT 1;")
fi
echo "household $household"
curl -s -o /dev/null -w "one request: %{http_code} in %{time_total} s\n" -H "Cookie: $cookie" "$base/households/$household"
wrk -t2 -c50 -d20s --latency -H "Cookie: $cookie" "$base/households/$household"
