#!/bin/sh
# Starts the gateway with JVM options for a container: the heap follows the container's memory limit
# (MaxRAMPercentage, so a limit change needs no new -Xmx), and the collector follows its CPU limit: SerialGC on a pod
# of at most one CPU (G1's concurrent threads would compete with the request threads there), G1 above.
# JAVA_GC overrides the choice (e.g. JAVA_GC=-XX:+UseZGC); JAVA_OPTS_APPEND adds options; JAVA_MAX_RAM_PERCENTAGE
# (default 70) leaves the rest of the limit for metaspace, thread stacks, ONNX Runtime and direct buffers.
# DRY_RUN=1 prints the command instead of running it (deploy tests use it).
set -eu

cpu_max_file=${CGROUP_CPU_MAX:-/sys/fs/cgroup/cpu.max}

# CPUs allowed by the cgroup v2 quota, rounded up; empty when unlimited or unknown.
cpu_limit() {
  [ -r "$cpu_max_file" ] || return 0
  read -r quota period < "$cpu_max_file" || return 0
  [ "$quota" = "max" ] && return 0
  echo $(( (quota + period - 1) / period ))
}

if [ -z "${JAVA_GC:-}" ]; then
  cpus=$(cpu_limit)
  if [ -n "$cpus" ] && [ "$cpus" -le 1 ]; then
    JAVA_GC=-XX:+UseSerialGC
  else
    JAVA_GC=-XX:+UseG1GC
  fi
fi

set -- java \
  -XX:MaxRAMPercentage="${JAVA_MAX_RAM_PERCENTAGE:-70}" \
  -XX:InitialRAMPercentage=25 \
  "$JAVA_GC" \
  -XX:+ExitOnOutOfMemoryError \
  -Djava.io.tmpdir=/tmp \
  -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  ${JAVA_OPTS_APPEND:-} \
  -jar /deployments/quarkus-run.jar

if [ "${DRY_RUN:-0}" = "1" ]; then
  echo "$@"
  exit 0
fi
exec "$@"
