#!/usr/bin/env bash
# Measures the token-alignment signals on a labelled JSONL file: AUROC alone (higher value = faithful, label 0),
# within answer-length quintiles, and ms per row. --sweep adds other close-match thresholds and weightings.
#
#   bench/align-measure.sh ../shared/train/ragtruth_qa_train.jsonl [--sweep [ROWS]]
set -euo pipefail
file="$(realpath "$1")"
shift
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
exec java -Xmx1g ${JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/test.classpath)" \
  "io.confidencegateway.confidence.align.${CLASS:-AlignmentMeasurement}" "$file" "$@"
