#!/usr/bin/env bash
# Runs the service in the foreground (gRPC 127.0.0.1:50053, HTTP 127.0.0.1:9080 unless the
# environment says otherwise) after bringing up its local stack. Ctrl-C or SIGTERM stops the
# server gracefully; the stack keeps running (scripts/stack.sh down).
#   scripts/run.sh            build once with Maven, then run the server alone (`server run`):
#                             no Maven process stays resident beside it
#   scripts/run.sh dev        Liberty dev mode with hot reload (liberty:dev); restart it after some
#                             ten reloads (each reload leaves the earlier copy in memory, README)
set -Eeuo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/java-env.sh"
bash "$here/stack.sh" up
cd "$here/.."
if [ "${1:-}" = dev ]; then
  exec mvn -B -ntp prepare-package liberty:create resources:copy-resources@datasource-to-server liberty:dev -DskipTests
fi
mvn -B -ntp -q -DskipTests package liberty:create liberty:install-feature liberty:deploy \
  resources:copy-resources@datasource-to-server
echo "[run] starting; the console shows where gRPC and HTTP listen ('gRPC listening on', CWWKT0016I)," \
  "the full log is target/liberty/wlp/usr/servers/devices/logs/messages.log"
# `server run` keeps the server in the foreground and turns SIGTERM/SIGINT into a server stop.
# Under bash: Liberty's script is #!/bin/sh, and Debian's sh (dash) forks a sed for each JVM option
# it reads (2 s of the start-up here); bash does the same work in-process.
exec bash target/liberty/wlp/bin/server run devices
