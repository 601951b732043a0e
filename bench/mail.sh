#!/usr/bin/env bash
# Prints the mail ingest figures: a local Dovecot mailbox of varied messages (default 1,000; pass
# another number as the first argument) read by the desk's poll job into a fresh demo desk, against a
# yardstick measured in the same run (a plain MailKit loop fetching and moving the same messages).
# Needs Debian's dovecot-imapd (apt-get install dovecot-imapd).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB; load average $(cut -d' ' -f1-3 /proc/loadavg) (the machine may be shared)"
dotnet run -c Release --project bench/ServiceDesk.Bench -- mail "${1:-1000}"
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
