#!/usr/bin/env bash
# Prints the outbox dispatch figures: a desk that starts with a backlog of queued emails (default 10,000;
# pass another number as the first argument) sends them with its own dispatch job to a local SMTP server,
# against a yardstick (a plain MailKit loop over one connection) measured in the same run.
# Needs Debian's python3-aiosmtpd (apt-get install python3-aiosmtpd).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB; load average $(cut -d' ' -f1-3 /proc/loadavg) (the machine may be shared)"
dotnet run -c Release --project bench/ServiceDesk.Bench -- dispatch "${1:-10000}"
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
