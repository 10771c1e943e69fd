#!/bin/sh
# rabbitmq.conf from the environment (written to /tmp: the root filesystem is read-only).
set -eu
export HOME=/var/lib/rabbitmq RABBITMQ_LOGS=- RABBITMQ_CONFIG_FILE=/tmp/rabbitmq.conf ERL_CRASH_DUMP=/tmp/erl_crash.dump
cat >/tmp/rabbitmq.conf <<CONF
default_user = ${RABBITMQ_DEFAULT_USER:-guest}
default_pass = ${RABBITMQ_DEFAULT_PASS:-guest}
loopback_users = none
listeners.tcp.default = 5672
management.tcp.port = 15672
CONF
cd /tmp
exec /usr/lib/rabbitmq/bin/rabbitmq-server
