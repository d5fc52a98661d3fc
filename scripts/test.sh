#!/usr/bin/env bash
# Runs every test: unit tests, then integration tests on a real Liberty server (Arquillian)
# against real PostgreSQL, Redis, Kafka and Mosquitto, which this script brings up first.
#   scripts/test.sh [extra maven arguments]
set -Eeuo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/java-env.sh"
bash "$here/stack.sh" up
cd "$here/.."
exec mvn -B -ntp clean verify "$@"
