#!/usr/bin/env bash
# Run the whole test suite: package unit tests, data package validation and reconciliation,
# bad-input tests, nbval execution of every chapter, and the headless-Chromium site test.
# The site test needs the built site (scripts/setup-and-build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python -m pytest --nbval-lax --durations=25 "$@"
