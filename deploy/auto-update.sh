#!/usr/bin/env bash
# Opt-in auto-update for a cgp-java checkout run by pm2 or systemd. Run it from a timer or cron:
#   deploy/auto-update.sh --restart "systemctl restart cgp-miner cgp-validator"
#   deploy/auto-update.sh --restart "pm2 restart cgp-miner cgp-validator"
# One run: fetch the remote's tags; if the newest release tag (vX.Y.Z, by version order) is ahead
# of the checkout (a fast-forward of it), build and test that tag in a separate worktree; only if
# the build and the whole test suite pass, move the checkout to the tag, build it there, and
# restart. Anything else (no new tag, tests failing, a local edit in the checkout, a tag that is
# not a fast-forward, another run still going) leaves the running daemons alone. Every step is one
# line in the log, with the time. Exit: 0 up to date or updated, 1 an update was refused or failed.
#
# Options (or the environment variables in brackets):
#   --repo DIR        the checkout the daemons run from (default: this script's repository)   [CGP_UPDATE_REPO]
#   --remote NAME     the remote to fetch tags from (default: origin)                          [CGP_UPDATE_REMOTE]
#   --restart CMD     how to restart the daemons (default: none; the log says to restart)      [CGP_UPDATE_RESTART]
#   --test-cmd CMD    what must pass in the new tag's worktree (default: ./cgp test)            [CGP_UPDATE_TEST_CMD]
#   --log FILE        where to log as well as stdout (default: <repo>/.update/auto-update.log)  [CGP_UPDATE_LOG]
set -uo pipefail

repo="${CGP_UPDATE_REPO:-$(cd "$(dirname "$0")/.." && pwd)}"
remote="${CGP_UPDATE_REMOTE:-origin}"
restart="${CGP_UPDATE_RESTART:-}"
test_cmd="${CGP_UPDATE_TEST_CMD:-./cgp test}"
log="${CGP_UPDATE_LOG:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --repo) repo="$2"; shift 2 ;;
    --remote) remote="$2"; shift 2 ;;
    --restart) restart="$2"; shift 2 ;;
    --test-cmd) test_cmd="$2"; shift 2 ;;
    --log) log="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "auto-update: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
repo="$(cd "$repo" 2>/dev/null && pwd)" || { echo "auto-update: --repo $repo is not a directory" >&2; exit 2; }
state="$repo/.update"
mkdir -p "$state"
log="${log:-$state/auto-update.log}"

say() { printf '%s auto-update: %s\n' "$(date -u '+%Y-%m-%dT%H:%M:%SZ')" "$*" | tee -a "$log"; }

exec 9>"$state/lock"
if ! flock -n 9; then say "another run is still going; nothing done"; exit 0; fi

cd "$repo"
git rev-parse --git-dir >/dev/null 2>&1 || { say "$repo is not a git checkout; nothing done"; exit 1; }
if ! git fetch --quiet --tags "$remote" 2>>"$log"; then say "cannot fetch tags from $remote; nothing done"; exit 1; fi

latest="$(git tag --list 'v[0-9]*' --sort=-v:refname | head -n 1)"
current="$(git describe --tags --always HEAD 2>/dev/null)"
if [ -z "$latest" ]; then say "no release tags (v*) on $remote; staying on $current"; exit 0; fi
head_commit="$(git rev-parse HEAD)"
tag_commit="$(git rev-parse "$latest^{commit}")"
if [ "$head_commit" = "$tag_commit" ]; then say "up to date at $latest"; exit 0; fi
if ! git merge-base --is-ancestor "$head_commit" "$tag_commit"; then
  say "$latest is not ahead of $current (not a fast-forward); staying on $current"
  exit 0
fi
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  say "the checkout has local changes; not updating $current to $latest (commit or stash them)"
  exit 1
fi

stage="$(mktemp -d "${TMPDIR:-/tmp}/cgp-update.XXXXXX")"
cleanup() { git -C "$repo" worktree remove --force "$stage/tree" >/dev/null 2>&1; rm -rf "$stage"; }
trap cleanup EXIT
say "found $latest (running $current); building and testing it in $stage/tree"
if ! git worktree add --quiet --detach "$stage/tree" "$latest" 2>>"$log"; then say "cannot check out $latest; staying on $current"; exit 1; fi
test_log="$state/test-$latest.log"
if ! ( cd "$stage/tree" && bash -c "$test_cmd" ) >"$test_log" 2>&1; then
  say "$latest failed its build or tests (log: $test_log); staying on $current"
  exit 1
fi
say "$latest passed its build and tests"

previous="$head_commit"
git checkout --quiet --detach "$latest" 2>>"$log" || { say "cannot move the checkout to $latest; staying on $current"; exit 1; }
if ! ./cgp build >>"$state/build-$latest.log" 2>&1; then
  say "$latest did not build in the checkout (log: $state/build-$latest.log); going back to $current"
  git checkout --quiet --detach "$previous" && ./cgp build >>"$state/build-$latest.log" 2>&1
  exit 1
fi
say "updated $current -> $latest"
if [ -z "$restart" ]; then
  say "no --restart given: restart the daemons to run $latest"
  exit 0
fi
if bash -c "$restart" >>"$log" 2>&1; then
  say "restarted: $restart"
else
  say "the restart command failed: $restart (the checkout is at $latest; restart by hand)"
  exit 1
fi
