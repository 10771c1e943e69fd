#!/bin/sh
# kafka-storage.sh / kafka-server-start.sh (links to this file): the class each runs, with the
# official scripts' variables. The broker is exec'd, so it is PID 1 and gets SIGTERM.
set -eu
case "$(basename "$0")" in
  kafka-storage.sh) main=kafka.tools.StorageTool heap="-Xmx256m" ;;
  kafka-server-start.sh) main=kafka.Kafka heap="-Xms1g -Xmx1g" ;;
  *) echo "$0: run as kafka-storage.sh or kafka-server-start.sh" >&2; exit 2 ;;
esac
# shellcheck disable=SC2086 # the variables hold several JVM options each
exec java ${KAFKA_HEAP_OPTS:-$heap} ${KAFKA_LOG4J_OPTS:-} ${KAFKA_OPTS:-} -cp '/opt/kafka/libs/*' "$main" "$@"
