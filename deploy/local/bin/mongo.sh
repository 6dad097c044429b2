#!/usr/bin/env bash
# The local MongoDB default: mongo-java-server (MongoDB wire protocol) with its H2 backend in one file, oplog on.
# Production uses a real MongoDB by connection string (MONGODB_URI); nothing in Darwin depends on this server.
#
#   deploy/local/bin/mongo.sh start|stop|restart|status
#
# Environment: DARWIN_HOME (state, default .darwin/ in the repository), DARWIN_MONGO_HOST (127.0.0.1),
# DARWIN_MONGO_PORT (27017).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

HOST="${DARWIN_MONGO_HOST:-127.0.0.1}"
PORT="${DARWIN_MONGO_PORT:-27017}"
DIR="$DARWIN_HOME/mongo"
PIDFILE="$DIR/mongo.pid"
LOG="$DIR/mongo.log"

start() {
  if is_running "$PIDFILE"; then
    echo "MongoDB-compatible store is already running on $HOST:$PORT (pid $(cat "$PIDFILE"))"
    return 0
  fi
  ensure_built
  mkdir -p "$DIR"
  nohup java -Xmx512m -cp "$(launcher_classpath)" ai.darwin.local.LocalMongo \
    --host "$HOST" --port "$PORT" --file "$DIR/darwin.mv" >> "$LOG" 2>&1 &
  echo $! > "$PIDFILE"
  wait_for_port "MongoDB-compatible store" "$PORT" 60 "$PIDFILE" "$LOG"
  echo "MongoDB-compatible store ready on mongodb://$HOST:$PORT (file $DIR/darwin.mv, log $LOG)"
}

case "${1:-}" in
  start) start ;;
  stop) stop_pid "MongoDB-compatible store" "$PIDFILE" ;;
  restart) stop_pid "MongoDB-compatible store" "$PIDFILE"; start ;;
  status)
    if is_running "$PIDFILE"; then echo "MongoDB-compatible store is running on $HOST:$PORT (pid $(cat "$PIDFILE"))"
    else echo "MongoDB-compatible store is not running"; exit 3; fi ;;
  *) echo "usage: $0 start|stop|restart|status" >&2; exit 2 ;;
esac
