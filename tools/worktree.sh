#!/usr/bin/env bash
# Developer helper: a git worktree that shares this checkout's .venv and node_modules.
#   tools/worktree.sh NAME   ->  /work/wt/NAME on branch NAME
set -euo pipefail
name=$1; main="$(cd "$(dirname "$0")/.." && pwd)"; dest=${WT_ROOT:-/work/wt}/$name
git -C "$main" worktree add -q -b "$name" "$dest"
ln -s "$main/.venv" "$dest/.venv"; ln -s "$main/node_modules" "$dest/node_modules"
echo "$dest"
