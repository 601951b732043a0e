#!/usr/bin/env bash
# The queues and the ticket detail over a desk of a million tickets (a tenth open): loads the database
# first if it is not there yet (bench/load.sh), then times every queue, filter, order and the detail.
# Usage: bench/queues.sh [sqlite|postgresql] [count] [iterations]
set -euo pipefail
cd "$(dirname "$0")/.."
provider="${1:-sqlite}"
count="${2:-1000000}"
iterations="${3:-100}"
source bench/database.sh
bench_database "$provider" "$count"
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB; load average $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet build -c Release bench/ServiceDesk.Bench -v quiet -nologo >/dev/null
dotnet bench/ServiceDesk.Bench/bin/Release/net10.0/ServiceDesk.Bench.dll queues "$provider" "$BENCH_CONNECTION" "$count" "$iterations" | grep -v '^\(warn\|info\):\|^      '
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
