#!/usr/bin/env bash
# Fuzzes IAM Playground: every target (share links, scenarios, documents, policies, iam-eval
# lines, STS scripts, the small parsers) for SECONDS each, in the release-native profile.
#
#   scripts/fuzz.sh [--ci] [SECONDS]
#
# On demand (the default) a case slower than 100 ms fails. With --ci (scripts/test.sh), where
# busy machines make timings flaky, no case fails on its time (only a case stuck for a minute,
# a hang) and the slowest is reported. Prints per target: cases run, failures with their reproducer, the slowest case.
# FUZZ_SEED, FUZZ_KNOWN=1 and FUZZ_BUDGET_MS pass through (see tests/fuzz/engine.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

mode=demand
if [[ "${1:-}" == "--ci" ]]; then
  mode=ci
  shift
fi
seconds=${1:-3}
if ! [[ "$seconds" =~ ^[0-9]+([.][0-9]+)?$ ]]; then
  echo "usage: scripts/fuzz.sh [--ci] [SECONDS]" >&2
  exit 2
fi

# Overflow checks on, as in a debug build or `trunk serve`: an integer overflow on hostile
# input is a panic there (the page dies) and a silently wrong answer in a release build.
export CARGO_PROFILE_RELEASE_NATIVE_OVERFLOW_CHECKS=true
export FUZZ_SECONDS="$seconds" FUZZ_MODE="$mode"
cargo test --locked --profile release-native --test fuzz -- --test-threads=1 --nocapture 2>&1 \
  | grep -v -e '^running ' -e '^test .* ok$' -e '^$'
