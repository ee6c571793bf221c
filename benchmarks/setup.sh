#!/usr/bin/env bash
# Installs what `make bench` compares Bahi against; safe to run again (installs only what is missing).
#   Debian: ledger, hledger, time (GNU /usr/bin/time, for wall time and peak memory)
#   PyPI:   beancount (gives bean-check) into the project venv
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"

need=()
command -v ledger >/dev/null 2>&1 || need+=(ledger)
command -v hledger >/dev/null 2>&1 || need+=(hledger)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  echo "benchmarks/setup.sh: installing Debian packages: ${need[*]}"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ ! -x "$VENV/bin/bean-check" ]; then
  echo "benchmarks/setup.sh: installing beancount into $VENV"
  "$VENV/bin/python" -m pip install -q 'beancount>=3'
fi

# Fail loudly if anything is still missing.
command -v ledger >/dev/null
command -v hledger >/dev/null
[ -x /usr/bin/time ]
[ -x "$VENV/bin/bean-check" ]
echo "benchmarks/setup.sh: ledger $(ledger --version | head -1 | awk "{print \$2}" | tr -d ,), hledger $(hledger --version | awk '{print $2}' | tr -d ,), bean-check ready"
