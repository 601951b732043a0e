#!/usr/bin/env bash
# Full-text search over a desk of COUNT tickets (default 1,000,000; loaded first by bench/load.sh's loader if
# missing): p50 and p95 per kind of query and viewer, each as a ratio to the database's index alone (same run).
# Usage: bench/search.sh [sqlite|postgresql] [count] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
provider="${1:-sqlite}"
count="${2:-1000000}"
runs="${3:-40}"
source bench/database.sh
bench_database "$provider" "$count"
dotnet build -c Release bench/ServiceDesk.Bench -v quiet -nologo >/dev/null
dll=bench/ServiceDesk.Bench/bin/Release/net10.0/ServiceDesk.Bench.dll
dotnet "$dll" load "$provider" "$BENCH_CONNECTION" "$count"
echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$dll" search "$provider" "$BENCH_CONNECTION" "$runs"
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
