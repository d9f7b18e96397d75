#!/usr/bin/env bash
# Installs the two tools that render and validate infra/kubernetes offline, into
# $RIDESHARE_CACHE/k8s-tools (once; later runs only print the paths):
#
#   kustomize            sigs.k8s.io/kustomize/kustomize/v5, built with `go install`
#                        from the Go module proxy
#   kubernetes-validate  the Python package, which carries the Kubernetes API JSON
#                        schemas inside it, in its own virtualenv
#
# Prints `KUSTOMIZE=<path>` and `KUBERNETES_VALIDATE=<path>`; packages/infra-checks
# runs this script before its Kubernetes tests. Needs go and python3.
set -euo pipefail

KUSTOMIZE_VERSION=v5.8.0
KUBERNETES_VALIDATE_VERSION=1.37.0

cache=${RIDESHARE_CACHE:-$HOME/.cache/rideshare}/k8s-tools
kustomize_dir=$cache/kustomize-$KUSTOMIZE_VERSION
validate_dir=$cache/kubernetes-validate-$KUBERNETES_VALIDATE_VERSION
say() { printf 'k8s-tools: %s\n' "$*" >&2; }

if [ ! -x "$kustomize_dir/kustomize" ]; then
  command -v go >/dev/null || { say "need go to build kustomize"; exit 1; }
  say "building kustomize $KUSTOMIZE_VERSION into $kustomize_dir"
  tmp=$(mktemp -d)
  # Outside any module, so that go install resolves the tool's own go.mod.
  (cd "$tmp" && GOBIN="$tmp/bin" GOFLAGS=-mod=mod go install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION")
  mkdir -p "$kustomize_dir"
  mv -f "$tmp/bin/kustomize" "$kustomize_dir/kustomize"
  rm -rf "$tmp"
fi

if [ ! -x "$validate_dir/bin/kubernetes-validate" ]; then
  command -v python3 >/dev/null || { say "need python3 for kubernetes-validate"; exit 1; }
  say "installing kubernetes-validate $KUBERNETES_VALIDATE_VERSION into $validate_dir"
  # A virtualenv keeps absolute paths, so it is built in place; the command
  # appears last, so a broken install is redone next time.
  rm -rf "$validate_dir"
  python3 -m venv "$validate_dir"
  "$validate_dir/bin/pip" install --quiet --disable-pip-version-check \
    "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION"
fi

echo "KUSTOMIZE=$kustomize_dir/kustomize"
echo "KUBERNETES_VALIDATE=$validate_dir/bin/kubernetes-validate"
