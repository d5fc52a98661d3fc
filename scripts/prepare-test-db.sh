#!/usr/bin/env bash
# Rebuilds the integration-test databases from the Python service's fixture:
#   devices_test            what the Liberty server under test adopts and migrates
#   devices_test_pristine   the same fixture, never migrated, to prove no row was touched
# devices_test_fresh and devices_test_dropin are created empty: the migrate-from-nothing test and
# the platform drop-in scenario (PlatformDropInIT).
set -Eeuo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
fixture=${FIXTURE:-$here/../src/test/resources/fixtures/python-service-db.sql}
export PGOPTIONS="--client-min-messages=warning"
pg=(-h "${PG_HOST:-127.0.0.1}" -p "${PG_PORT:-5432}" -U "${PG_SUPERUSER:-postgres}")
owner=${DB_USER:-devices}

[ -f "$fixture" ] || { echo "[test-db] fixture not found: $fixture (set FIXTURE=...)" >&2; exit 1; }
for db in devices_test devices_test_pristine devices_test_fresh devices_test_dropin; do
  psql "${pg[@]}" -v ON_ERROR_STOP=1 -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" postgres
  psql "${pg[@]}" -v ON_ERROR_STOP=1 -qc "CREATE DATABASE $db OWNER $owner" postgres
done
for db in devices_test devices_test_pristine; do
  psql -h "${PG_HOST:-127.0.0.1}" -p "${PG_PORT:-5432}" -U "$owner" \
    -v ON_ERROR_STOP=1 -q -d "$db" -f "$fixture" >/dev/null
done
echo "[test-db] devices_test, devices_test_pristine (fixture) and devices_test_fresh, devices_test_dropin (empty) ready"
