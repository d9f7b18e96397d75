#!/usr/bin/env bash
# Puts the Kafka broker classpath (all runtime jars) into $RIDESHARE_CACHE/kafka-<version>/libs.
# Idempotent: does nothing when the jars are already there. Needs Java 17+ and Maven.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${RIDESHARE_CACHE:-$HOME/.cache/rideshare}
version=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/pom.xml")
libs="$cache/kafka-$version/libs"
if [ -f "$libs/.complete" ]; then
  echo "$libs"
  exit 0
fi
mkdir -p "$libs"
mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$libs" >&2
touch "$libs/.complete"
echo "$libs"
