#!/usr/bin/env bash
# MQTT authentication benchmark against a running service (scripts/run.sh): AuthenticateDevice
# cold (bcrypt cost 10) and warm (cached), with the gRPC health Check as baseline.
#   scripts/bench-mqtt-auth.sh [devices=400] [concurrency=16] [rounds=3]
set -Eeuo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/java-env.sh"
cd "$here/.."
mvn -B -q -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  com.placebrain.devices.bench.MqttAuthLoad "${1:-400}" "${2:-16}" "${3:-3}"
