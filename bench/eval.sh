#!/usr/bin/env bash
# Scores a labelled JSONL file through the gateway's scorer (the code behind POST /v1/score) and prints AUROC with
# a bootstrap 95% interval, AUROC within answer-length quintiles, balanced accuracy at the review threshold, TPR at
# FPR 6 %, the high band's precision and coverage, per-group numbers (--by FIELD), a reliability table with ECE, and
# grouped cross-validation of the training procedure (--group FIELD: rows sharing the field stay in one fold).
# With --fit OUT.json it trains a model (weights + calibration) on the whole file.
#
#   bench/eval.sh FILE.jsonl [--fit OUT.json] [--model MODEL.json] [--threshold 0.60] [--by FIELD]
#                 [--group FIELD] [--folds 5] [--version v3] [--dump OUT.tsv]
#
# Rows: {"context": "...", "question": "..."?, "answer": "...", "label": 0|1, "domain"|"model": "..."?, ...}
# (label 1 = unfaithful). To ship a model, copy OUT.json over src/main/resources/confidence/model-v3.json and commit
# it with the printed numbers (the training command is in bench/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ]; then
  sed -n '2,12p' "$0"
  exit 2
fi
# Resolve paths given relative to the caller's directory before the cd above took effect.
args=()
for a in "$@"; do
  if [ -e "$OLDPWD/$a" ] || [[ "$a" == *.json && "$a" != /* && -d "$OLDPWD/$(dirname "$a")" ]]; then
    args+=("$(cd "$OLDPWD" && realpath -m "$a")")
  else
    args+=("$a")
  fi
done
# The tools live in test scope (src/test/java: they are not shipped in the jar), so they run from test-classes.
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/eval.classpath -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/eval.classpath)" io.confidencegateway.confidence.eval.EvaluationTool "${args[@]}"
