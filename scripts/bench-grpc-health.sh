#!/usr/bin/env bash
# gRPC transport benchmark: Health/Check requests/s under N concurrent calls against a running
# service (scripts/run.sh) and a grpc-java Netty baseline measured in the same run.
#   scripts/bench-grpc-health.sh [port=50053] [concurrency=64] [seconds=10] [rounds=5]
set -Eeuo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/java-env.sh"
cd "$here/.."
mvn -B -q -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  com.placebrain.devices.bench.GrpcHealthLoad "${1:-50053}" "${2:-64}" "${3:-10}" "${4:-5}"
