#!/bin/bash
# Container health check: healthy once the application has started (MicroProfile Health
# /health/started answers 200). Deliberately not /health/ready: in PlaceBrain's compose EMQX starts
# only after the gateway, which waits for this container, so requiring the broker would deadlock.
# bash alone (/dev/tcp): the Open Liberty image has no python, and curl is not guaranteed.
exec 3<>"/dev/tcp/127.0.0.1/${DEVICES_HTTP_PORT:-9080}" || exit 1
printf 'GET /health/started HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
read -r -t 3 _ code _ <&3 || exit 1
[ "$code" = 200 ]
