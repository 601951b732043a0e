#!/usr/bin/env bash
# Prints the right-of-access export figures: one person with 1,000 tickets (pass another number as the
# first argument; other people's tickets around them as the second, default 5,000), exported by the
# desk's own use case, beside a yardstick of the same rows written to a ZIP as plain JSON in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet run -c Release --project bench/ServiceDesk.Bench -- export "${1:-1000}" "${2:-5000}"
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
