#!/usr/bin/env bash
# Builds everything, then runs the full benchmark (Parvis, then the baseline, then the comparison).
# Every process it starts is stopped at the end. Extra arguments go to org.parvis.bench.Benchmark, e.g.
#   bench/run.sh --steps 1,5,10,20,50,100 --step-seconds 30 --idle 2000 --jfr-at-step 50
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests
exec java -cp bench/target/parvis-bench.jar org.parvis.bench.Benchmark "$@"
