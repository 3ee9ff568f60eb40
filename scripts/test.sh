#!/usr/bin/env bash
# Run the whole test suite: package unit tests, data package validation and reconciliation,
# bad-input tests, nbval execution of every chapter, and the headless-Chromium site test.
# The site test needs the built site (scripts/setup-and-build.sh).
# One worker per core (pytest-xdist); each test file runs whole on one worker, so a file's
# module fixtures (a book copy built once, one browser) and its scenarios' order hold.
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python -m pytest --nbval-lax --numprocesses auto --dist loadfile --durations=25 "$@"
