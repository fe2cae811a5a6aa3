#!/usr/bin/env bash
# A throwaway self-signed certificate for localhost and 127.0.0.1, for tests
# and local use only (a real site uses a certificate from its CA, e.g. Let's
# Encrypt: docs/deployment.md). Usage: deploy/make-test-cert.sh DIR
# Writes DIR/cert.pem and DIR/key.pem (mode 0600); a client trusts it by
# taking DIR/cert.pem as its CA (curl --cacert, node's `ca` option).
set -euo pipefail
dir=${1:?usage: make-test-cert.sh DIR}
mkdir -p "$dir"
umask 077
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
  -days 30 -subj '/CN=localhost' \
  -addext 'subjectAltName=DNS:localhost,IP:127.0.0.1' \
  -addext 'basicConstraints=critical,CA:TRUE' \
  -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
chmod 0644 "$dir/cert.pem"
echo "$dir/cert.pem"
