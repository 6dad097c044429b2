#!/usr/bin/env bash
# A single-node KRaft Kafka broker (the kafka_2.13 jars from Maven Central) on 127.0.0.1, no Docker.
# Its data directory survives restarts; Darwin's topics are created with their contract partition counts.
#
#   deploy/local/bin/kafka.sh start|stop|restart|status
#
# Environment: DARWIN_HOME (state, default .darwin/ in the repository), DARWIN_KAFKA_PORT (9092),
# DARWIN_KAFKA_CONTROLLER_PORT (9093), DARWIN_KAFKA_HEAP (256m).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PORT="${DARWIN_KAFKA_PORT:-9092}"
CONTROLLER_PORT="${DARWIN_KAFKA_CONTROLLER_PORT:-9093}"
DIR="$DARWIN_HOME/kafka"
DATA="$DIR/data"
PIDFILE="$DIR/kafka.pid"
LOG="$DIR/broker.log"

write_config() {
  cat > "$DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$DATA
num.partitions=3
offsets.topic.replication.factor=1
offsets.topic.num.partitions=12
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
log.retention.hours=-1
PROPS
}

start() {
  if is_running "$PIDFILE"; then
    echo "Kafka is already running on 127.0.0.1:$PORT (pid $(cat "$PIDFILE"))"
    return 0
  fi
  ensure_built
  mkdir -p "$DATA"
  write_config
  local cp
  cp="$(launcher_classpath)"
  if [ ! -f "$DATA/meta.properties" ]; then
    [ -f "$DIR/cluster.id" ] || java -cp "$cp" kafka.tools.StorageTool random-uuid > "$DIR/cluster.id"
    java -cp "$cp" kafka.tools.StorageTool format -t "$(cat "$DIR/cluster.id")" -c "$DIR/server.properties" >> "$LOG" 2>&1
  fi
  nohup java "-Xmx${DARWIN_KAFKA_HEAP:-256m}" -cp "$cp" kafka.Kafka "$DIR/server.properties" >> "$LOG" 2>&1 &
  echo $! > "$PIDFILE"
  wait_for_port "Kafka" "$PORT" 60 "$PIDFILE" "$LOG"
  java -cp "$cp" ai.darwin.local.ProvisionTopics --bootstrap "127.0.0.1:$PORT" --timeout 60
  echo "Kafka ready on 127.0.0.1:$PORT (data $DATA, log $LOG)"
}

case "${1:-}" in
  start) start ;;
  stop) stop_pid "Kafka" "$PIDFILE" ;;
  restart) stop_pid "Kafka" "$PIDFILE"; start ;;
  status)
    if is_running "$PIDFILE"; then echo "Kafka is running on 127.0.0.1:$PORT (pid $(cat "$PIDFILE"))"
    else echo "Kafka is not running"; exit 3; fi ;;
  *) echo "usage: $0 start|stop|restart|status" >&2; exit 2 ;;
esac
