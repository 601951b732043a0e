#!/usr/bin/env bash
# Raising tickets through the API: 16 connections for 20 s (after a 5 s warm-up) on a fresh desk,
# against a yardstick of one-row commits measured in the same run.
# Usage: bench/raise.sh [sqlite|postgresql] [seconds] [connections] [warm-up seconds]
# A fresh desk is still compiling its hot paths (tiered JIT) for the first minute or so on 2 cores:
# the 5 s warm-up counts that in; a 60 s warm-up measures the desk as it runs once warm.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet build -c Release src/ServiceDesk.Web -v q -nologo >/dev/null
dotnet run -c Release --project bench/ServiceDesk.Bench -- raise "${1:-sqlite}" "${2:-20}" "${3:-16}" "${4:-5}"
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
