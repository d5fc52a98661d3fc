#!/usr/bin/env bash
# Local dependency stack for devices-service: PostgreSQL, Redis, Mosquitto and a real
# single-node Apache Kafka (KRaft) fetched from Maven Central.
#
#   scripts/stack.sh up          ensure everything runs (installs with apt only if a binary is missing)
#   scripts/stack.sh down        stop Kafka only (the one this script started)
#   scripts/stack.sh down --all  also stop Redis, Mosquitto and PostgreSQL
#   scripts/stack.sh status      one line per dependency; exit 1 if any is down
#
# Idempotent: a second `up` only checks. Kafka lives under $STACK_HOME (never inside the repo).
# Environment overrides (defaults in brackets):
#   STACK_HOME [~/.cache/devices-stack]   JAVA [the JDK scripts/java-env.sh picks for the build, run
#   and tests (21+), else java on PATH if >= 17]
#   DB_NAME [devices_db] DB_USER [devices] DB_PASSWORD [devices] DB_TEST_NAME [devices_test]
#   PG_HOST [127.0.0.1] PG_PORT [5432] PG_VERSION [newest in /etc/postgresql] PG_CLUSTER [main]
#   PG_SUPERUSER [postgres]  REDIS_HOST [127.0.0.1] REDIS_PORT [6379]
#   MQTT_HOST [127.0.0.1] MQTT_PORT [1883] MOSQUITTO_CONF [/etc/mosquitto/mosquitto.conf for 1883]
#   KAFKA_HOST [127.0.0.1] KAFKA_PORT [9092] KAFKA_CONTROLLER_PORT [9093] KAFKA_VERSION [4.4.0]
#   LOG4J_VERSION [2.24.3] KAFKA_HEAP_OPTS [-Xmx512m] KAFKA_START_TIMEOUT [60] KAFKA_STOP_TIMEOUT [30]
#   KAFKA_AUTO_CREATE_TOPICS [false, as in the platform] KAFKA_EXTRA_CONFIG [extra server.properties lines]
#   STACK_NO_APT [unset; 1 = never run apt-get]
set -Eeuo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

STACK_HOME=${STACK_HOME:-$HOME/.cache/devices-stack}
DB_NAME=${DB_NAME:-devices_db}
DB_USER=${DB_USER:-devices}
DB_PASSWORD=${DB_PASSWORD:-devices}
DB_TEST_NAME=${DB_TEST_NAME:-devices_test}
PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
PG_CLUSTER=${PG_CLUSTER:-main}
PG_SUPERUSER=${PG_SUPERUSER:-postgres}
REDIS_HOST=${REDIS_HOST:-127.0.0.1}
REDIS_PORT=${REDIS_PORT:-6379}
MQTT_HOST=${MQTT_HOST:-127.0.0.1}
MQTT_PORT=${MQTT_PORT:-1883}
KAFKA_HOST=${KAFKA_HOST:-127.0.0.1}
KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
KAFKA_VERSION=${KAFKA_VERSION:-4.4.0}
LOG4J_VERSION=${LOG4J_VERSION:-2.24.3}
KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xmx512m}
KAFKA_START_TIMEOUT=${KAFKA_START_TIMEOUT:-60}
KAFKA_STOP_TIMEOUT=${KAFKA_STOP_TIMEOUT:-30}
KAFKA_AUTO_CREATE_TOPICS=${KAFKA_AUTO_CREATE_TOPICS:-false}
KAFKA_EXTRA_CONFIG=${KAFKA_EXTRA_CONFIG:-}
KAFKA_BOOTSTRAP="$KAFKA_HOST:$KAFKA_PORT"

KAFKA_DIR=$STACK_HOME/kafka
KAFKA_LIBS=$KAFKA_DIR/libs
KAFKA_CONF=$KAFKA_DIR/config
KAFKA_DATA=$KAFKA_DIR/data
KAFKA_LOGS=$KAFKA_DIR/logs
KAFKA_PID_FILE=$KAFKA_DIR/kafka.pid
KAFKA_POM=$SCRIPT_DIR/kafka/pom.xml
CREATE_TOPICS_SRC=$SCRIPT_DIR/kafka/CreateTopics.java

