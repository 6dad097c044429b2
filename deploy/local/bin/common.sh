# Shared by kafka.sh and mongo.sh: where things live and how the launcher classpath is built.
set -euo pipefail

DARWIN_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
LOCAL_MODULE="$DARWIN_REPO/deploy/local"
# runtime state (broker data, store file, logs, pids); kept across restarts
DARWIN_HOME="${DARWIN_HOME:-$DARWIN_REPO/.darwin}"

ensure_built() {
  if [ ! -d "$LOCAL_MODULE/target/lib" ] || [ ! -d "$LOCAL_MODULE/target/classes/ai" ]; then
    echo "building the local launchers (first time only)..."
    (cd "$DARWIN_REPO" && mvn -B -q -pl deploy/local -am package -DskipTests)
  fi
}

launcher_classpath() {
  echo "$LOCAL_MODULE/target/classes:$LOCAL_MODULE/target/lib/*"
}

# is_running PIDFILE: true when the pid in the file is alive
is_running() {
  [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

# stop_pid NAME PIDFILE: TERM, wait up to 30 s, then KILL
stop_pid() {
  local name="$1" pidfile="$2"
  if ! is_running "$pidfile"; then
    echo "$name is not running"
    rm -f "$pidfile"
    return 0
  fi
  local pid
  pid="$(cat "$pidfile")"
  kill "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; echo "$name stopped"; return 0; }
    sleep 0.5
  done
  echo "$name did not stop in 30 s: killing it"
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

# wait_for_port NAME PORT SECONDS PIDFILE LOG
wait_for_port() {
  local name="$1" port="$2" seconds="$3" pidfile="$4" log="$5"
  for _ in $(seq 1 $((seconds * 4))); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    if ! is_running "$pidfile"; then
      echo "$name exited while starting; the end of $log:" >&2
      tail -n 30 "$log" >&2
      return 1
    fi
    sleep 0.25
  done
  echo "$name did not open port $port within $seconds s; see $log" >&2
  return 1
}
