#!/usr/bin/env bash
# Follows Darwin's metrics topic with kcat: one line per result record, tab-separated —
#   <variantId>  <ce_type>  <value: the event's JSON>
# Usage: training-results.kcat.sh [BOOTSTRAP] [kcat options...]
#   BOOTSTRAP: 127.0.0.1:9092 for ./darwin (the default), localhost:19092 for docker compose from the host.
#   Options pass through to kcat: -X auto.offset.reset=earliest to read from the start, and for a secured broker
#   -X security.protocol=SASL_SSL -X sasl.mechanisms=SCRAM-SHA-512 -X sasl.username=... -X sasl.password=...
# Records are delivered at least once and a variant has one result: deduplicate by variantId (the first column).
# It joins its own consumer group, never one of Darwin's services'. Needs kcat (Debian: apt-get install kcat).
set -euo pipefail
bootstrap="${1:-127.0.0.1:9092}"
[ $# -gt 0 ] && shift
# kcat's -f has no field for one header, so the ce_type column is cut from the %h list (name=value,...).
kcat -b "$bootstrap" -G "${DARWIN_EXAMPLE_GROUP:-darwin-results-kcat}" -u -q "$@" \
  -f '%k\t%h\t%s\n' darwin.training.results.v1 |
  while IFS=$'\t' read -r key headers value; do
    type="${headers#*ce_type=}"
    [ "$type" = "$headers" ] && type="" || type="${type%%,*}"
    printf '%s\t%s\t%s\n' "$key" "$type" "$value"
  done