# Platform topics, exactly as PlaceBrain's kafka-init creates them: name:partitions:configs
# (replication factor 1 on this single node). No dead-letter topic: the service creates its own.
TOPICS=(
  "places.member.added:3:cleanup.policy=compact"
  "places.member.role-changed:3:cleanup.policy=compact"
  "places.member.removed:3:cleanup.policy=compact"
  "places.place.deleted:3:cleanup.policy=compact"
  "devices.device.deleted:3:cleanup.policy=compact"
  "devices.device.bulk-deleted:3:cleanup.policy=compact"
  "devices.threshold.created:3:cleanup.policy=compact"
  "devices.threshold.deleted:3:cleanup.policy=compact"
  "telemetry.readings:6:cleanup.policy=delete,retention.ms=604800000"
  "telemetry.status:3:cleanup.policy=delete,retention.ms=86400000"
)

# ---------------------------------------------------------------- helpers
log()  { echo "[stack] $*"; }
warn() { echo "[stack] WARN: $*" >&2; }
die()  { echo "[stack] ERROR: $*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }
now_ms() { date +%s%3N; }
since() { local ms=$(( $(now_ms) - $1 )); printf '%d.%01ds' $((ms / 1000)) $(((ms % 1000) / 100)); }

port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

# wait_until SECONDS cmd...: polls cmd every 0.2 s
wait_until() {
  local deadline=$(( $(now_ms) + $1 * 1000 )); shift
  until "$@"; do
    (( $(now_ms) < deadline )) || return 1
    sleep 0.2
  done
}

check_ident() {
  [[ $2 =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "$1='$2' is not a plain SQL identifier"
}

lock() {
  mkdir -p "$STACK_HOME"
  exec 9>"$STACK_HOME/stack.lock"
  if ! flock -n 9; then
    log "another stack.sh is running; waiting for it"
    flock -w 120 9 || die "could not get $STACK_HOME/stack.lock"
  fi
}

# ---------------------------------------------------------------- packages
ensure_packages() {
  local -A need=()
  have pg_ctlcluster || need[postgresql]=1
  have psql          || need[postgresql]=1
  have pg_isready    || need[postgresql]=1
  have redis-server  || need[redis-server]=1
  have redis-cli     || need[redis-server]=1
  have mosquitto     || need[mosquitto]=1
  have mosquitto_pub || need[mosquitto-clients]=1
  have kcat          || need[kcat]=1
  have mvn           || need[maven]=1
  if ! have java || ! have javac; then
    [[ -n ${JAVA:-} || -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]] || need[openjdk-17-jdk-headless]=1
  fi
  (( ${#need[@]} )) || return 0
  local pkgs=("${!need[@]}")
  if [[ -n ${STACK_NO_APT:-} ]]; then
    if [[ ${#pkgs[@]} -eq 1 && ${pkgs[0]} == kcat ]]; then
      log "kcat missing (STACK_NO_APT set): using the Java Admin client for readiness"
      return 0
    fi
    die "missing packages ${pkgs[*]} and STACK_NO_APT is set"
  fi
  (( EUID == 0 )) || die "missing packages ${pkgs[*]}; run as root or: sudo apt-get install -y ${pkgs[*]}"
  log "installing missing packages: ${pkgs[*]} (apt-get)"
  local t0; t0=$(now_ms)
  export DEBIAN_FRONTEND=noninteractive
  mkdir -p "$STACK_HOME"
  if ! { apt-get update -qq && apt-get install -y -qq "${pkgs[@]}"; } >"$STACK_HOME/apt.log" 2>&1; then
    tail -n 15 "$STACK_HOME/apt.log" >&2
    # kcat is only a convenience (the Admin-API helper can check readiness too)
    if [[ ${#pkgs[@]} -eq 1 && ${pkgs[0]} == kcat ]]; then
      warn "could not install kcat; falling back to the Java Admin client"
      return 0
    fi
    die "apt-get install ${pkgs[*]} failed"
  fi
  log "packages installed in $(since "$t0")"
}

# ---------------------------------------------------------------- java
# The same JDK as scripts/run.sh and scripts/test.sh, whether this script runs on its own or from
# them: the topic tool compiled by one JDK must not be run by an older one.
source "$SCRIPT_DIR/java-env.sh" 2>/dev/null || true
JAVA_BIN=
pick_java() {
  [[ -n $JAVA_BIN ]] && return 0
  local cands=() j v
  [[ -n ${JAVA:-} ]] && cands+=("$JAVA")
  [[ -n ${JAVA_HOME:-} ]] && cands+=("$JAVA_HOME/bin/java")
  have java && cands+=("$(command -v java)")
  cands+=(/usr/lib/jvm/temurin-25-jdk-amd64/bin/java)
  for j in "${cands[@]}"; do
    [[ -x $j ]] || continue
    v=$("$j" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
    if [[ -n $v ]] && (( v >= 17 )); then JAVA_BIN=$j; return 0; fi
  done
  die "no Java 17+ found (set JAVA=/path/to/bin/java)"
}

# ---------------------------------------------------------------- postgres
pg_version() {
  if [[ -n ${PG_VERSION:-} ]]; then echo "$PG_VERSION"; return; fi
  ls /etc/postgresql 2>/dev/null | sort -V | tail -1
}
pg_ready() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 2 >/dev/null 2>&1; }
# superuser over TCP without password (what the service and tests rely on)
pg_sql() { psql -X -q -w -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_SUPERUSER" -d postgres -tA "$@"; }
# as OS user postgres over the unix socket (peer auth; works on a fresh install)
pg_sql_local() { (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres -tA "$@"); }

ensure_postgres() {
  local ver t0
  if ! pg_ready; then
    ver=$(pg_version)
    [[ -n $ver ]] || die "postgres: no version under /etc/postgresql (is the postgresql package installed?)"
    t0=$(now_ms)
    if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$ver $PG_CLUSTER"; then
      log "postgres: creating cluster $ver/$PG_CLUSTER on port $PG_PORT"
      pg_createcluster "$ver" "$PG_CLUSTER" -p "$PG_PORT" >/dev/null 9>&-
    fi
    log "postgres: starting cluster $ver/$PG_CLUSTER"
    pg_ctlcluster --skip-systemctl-redirect "$ver" "$PG_CLUSTER" start </dev/null 9>&- \
      || die "postgres: pg_ctlcluster start failed (see /var/log/postgresql/postgresql-$ver-$PG_CLUSTER.log)"
    wait_until 30 pg_ready || die "postgres: not accepting connections on $PG_HOST:$PG_PORT after 30 s"
    log "postgres: started in $(since "$t0")"
  fi

  if ! pg_sql -c 'select 1' >/dev/null 2>&1; then
    # Fresh Debian install: 127.0.0.1 uses scram-sha-256. Trust local TCP like the dev machines do.
    local hba
    hba=$(pg_sql_local -c 'show hba_file') || die "postgres: cannot connect as OS user postgres either"
    log "postgres: enabling trust auth for 127.0.0.1 / ::1 in $hba"
    local tmp="$hba.stack.tmp"
    { printf '%s\n' "# added by devices-service scripts/stack.sh: local dev, trust TCP from localhost" \
        "host    all    all    127.0.0.1/32    trust" \
        "host    all    all    ::1/128         trust"
      cat "$hba"; } >"$tmp"
    cat "$tmp" >"$hba" && rm -f "$tmp"   # keep owner and mode of the original
    pg_sql_local -c 'select pg_reload_conf()' >/dev/null
    wait_until 5 pg_sql -c 'select 1' >/dev/null 2>&1 \
      || die "postgres: still cannot connect as $PG_SUPERUSER@$PG_HOST:$PG_PORT without password"
  fi

  check_ident DB_USER "$DB_USER"; check_ident DB_NAME "$DB_NAME"; check_ident DB_TEST_NAME "$DB_TEST_NAME"
  if [[ -z $(pg_sql -c "select 1 from pg_roles where rolname = '$DB_USER'") ]]; then
    local pw=${DB_PASSWORD//\'/\'\'}
    pg_sql -c "create role \"$DB_USER\" login createdb password '$pw'" >/dev/null
    log "postgres: created role $DB_USER"
  fi
  local db owner
  for db in "$DB_NAME" "$DB_TEST_NAME"; do
    owner=$(pg_sql -c "select pg_get_userbyid(datdba) from pg_database where datname = '$db'")
    if [[ -z $owner ]]; then
      pg_sql -c "create database \"$db\" owner \"$DB_USER\"" >/dev/null
      log "postgres: created database $db (owner $DB_USER)"
    elif [[ $owner != "$DB_USER" ]]; then
      pg_sql -c "alter database \"$db\" owner to \"$DB_USER\"" >/dev/null
      log "postgres: database $db owner changed $owner -> $DB_USER"
    fi
  done
  log "postgres: up $PG_HOST:$PG_PORT (databases $DB_NAME, $DB_TEST_NAME; owner $DB_USER)"
}

# ---------------------------------------------------------------- redis
redis_ok() { [[ $(timeout 3 redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]; }

ensure_redis() {
  if redis_ok; then log "redis: up $REDIS_HOST:$REDIS_PORT"; return; fi
  port_open "$REDIS_HOST" "$REDIS_PORT" && die "redis: something listens on $REDIS_HOST:$REDIS_PORT but does not answer PING"
  local t0 logfile=/var/log/redis/ci.log
  [[ $REDIS_PORT == 6379 ]] || logfile=/var/log/redis/ci-$REDIS_PORT.log
  t0=$(now_ms)
  log "redis: starting on $REDIS_HOST:$REDIS_PORT"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind "$REDIS_HOST" -::1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir /var/lib/redis --logfile "$logfile" </dev/null >/dev/null 9>&-
  wait_until 10 redis_ok || die "redis: no PONG after 10 s (see $logfile)"
  log "redis: up $REDIS_HOST:$REDIS_PORT (started in $(since "$t0"))"
}

# ---------------------------------------------------------------- mosquitto
mosquitto_conf() {
  if [[ -n ${MOSQUITTO_CONF:-} ]]; then echo "$MOSQUITTO_CONF"; return; fi
  if [[ $MQTT_PORT == 1883 ]]; then echo /etc/mosquitto/mosquitto.conf; return; fi
  # another port: a small config of our own (anonymous, no persistence)
  local conf=$STACK_HOME/mosquitto/mosquitto-$MQTT_PORT.conf
  mkdir -p "${conf%/*}"
  cat >"$conf" <<EOF
# generated by scripts/stack.sh
pid_file /run/mosquitto/mosquitto-$MQTT_PORT.pid
persistence false
log_dest file /var/log/mosquitto/mosquitto-$MQTT_PORT.log
listener $MQTT_PORT $MQTT_HOST
allow_anonymous true
EOF
  echo "$conf"
}
conf_value() { awk -v k="$2" '$1 == k { $1 = ""; sub(/^ +/, ""); print; exit }' "$1" 2>/dev/null; }
mqtt_pub() { timeout 5 mosquitto_pub -h "$MQTT_HOST" -p "$MQTT_PORT" -i "stack-sh-$$" -q 1 -t stack/ping -m ping "$@"; }
mqtt_ok() { mqtt_pub 2>/dev/null; }

ensure_mosquitto() {
  if mqtt_ok; then log "mosquitto: up $MQTT_HOST:$MQTT_PORT (anonymous publish ok)"; return; fi
  if port_open "$MQTT_HOST" "$MQTT_PORT"; then
    die "mosquitto: $MQTT_HOST:$MQTT_PORT is open but an anonymous publish fails: $(mqtt_pub 2>&1 | head -1)"
  fi
  local conf t0 f d
  conf=$(mosquitto_conf)
  [[ -f $conf ]] || die "mosquitto: config $conf not found"
  t0=$(now_ms)
  # mosquitto drops to user mosquitto before writing its pid file, log and persistence data
  for f in "$(conf_value "$conf" pid_file)" "$(conf_value "$conf" log_dest | awk '$1 == "file" { print $2 }')"; do
    [[ -n $f ]] || continue
    d=${f%/*}; mkdir -p "$d"
    id mosquitto >/dev/null 2>&1 && chown mosquitto: "$d"
  done
  d=$(conf_value "$conf" persistence_location)
  if [[ -n $d ]]; then mkdir -p "$d"; id mosquitto >/dev/null 2>&1 && chown mosquitto: "$d"; fi
  log "mosquitto: starting ($conf)"
  mkdir -p "$STACK_HOME"
  local out=$STACK_HOME/mosquitto-start.log
  mosquitto -d -c "$conf" </dev/null >"$out" 2>&1 9>&- || { cat "$out" >&2; die "mosquitto: failed to start"; }
  wait_until 10 mqtt_ok || { cat "$out" >&2; die "mosquitto: anonymous publish to $MQTT_HOST:$MQTT_PORT still fails after 10 s (log: $(conf_value "$conf" log_dest))"; }
  log "mosquitto: up $MQTT_HOST:$MQTT_PORT (started in $(since "$t0"))"
}

mosquitto_pid() {
  local pf pid
  pf=$(conf_value "$(mosquitto_conf)" pid_file)
  if [[ -n $pf && -r $pf ]]; then
    pid=$(<"$pf")
    if [[ -n $pid ]] && grep -qa mosquitto "/proc/$pid/cmdline" 2>/dev/null; then echo "$pid"; return 0; fi
  fi
  ss -ltnpH "sport = :$MQTT_PORT" 2>/dev/null | grep -o 'mosquitto",pid=[0-9]*' | head -1 | cut -d= -f2 | grep .
}

# ---------------------------------------------------------------- kafka
kafka_pid() {
  local pid
  [[ -r $KAFKA_PID_FILE ]] || return 1
  pid=$(<"$KAFKA_PID_FILE")
  [[ -n $pid ]] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka' && echo "$pid"
}

KCAT_META=
# broker answers metadata (not just an open port)
kafka_ready() {
  port_open "$KAFKA_HOST" "$KAFKA_PORT" || return 1
  have kcat || return 0   # the Java helper waits for metadata itself
  KCAT_META=$(timeout 10 kcat -b "$KAFKA_BOOTSTRAP" -L -m 3 2>/dev/null) || return 1
  grep -Eq '^ *[1-9][0-9]* brokers:' <<<"$KCAT_META"
}

ensure_kafka_libs() {
  local want
  want="kafka=$KAFKA_VERSION log4j=$LOG4J_VERSION pom=$(sha256sum "$KAFKA_POM" | cut -c1-16)"
  if [[ -r $KAFKA_LIBS/.stamp && $(<"$KAFKA_LIBS/.stamp") == "$want" ]]; then return 0; fi
  have mvn || die "kafka: mvn not found"
  local t0 tmp=$KAFKA_LIBS.tmp.$$
  t0=$(now_ms)
  log "kafka: resolving org.apache.kafka:kafka_2.13:$KAFKA_VERSION from Maven Central into $KAFKA_LIBS"
  rm -rf "$tmp"; mkdir -p "$KAFKA_DIR"
  if ! mvn -B -q -Dstyle.color=never -f "$KAFKA_POM" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$tmp" \
      -Dkafka.version="$KAFKA_VERSION" -Dlog4j.version="$LOG4J_VERSION" >"$KAFKA_DIR/mvn.log" 2>&1; then
    tail -20 "$KAFKA_DIR/mvn.log" >&2
    rm -rf "$tmp"
    die "kafka: mvn dependency:copy-dependencies failed (full log: $KAFKA_DIR/mvn.log)"
  fi
  [[ -f $tmp/kafka_2.13-$KAFKA_VERSION.jar ]] || die "kafka: kafka_2.13-$KAFKA_VERSION.jar missing after mvn"
  rm -rf "$KAFKA_LIBS"; mv "$tmp" "$KAFKA_LIBS"
  echo "$want" >"$KAFKA_LIBS/.stamp"
  log "kafka: $(ls "$KAFKA_LIBS"/*.jar | wc -l) jars ($(du -sh "$KAFKA_LIBS" | cut -f1)) resolved in $(since "$t0")"
}

write_kafka_config() {
  mkdir -p "$KAFKA_CONF" "$KAFKA_DATA" "$KAFKA_LOGS"
  cat >"$KAFKA_CONF/server.properties" <<EOF
# generated by scripts/stack.sh -- single-node KRaft (combined broker + controller) for local dev/tests
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DATA
metadata.log.dir=$KAFKA_DATA
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=$KAFKA_AUTO_CREATE_TOPICS
num.recovery.threads.per.data.dir=1
$KAFKA_EXTRA_CONFIG
EOF
  cat >"$KAFKA_CONF/log4j2.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!-- generated by scripts/stack.sh: broker logs go to a file -->
<Configuration status="warn">
  <Appenders>
    <RollingFile name="server" fileName="$KAFKA_LOGS/server.log" filePattern="$KAFKA_LOGS/server.log.%i">
      <PatternLayout pattern="[%d] %p %m (%c)%n"/>
      <Policies><SizeBasedTriggeringPolicy size="20 MB"/></Policies>
      <DefaultRolloverStrategy max="3"/>
    </RollingFile>
  </Appenders>
  <Loggers>
    <Logger name="kafka.request.logger" level="warn"/>
    <Logger name="state.change.logger" level="warn"/>
    <Root level="info"><AppenderRef ref="server"/></Root>
  </Loggers>
</Configuration>
EOF
  cat >"$KAFKA_CONF/tools-log4j2.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<!-- generated by scripts/stack.sh: command-line tools log errors only -->
<Configuration status="error">
  <Appenders><Console name="err" target="SYSTEM_ERR"><PatternLayout pattern="%p %m (%c)%n"/></Console></Appenders>
  <Loggers><Root level="error"><AppenderRef ref="err"/></Root></Loggers>
</Configuration>
EOF
}

kafka_tool() {
  "$JAVA_BIN" -Xmx256m -Dlog4j2.configurationFile="$KAFKA_CONF/tools-log4j2.xml" -cp "$KAFKA_LIBS/*" "$@"
}

format_kafka_storage() {
  [[ -f $KAFKA_DATA/meta.properties ]] && return 0
  local cid
  if [[ -s $KAFKA_DIR/cluster.id ]]; then
    cid=$(<"$KAFKA_DIR/cluster.id")
  else
    cid=$(kafka_tool kafka.tools.StorageTool random-uuid | tail -1)
    [[ $cid =~ ^[A-Za-z0-9_-]{22}$ ]] || die "kafka: StorageTool random-uuid returned '$cid'"
    echo "$cid" >"$KAFKA_DIR/cluster.id"
  fi
  log "kafka: formatting storage (cluster id $cid)"
  kafka_tool kafka.tools.StorageTool format -t "$cid" -c "$KAFKA_CONF/server.properties" --ignore-formatted \
    >"$KAFKA_LOGS/format.log" 2>&1 || { cat "$KAFKA_LOGS/format.log" >&2; die "kafka: storage format failed"; }
}

start_kafka() {
  pick_java
  write_kafka_config
  format_kafka_storage
  if port_open "$KAFKA_HOST" "$KAFKA_CONTROLLER_PORT"; then
    die "kafka: controller port $KAFKA_HOST:$KAFKA_CONTROLLER_PORT is already in use"
  fi
  log "kafka: starting broker $KAFKA_BOOTSTRAP ($("$JAVA_BIN" -version 2>&1 | head -1 | sed 's/.*version "\([^"]*\)".*/java \1/'), $KAFKA_HEAP_OPTS)"
  echo "==== $(date -Is) start" >>"$KAFKA_LOGS/kafka.out"
  # setsid + nohup: the broker survives the calling shell / CI step; $! is the java pid
  # shellcheck disable=SC2086
  # The broker outlives this script, so it keeps no descriptor of ours or of our caller: not the
  # stack.lock (fd 9), nor a caller's lock or pipe, which would stay held for as long as it runs.
  ( for fd in /proc/$BASHPID/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done 2>/dev/null
    cd "$KAFKA_DIR" && exec setsid nohup "$JAVA_BIN" $KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
      -Djava.awt.headless=true -Dlog4j2.configurationFile="$KAFKA_CONF/log4j2.xml" \
      -Dkafka.logs.dir="$KAFKA_LOGS" -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_CONF/server.properties" \
      >>"$KAFKA_LOGS/kafka.out" 2>&1 </dev/null ) &
  echo $! >"$KAFKA_PID_FILE"
}

kafka_alive_and_ready() {
  # plain kill -0: right after the fork the pid may still be the subshell before its exec of java
  if ! kill -0 "$(cat "$KAFKA_PID_FILE" 2>/dev/null || echo 0)" 2>/dev/null; then
    echo "[stack] ERROR: kafka: broker process exited during startup; last log lines:" >&2
    tail -n 25 "$KAFKA_LOGS/server.log" "$KAFKA_LOGS/kafka.out" 2>/dev/null >&2
    exit 1
  fi
  kafka_ready
}

ensure_kafka() {
  local t0 pid
  ensure_kafka_libs
  t0=$(now_ms)
  if kafka_ready; then
    if pid=$(kafka_pid); then log "kafka: up $KAFKA_BOOTSTRAP (pid $pid)"
    else log "kafka: up $KAFKA_BOOTSTRAP (not started by stack.sh)"; fi
  else
    if pid=$(kafka_pid); then
      log "kafka: process $pid exists but is not answering yet; waiting"
    elif port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
      die "kafka: $KAFKA_BOOTSTRAP is open but does not answer metadata (not started by this script?)"
    else
      start_kafka
    fi
    if ! wait_until "$KAFKA_START_TIMEOUT" kafka_alive_and_ready; then
      tail -n 15 "$KAFKA_LOGS/server.log" >&2 2>/dev/null || true
      die "kafka: broker did not answer metadata on $KAFKA_BOOTSTRAP within ${KAFKA_START_TIMEOUT}s (logs: $KAFKA_LOGS)"
    fi
    have kcat && log "kafka: up $KAFKA_BOOTSTRAP (pid $(kafka_pid || echo '?'), ready in $(since "$t0"))"
  fi
  ensure_topics
}

# All topics present with the right partition count (per kcat metadata)? Then nothing to do.
topics_present_kcat() {
  [[ -n $KCAT_META ]] || return 1
  local spec name parts
  for spec in "${TOPICS[@]}"; do
    IFS=: read -r name parts _ <<<"$spec"
    grep -qF "topic \"$name\" with $parts partitions:" <<<"$KCAT_META" || return 1
  done
}

ensure_topics() {
  if have kcat && topics_present_kcat; then
    log "kafka: topics ok (${#TOPICS[@]} present)"
    return 0
  fi
  pick_java
  [[ -f $KAFKA_CONF/tools-log4j2.xml ]] || write_kafka_config
  local t0 cp f main=("$CREATE_TOPICS_SRC")
  t0=$(now_ms)
  # Admin client only: a short classpath starts about 1 s faster than libs/*
  cp=$(for f in "$KAFKA_LIBS"/{kafka-clients,slf4j-api,log4j-api,log4j-core,log4j-slf4j-impl}-[0-9]*.jar; do printf '%s:' "$f"; done)
  # compile once per source version (the single-file launcher would compile on every run)
  local javac=${JAVA_BIN%/java}/javac classes=$KAFKA_DIR/tools stamp
  # keyed by source and JDK: classes of a newer JDK fail on an older one (UnsupportedClassVersionError)
  stamp=$( { cat "$CREATE_TOPICS_SRC"; echo "$JAVA_BIN"; } | sha256sum | cut -c1-16)
  if [[ -x $javac ]]; then
    if [[ ! -f $classes/CreateTopics.class || $(cat "$classes/.stamp" 2>/dev/null) != "$stamp" ]]; then
      rm -rf "$classes"; mkdir -p "$classes"
      "$javac" -nowarn -d "$classes" -cp "$cp" "$CREATE_TOPICS_SRC" && echo "$stamp" >"$classes/.stamp" \
        || die "kafka: javac $CREATE_TOPICS_SRC failed"
    fi
    cp="$classes:$cp" main=(CreateTopics)
  fi
  # one JVM: waits for metadata (when kcat is absent), creates missing topics, warns on drift
  "$JAVA_BIN" -Xmx128m -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile="$KAFKA_CONF/tools-log4j2.xml" -cp "$cp" \
    "${main[@]}" --bootstrap "$KAFKA_BOOTSTRAP" --wait "$KAFKA_START_TIMEOUT" --rf 1 "${TOPICS[@]}" \
    || die "kafka: topic setup failed"
  log "kafka: topic check took $(since "$t0")"
}

stop_kafka() {
  local pid t0 deadline
  if pid=$(kafka_pid); then
    t0=$(now_ms)
    log "kafka: stopping pid $pid (SIGTERM)"
    kill -TERM "$pid" 2>/dev/null || true
    deadline=$(( $(now_ms) + KAFKA_STOP_TIMEOUT * 1000 ))
    while kill -0 "$pid" 2>/dev/null && (( $(now_ms) < deadline )); do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      warn "kafka: still running after ${KAFKA_STOP_TIMEOUT}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
    fi
    rm -f "$KAFKA_PID_FILE"
    log "kafka: stopped in $(since "$t0")"
  elif port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
    warn "kafka: $KAFKA_BOOTSTRAP is in use by a process this script did not start; left alone"
  else
    rm -f "$KAFKA_PID_FILE"
    log "kafka: not running"
  fi
}

# ---------------------------------------------------------------- commands
cmd_up() {
  local t0; t0=$(now_ms)
  lock
  ensure_packages
  ensure_postgres
  ensure_redis
  ensure_mosquitto
  ensure_kafka
  log "up: all dependencies ready in $(since "$t0")" \
    "(jdbc:postgresql://$PG_HOST:$PG_PORT/$DB_NAME, redis://$REDIS_HOST:$REDIS_PORT, tcp://$MQTT_HOST:$MQTT_PORT, kafka $KAFKA_BOOTSTRAP)"
}

cmd_down() {
  local all=
  case ${1:-} in
    --all) all=1 ;;
    "") ;;
    *) die "usage: $0 down [--all]" ;;
  esac
  lock
  stop_kafka
  [[ -n $all ]] || { log "down: system services (postgres, redis, mosquitto) left running; use 'down --all' to stop them"; return 0; }
  if redis_ok; then
    redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    wait_until 10 bash -c "! timeout 1 bash -c 'exec 3<>/dev/tcp/$REDIS_HOST/$REDIS_PORT' 2>/dev/null" || warn "redis: still up"
    log "redis: stopped"
  else
    log "redis: not running"
  fi
  local pid
  if pid=$(mosquitto_pid); then
    kill -TERM "$pid" 2>/dev/null || true
    wait_until 10 bash -c "! kill -0 $pid 2>/dev/null" || warn "mosquitto: pid $pid still running"
    log "mosquitto: stopped (pid $pid)"
  else
    log "mosquitto: not running"
  fi
  if pg_ready; then
    pg_ctlcluster --skip-systemctl-redirect "$(pg_version)" "$PG_CLUSTER" stop || warn "postgres: stop failed"
    log "postgres: stopped"
  else
    log "postgres: not running"
  fi
}

cmd_status() {
  local down=0 detail pid
  if pg_ready; then
    detail=""
    if pg_sql -c 'select 1' >/dev/null 2>&1; then
      local dbs
      dbs=$(pg_sql -c "select string_agg(datname, ',' order by datname) from pg_database where datname in ('$DB_NAME', '$DB_TEST_NAME')")
      detail="databases: ${dbs:-none}"
    else
      detail="no passwordless access for $PG_SUPERUSER (run up)"
    fi
    printf '[stack] %-10s up    %s (%s)\n' postgres "$PG_HOST:$PG_PORT" "$detail"
  else
    printf '[stack] %-10s DOWN  %s\n' postgres "$PG_HOST:$PG_PORT"; down=1
  fi
  if redis_ok; then printf '[stack] %-10s up    %s\n' redis "$REDIS_HOST:$REDIS_PORT"
  else printf '[stack] %-10s DOWN  %s\n' redis "$REDIS_HOST:$REDIS_PORT"; down=1; fi
  if mqtt_ok; then printf '[stack] %-10s up    %s\n' mosquitto "$MQTT_HOST:$MQTT_PORT"
  else printf '[stack] %-10s DOWN  %s\n' mosquitto "$MQTT_HOST:$MQTT_PORT"; down=1; fi
  pid=$(kafka_pid || true)
  if kafka_ready; then
    if have kcat; then
      local n=0 spec name parts
      for spec in "${TOPICS[@]}"; do
        IFS=: read -r name parts _ <<<"$spec"
        grep -qF "topic \"$name\" with $parts partitions:" <<<"$KCAT_META" && n=$((n + 1))
      done
      detail="topics ${n}/${#TOPICS[@]}"
    else
      detail="port open"
    fi
    local who="not started by stack.sh"
    [[ -n $pid ]] && who="pid $pid"
    printf '[stack] %-10s up    %s (%s, %s)\n' kafka "$KAFKA_BOOTSTRAP" "$who" "$detail"
  else
    printf '[stack] %-10s DOWN  %s%s\n' kafka "$KAFKA_BOOTSTRAP" "${pid:+ (pid $pid alive, not answering)}"; down=1
  fi
  return $down
}

usage() {
  sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

case ${1:-} in
  up) shift; cmd_up "$@" ;;
  down) shift; cmd_down "$@" ;;
  status) shift; cmd_status "$@" ;;
  -h|--help|help) usage ;;
  *) usage >&2; exit 2 ;;
esac
