#!/usr/bin/env bash
# Start-up and memory of the desk as a user runs it: `dotnet run --no-build` (Development, the demo
# partnership) on a fresh SQLite file, timed to the first page (the sign-in page answering 200);
# then the resident set (VmRSS) after 30 s at rest; then a restart on the same, now seeded, file.
# The yardstick, timed in the same run, is `dotnet --version`: the dotnet host starting and exiting.
# Usage: bench/start.sh [runs, default 3] [Debug|Release, default Debug]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"; config="${2:-Debug}"
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet build -c "$config" src/ServiceDesk.Web -v q -nologo >/dev/null
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
now() { date +%s.%N; }
pid=""; desk=""
stop() {
  if [ -n "$desk" ]; then kill "$desk" 2>/dev/null || true; desk=""; fi
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=""; fi
}
trap 'stop; rm -rf "$work"' EXIT

# Runs the desk in the background; sets pid (dotnet run), desk (the desk's own process) and took (seconds to the first page).
start_desk() {
  local t0; t0=$(now)
  ConnectionStrings__ServiceDesk="Data Source=$work/servicedesk.db" ServiceDesk__Email__Smtp__PickupDirectory="$work/outbox" \
    Logging__LogLevel__Default=Warning \
    dotnet run --no-build -c "$config" --project src/ServiceDesk.Web -- --urls "http://127.0.0.1:$port" >"$work/desk.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/sign-in"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "The desk stopped:" >&2; cat "$work/desk.log" >&2; exit 1; fi
    sleep 0.05
  done
  took=$(echo "$(now) - $t0" | bc)
  desk=$(pgrep -P "$pid" | head -1)
}

for run in $(seq 1 "$runs"); do
  t0=$(now); dotnet --version >/dev/null; yard=$(echo "$(now) - $t0" | bc)
  rm -f "$work"/servicedesk.db*
  start_desk; first=$took
  cpu=$(awk '{printf "%.1f", ($14+$15)/100}' "/proc/$desk/stat")
  sleep 30
  rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$desk/status")
  stop
  start_desk; again=$took
  cpu2=$(awk '{printf "%.1f", ($14+$15)/100}' "/proc/$desk/stat")
  stop
  printf "run %s: yardstick (dotnet --version) %.2f s; fresh start to first page %.2f s (%.1f× the yardstick; the desk's CPU %s s); RSS at rest %s MB; restart %.2f s (the desk's CPU %s s); load average %s\n" \
    "$run" "$yard" "$first" "$(echo "$first / $yard" | bc -l)" "$cpu" "$rss" "$again" "$cpu2" "$(cut -d' ' -f1-3 /proc/loadavg)"
done
