#!/usr/bin/env bash
# Load test of the panel pages against a running demo (loopback only):
#   bench/panels_load.sh [BASE_URL]
# Signs in as the demo chair, takes the published (upcoming) MARAC meeting
# and its first case from the demo store, and runs wrk with 50 connections
# for 20 seconds on the agenda (/panels), the meeting and the case page,
# printing p50, p90, p95 and p99 for each. Needs wrk, curl and sqlite3; with
# DATABASE_URL set it reads the store with psql instead.
set -euo pipefail
base=${1:-http://127.0.0.1:8080}
store=${LANTERN_DATA:-data}/demo.sqlite
query() {
  if [ -n "${DATABASE_URL:-}" ]; then psql -qtA -F '|' "$DATABASE_URL" -c "$1"; else sqlite3 "$store" "$1"; fi
}
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
csrf=$(curl -s -c "$jar" "$base/sign-in" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "csrf=$csrf" \
  --data-urlencode "username=chair" --data-urlencode "password=lantern-demo" "$base/sign-in"
cookie=$(awk '$6 == "lantern-session" { print "lantern-session=" $7 }' "$jar")
meeting=$(query "SELECT id FROM panel_meetings WHERE state = 'published' ORDER BY held_on LIMIT 1;")
case_id=$(query "SELECT case_id FROM panel_agenda_items WHERE CAST(meeting_id AS TEXT) = '$meeting' ORDER BY position LIMIT 1;")
for page in /panels "/panels/meetings/$meeting" "/panels/cases/$case_id"; do
  echo "== $page"
  curl -s -o /dev/null -w "one request: %{http_code} in %{time_total} s\n" -H "Cookie: $cookie" "$base$page"
  wrk -t2 -c50 -d20s -s "$(dirname "$0")/percentiles.lua" -H "Cookie: $cookie" "$base$page"
done
