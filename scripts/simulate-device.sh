#!/usr/bin/env bash
# A device on the command line (demos, docs, manual tests): connects to the MQTT broker as
# device:{id} with its token, publishes status and telemetry, prints the commands it receives.
#   scripts/simulate-device.sh DEVICE_ID PLACE_ID TOKEN [interval-seconds] [sensor-key ...]
# Broker: MQTT_URL (default tcp://127.0.0.1:1883). With Mosquitto as configured here there is
# no authentication; behind EMQX with the hooks of the README the token is checked.
set -Eeuo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/java-env.sh"
cd "$here/.."
mvn -B -q -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  com.placebrain.devices.tools.DeviceSimulator "${MQTT_URL:-tcp://127.0.0.1:1883}" "$@"
