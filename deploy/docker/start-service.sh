#!/bin/sh
# The Docker image's entrypoint: runs the service (or tool) MAIN_CLASS names with JAVA_OPTS and the
# container's arguments.
#
# With CLASS_ARCHIVE_DIR set (a directory that outlives the container's restarts: a volume, or a
# Kubernetes emptyDir), the JVM keeps the classes it loaded in an AppCDS archive there and maps them
# on every later start instead of loading and verifying each from its jar: a restarted service
# reaches its first poll in about half the time. The first start writes the archive when it exits
# cleanly (SIGTERM, as `docker stop` and Kubernetes send); a SIGKILLed run writes none and the next
# clean stop does. The archive is named after the image's libraries, so a new image never maps an
# old image's archive (the JVM would refuse it and start without one anyway).
set -eu

class_archive_option() {
  [ -n "${CLASS_ARCHIVE_DIR:-}" ] || return 0
  libraries=$(ls -l "$1" | cksum | cut -d ' ' -f 1)
  archive="$CLASS_ARCHIVE_DIR/$(echo "$MAIN_CLASS" | sed "s/.*\.//")-$libraries.jsa"
  if [ -f "$archive" ]; then
    echo "-XX:SharedArchiveFile=$archive"
  else
    mkdir -p "$CLASS_ARCHIVE_DIR"
    echo "-XX:ArchiveClassesAtExit=$archive"
  fi
}

LIBRARIES="${LIBRARIES:-/app/lib}"
# JAVA_OPTS and the archive option are split into words on purpose: each is a list of options.
# shellcheck disable=SC2086
exec java $(class_archive_option "$LIBRARIES") ${JAVA_OPTS:-} -cp "$LIBRARIES/*" "$MAIN_CLASS" "$@"
