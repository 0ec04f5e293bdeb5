#!/usr/bin/env bash
# What the test suite needs besides Python packages: Dovecot (the private IMAP server the
# mailbox tests start on loopback), Xvfb for headed runs, and openssl for the test certificate.
set -u
missing=()
command -v dovecot >/dev/null || [ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)
command -v xvfb-run >/dev/null || missing+=(xvfb xauth)
command -v openssl >/dev/null || missing+=(openssl)
[ ${#missing[@]} -eq 0 ] && { echo "test services: all present"; exit 0; }
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "test services: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  (apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "${missing[@]}" >/dev/null; }) && exit 0
fi
echo "Install these packages for the tests: ${missing[*]} (e.g. sudo apt-get install ${missing[*]})" >&2
exit 1
