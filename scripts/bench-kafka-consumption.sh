#!/usr/bin/env bash
# Kafka consumption benchmark against a running service (scripts/run.sh):
# telemetry.status and telemetry.readings messages/s, with a plain-consumer baseline.
#   scripts/bench-kafka-consumption.sh [records=20000] [rounds=3]
set -Eeuo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/java-env.sh"
cd "$here/.."
mvn -B -q -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  com.placebrain.devices.bench.KafkaConsumptionLoad "${1:-20000}" "${2:-3}"
