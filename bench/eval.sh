#!/usr/bin/env bash
# Scores a labelled JSONL file through the gateway's scorer (the code behind POST /v1/score) and prints AUROC with
# a bootstrap 95% interval, balanced accuracy at the review threshold, the answer-length control, per-domain AUROC,
# leave-one-domain-out numbers and a reliability table. With --fit OUT.json it refits the model weights.
#
#   bench/eval.sh FILE.jsonl [--fit OUT.json] [--model MODEL.json] [--threshold 0.60]
#
# Rows: {"context": "...", "question": "..."?, "answer": "...", "label": 0|1, "domain"|"model": "..."?}
# (label 1 = unfaithful). To ship a refit, copy OUT.json over src/main/resources/confidence/model-v1.json
# (or a new model-vN.json) and commit it with the printed numbers.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ]; then
  sed -n '2,9p' "$0"
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
./mvnw -B -q compile dependency:build-classpath -Dmdep.outputFile=target/eval.classpath -Dmdep.includeScope=runtime
exec java -cp "target/classes:$(cat target/eval.classpath)" io.confidencegateway.confidence.eval.EvaluationTool "${args[@]}"
