#!/usr/bin/env bash
# Load test of the household page against a running Lantern (loopback only):
#   bench/household_load.sh [BASE_URL] [HOUSEHOLD_ID]
# Signs in as the demo analyst, picks the household with the most events
# (from the demo store) unless one is given, tops it up to EVENTS events
# (default 500, the figure the issue sets) by importing synthetic events
# through the API with a bearer token for one of the partners that knows the
# family (made with `lantern token add` and revoked at exit), and runs wrk
# with 50 connections for 20 seconds, printing p50, p90, p95 and p99.
# Needs wrk, curl and sqlite3; with DATABASE_URL set it reads the store with
# psql instead. LANTERN (default `swift run -c release lantern`) runs the CLI.
set -euo pipefail
base=${1:-http://127.0.0.1:8080}
household=${2:-}
store=${LANTERN_DATA:-data}/demo.sqlite
target=${EVENTS:-500}
query() {
  if [ -n "${DATABASE_URL:-}" ]; then psql -qtA -F '|' "$DATABASE_URL" -c "$1"; else sqlite3 "$store" "$1"; fi
}
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT

csrf=$(curl -s -c "$jar" "$base/sign-in" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "csrf=$csrf" \
  --data-urlencode "username=analyst" --data-urlencode "password=lantern-demo" "$base/sign-in"
cookie=$(awk '$6 == "lantern-session" { print "lantern-session=" $7 }' "$jar")

if [ -z "$household" ]; then
  household=$(query "
    SELECT m.household_id FROM household_members m
    JOIN source_records s ON s.person_id = m.person_id
    JOIN events e ON e.partner_slug = s.partner_slug AND e.person_record_id = s.record_id
    GROUP BY m.household_id ORDER BY COUNT(*) DESC LIMIT 1;")
fi
events_of_household="
  SELECT COUNT(*) FROM household_members m
  JOIN source_records s ON s.person_id = m.person_id
  JOIN events e ON e.partner_slug = s.partner_slug AND e.person_record_id = s.record_id
  WHERE CAST(m.household_id AS TEXT) = '$household';"
have=$(query "$events_of_household")
if [ "$have" -lt "$target" ]; then
  # The partner that records most events among those holding a member.
  partner=$(query "
    SELECT s.partner_slug FROM household_members m JOIN source_records s ON s.person_id = m.person_id
    JOIN events e ON e.partner_slug = s.partner_slug
    WHERE CAST(m.household_id AS TEXT) = '$household' GROUP BY s.partner_slug ORDER BY COUNT(*) DESC LIMIT 1;")
  members=$(query "SELECT s.record_id FROM household_members m JOIN source_records s ON s.person_id = m.person_id
    WHERE CAST(m.household_id AS TEXT) = '$household' AND s.partner_slug = '$partner';")
  kinds=$(query "SELECT DISTINCT category || ',' || role FROM events WHERE partner_slug = '$partner' ORDER BY 1;")
  extract=$(mktemp)
  trap 'rm -f "$jar" "$extract"' EXIT
  # HTTP Basic is refused on the API: a partner's feed uses a scoped token.
  lantern=${LANTERN:-swift run -c release lantern}
  export LANTERN_SQLITE_FILE=${LANTERN_SQLITE_FILE:-demo.sqlite}
  token_name="bench top-up $$"
  token=$($lantern token add --name "$token_name" --partner "$partner" | tail -n 1)
  trap 'rm -f "$jar" "$extract"; $lantern token revoke "$token_name" > /dev/null || true' EXIT
  {
    echo "record_id,person_record_id,category,role,occurred_on,summary,nature,opinion_basis"
    awk -v need=$((target - have)) -v tag="${household:0:8}" -v members="$(echo $members)" -v kinds="$(echo $kinds)" 'BEGIN {
      m = split(members, who, " "); k = split(kinds, what, " ")
      for (i = 0; i < need; i++) {
        # Spread over five years, newest first, cycling through members and kinds.
        day = sprintf("%04d-%02d-%02d", 2025 - int(i / 100), 12 - int((i % 100) / 9), 1 + (i % 28))
        nature = (i % 5 == 0) ? "opinion,Practitioner assessment" : "fact,"
        printf "BENCH-%s-%04d,%s,%s,%s,Synthetic event %d for the load benchmark,%s\n", tag, i, who[1 + i % m], what[1 + i % k], day, i, nature
      }
    }'
  } > "$extract"
  status=$(curl -s -o "$extract.out" -w "%{http_code}" -H "Authorization: Bearer $token" -H "Content-Type: text/csv" \
    --data-binary @"$extract" "$base/api/v1/imports?partner=$partner&kind=events&name=bench-events.csv")
  if [ "$status" != 200 ]; then echo "the top-up import was refused ($status):"; cat "$extract.out"; rm -f "$extract.out"; exit 1; fi
  rm -f "$extract.out"
  echo "topped up from $have to $(query "$events_of_household") events (imported as $partner)"
fi
echo "household $household"
curl -s -o /dev/null -w "one request: %{http_code} in %{time_total} s\n" -H "Cookie: $cookie" "$base/households/$household"
wrk -t2 -c50 -d20s -s "$(dirname "$0")/percentiles.lua" -H "Cookie: $cookie" "$base/households/$household"
