#!/usr/bin/env bash
# Prints the bulk onboarding figures: a CSV of a council's staff (default 5,000 rows; pass another
# number as the first argument) previewed and imported, each person invited, beside a yardstick of
# plain SQLite inserts of as many rows measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
dotnet run -c Release --project bench/ServiceDesk.Bench -- import "${1:-5000}"
