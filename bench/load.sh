#!/usr/bin/env bash
# Builds (or reuses) a benchmark database of COUNT tickets of which a tenth open (default 1,000,000):
# the desk's schema and demo partnership, 2,000 staff per council, tickets with clocks and history.
# Usage: bench/load.sh [sqlite|postgresql] [count]
set -euo pipefail
cd "$(dirname "$0")/.."
provider="${1:-sqlite}"
count="${2:-1000000}"
source bench/database.sh
bench_database "$provider" "$count"
dotnet build -c Release bench/ServiceDesk.Bench -v quiet -nologo >/dev/null
dotnet bench/ServiceDesk.Bench/bin/Release/net10.0/ServiceDesk.Bench.dll load "$provider" "$BENCH_CONNECTION" "$count"
