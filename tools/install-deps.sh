#!/bin/sh
# install-deps.sh -- install the Debian packages entente needs to build,
# test and run. Idempotent: installs only what is missing; used by both
# README commands and by .ci/run.
set -e
PKGS="make gcc g++ libc6-dev pkg-config libutf8proc-dev libjansson-dev libxml2-dev libcld2-dev libsqlite3-dev libcairo2-dev fonts-dejavu-core wordnet-base iso-codes jq time"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
        || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "entente: installing Debian packages:$missing" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
