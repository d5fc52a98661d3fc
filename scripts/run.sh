#!/usr/bin/env bash
# Runs the service in the foreground on 127.0.0.1 (gRPC :50053, HTTP :9080) after bringing up
# its local stack. Ctrl-C stops the server; the stack keeps running (scripts/stack.sh down).
#   scripts/run.sh            build and run (liberty:run)
#   scripts/run.sh dev        Liberty dev mode with hot reload (liberty:dev)
set -Eeuo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/java-env.sh"
bash "$here/stack.sh" up
cd "$here/.."
if [ "${1:-}" = dev ]; then
  exec mvn -B -ntp prepare-package liberty:create resources:copy-resources@datasource-to-server liberty:dev -DskipTests
fi
exec mvn -B -ntp -DskipTests package liberty:create resources:copy-resources@datasource-to-server liberty:run
