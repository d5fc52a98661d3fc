#!/usr/bin/env bash
# The benchmarks of BENCHMARKS.md against a running service (scripts/run.sh), each with its
# baseline measured in the same run; prints one markdown table at the end.
#   scripts/bench.sh                 the default set (= all): grpc devices auth hook clients storm memory
#   scripts/bench.sh grpc hook       only these figures (kafka and roles only when named)
#   scripts/bench.sh all kafka roles everything
#   scripts/bench.sh rounds=2 seconds=3 storm=1000 ...   settings (scripts/bench.sh help lists them)
#   scripts/bench.sh startup         start-up time of the built server (no service running: it starts
#                                    `target/liberty/wlp/bin/server run devices` itself, rounds times)
# "roles" runs Redis FLUSHALL: only against a stack of your own.
set -Eeuo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/java-env.sh"
cd "$here/.."
# The reconnect storm's HTTP client is wrk (bench/WrkPass.java); installed as stack.sh installs
# what is missing: as root, with apt-get, unless STACK_NO_APT is set.
if ! command -v wrk >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && [ -z "${STACK_NO_APT:-}" ]; then
  echo "[bench] installing wrk (apt-get), the reconnect storm's client"
  { apt-get install -y -qq wrk || { apt-get update -qq && apt-get install -y -qq wrk; }; } >/dev/null 2>&1 ||
    echo "[bench] WARN: wrk could not be installed: the storm figure will fail" >&2
fi
quiet=()   # Netty's, protobuf's and Maven's JDK warnings on Java 24 and later
if [ "$(java_major "$JAVA_HOME")" -ge 24 ] 2>/dev/null; then
  quiet=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
mvn -B -q -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java "${quiet[@]}" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" com.placebrain.devices.bench.Bench "$@"
