#!/usr/bin/env bash
# Prints the SLA benchmark figures: due-date arithmetic per second and reconciliation passes
# over a desk of open tickets (default 100,000; pass another number as the first argument).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
dotnet run -c Release --project bench/ServiceDesk.Bench -- "${1:-100000}"
