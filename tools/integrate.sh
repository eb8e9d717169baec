#!/usr/bin/env bash
# Coordinator helper: merge BRANCH into the integration worktree, dropping the worktree symlinks
# (.venv, node_modules) from the merge, then fast-forward main to it.
set -euo pipefail
branch=$1; wt=/work/wt/integrate
cd "$wt"
git merge --ff-only -q main 2>/dev/null || git merge -q --no-edit main
git merge --no-commit --no-ff "$branch" || { echo "CONFLICT merging $branch"; exit 1; }
git rm -q --cached --ignore-unmatch .venv node_modules
git commit -q --no-edit -m "Merge branch '$branch'" || true
cd /work/main && git merge --ff-only -q integrate
git log --oneline -1
