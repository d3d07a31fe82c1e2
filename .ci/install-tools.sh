#!/usr/bin/env bash
# Installs the Node tools some tests use as real peers, into .tools/ (git-ignored):
#   .tools/polkadot    @polkadot/util-crypto + keyring: an independent sr25519 to cross-check ours
#   .tools/chopsticks  @acala-network/chopsticks: runs the real subtensor runtime on loopback
# Debian's python3-nacl for the live 2.37 peers (their sealed endpoint commitments), and Debian's
# PostgreSQL server package: the store's tests start a throwaway cluster from it on loopback (or use
# the server CGP_TEST_PG_URL names).
# Tests that need them skip with a message when they are absent. Safe to run again.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && [ -z "${CGP_TEST_PG_URL:-}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "install-tools: installing PostgreSQL (Debian's postgresql package) for the store's tests"
    { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null; } \
      || echo "install-tools: WARNING: could not install postgresql; the PostgreSQL store tests will be skipped" >&2
  else
    echo "install-tools: WARNING: PostgreSQL is not installed (apt-get install postgresql); its store tests will be skipped" >&2
  fi
fi
# PyNaCl for the live 2.37 peers (their endpoint commitments are NaCl sealed boxes): Debian's python3-nacl.
# The kit installs it itself on first use as root; installing it here keeps that out of the tests' time.
if command -v python3 >/dev/null 2>&1 && ! python3 -c "import nacl" >/dev/null 2>&1 && [ ! -d /usr/lib/python3/dist-packages/nacl ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "install-tools: installing PyNaCl (Debian's python3-nacl) for the live Python peers"
    { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-nacl >/dev/null; } \
      || echo "install-tools: WARNING: could not install python3-nacl; the 2.37 peer tests will be skipped" >&2
  else
    echo "install-tools: WARNING: PyNaCl is missing (apt-get install python3-nacl); the 2.37 peer tests will be skipped" >&2
  fi
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "install-tools: npm not found; polkadot.js cross-checks and chain tests will be skipped" >&2
  exit 0
fi
# chopsticks' sqlite3 has no prebuilt binary here (no downloads), so npm builds it: it needs a C++
# toolchain and python3. Install them from Debian's packages when they are missing and we may.
if ! { command -v make && command -v g++ && command -v python3; } >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "install-tools: installing make, g++ and python3 (needed to build chopsticks' sqlite3)"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends make g++ python3 >/dev/null \
      || echo "install-tools: WARNING: could not install make/g++/python3; chopsticks may fail to build" >&2
  else
    echo "install-tools: WARNING: make, g++ or python3 missing; chopsticks may fail to build (chain tests would be skipped)" >&2
  fi
fi

install() { # dir packages...
  local dir="$root/.tools/$1"; shift
  local stamp="$dir/.installed-$(echo "$*" | tr ' /@' '___')"
  [ -f "$stamp" ] && return 0
  mkdir -p "$dir"
  ( cd "$dir" && [ -f package.json ] || (cd "$dir" && npm init -y >/dev/null) )
  for attempt in 1 2; do
    echo "install-tools: npm install $* into .tools/$(basename "$dir") (attempt $attempt)"
    if ( cd "$dir" && npm install --no-audit --no-fund --loglevel=error "$@" > "$dir/npm-install.log" 2>&1 ); then
      touch "$stamp"
      return 0
    fi
    tail -n 5 "$dir/npm-install.log" >&2
    rm -rf "$dir/node_modules"
  done
  echo "install-tools: WARNING: could not install $* (log: $dir/npm-install.log); the tests that need it will be skipped" >&2
}
install polkadot @polkadot/util-crypto@14.0.3 @polkadot/util@14.0.3 @polkadot/keyring@14.0.3
install chopsticks @acala-network/chopsticks@1.5.1 @polkadot/api@16.5.6
