#!/usr/bin/env bash
# Puts the Kafka broker classpath (all runtime jars) into $RIDESHARE_CACHE/kafka-<version>/libs
# and prints that directory. Idempotent: does nothing when the jars resolved from the current
# pom.xml are already there. Needs Java 17+ and Maven.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${RIDESHARE_CACHE:-$HOME/.cache/rideshare}
version=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/pom.xml")
libs="$cache/kafka-$version/libs"
# The marker holds the pom's checksum, so editing the pom (e.g. a logging jar) refetches.
pom_sum=$(sha256sum "$here/pom.xml" | cut -d' ' -f1)
if [ -f "$libs/.complete" ] && [ "$(cat "$libs/.complete")" = "$pom_sum" ]; then
  echo "$libs"
  exit 0
fi
if ! command -v mvn >/dev/null 2>&1; then
  echo "fetch-kafka.sh: Maven (mvn) is missing; install it (apt-get install maven)" >&2
  exit 1
fi
# Resolve into a fresh directory, then swap it in: never mix jars of two pom versions,
# and never leave a half-filled libs dir behind for a broker started concurrently.
mkdir -p "$cache/kafka-$version"
fresh=$(mktemp -d "$cache/kafka-$version/libs.new.XXXXXX")
trap 'rm -rf "$fresh"' EXIT
mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$fresh" >&2
echo "$pom_sum" >"$fresh/.complete"
if [ -d "$libs" ]; then
  old="$cache/kafka-$version/libs.old.$$"
  mv "$libs" "$old"
  mv "$fresh" "$libs"
  rm -rf "$old"
else
  mv "$fresh" "$libs"
fi
echo "$libs"
