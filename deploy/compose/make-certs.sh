#!/usr/bin/env bash
# Creates deploy/compose/secrets/: the device CA (or reuses the enrollment service's), the broker's server certificate
# signed by it, an empty CRL and the Mosquitto password file for the cloud services.
# Usage: ./make-certs.sh [BROKER_DNS_NAME]   (default: the host name). Needs openssl and mosquitto_passwd.
# With the enrollment service running, copy its data/enrollment/device-ca.{crt,key}.pem into secrets/ca/ first, so
# device certificates and the broker certificate come from the same CA; its crl.pem replaces secrets/certs/crl.pem.
set -euo pipefail
cd "$(dirname "$0")"
name="${1:-$(hostname -f)}"
mkdir -p secrets/ca secrets/certs
umask 077
if [[ ! -f secrets/ca/device-ca.key.pem ]]; then
  openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt -out secrets/ca/device-ca.key.pem
  openssl req -x509 -new -key secrets/ca/device-ca.key.pem -sha256 -days 3650 -subj "/O=SmartCity/CN=SmartCity device CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" \
    -out secrets/ca/device-ca.crt.pem
fi
cp secrets/ca/device-ca.crt.pem secrets/certs/device-ca.crt.pem
openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt -out secrets/certs/broker.key.pem
openssl req -new -key secrets/certs/broker.key.pem -subj "/CN=$name" -out secrets/broker.csr
openssl x509 -req -in secrets/broker.csr -CA secrets/ca/device-ca.crt.pem -CAkey secrets/ca/device-ca.key.pem -CAcreateserial \
  -days 825 -sha256 -out secrets/certs/broker.crt.pem \
  -extfile <(printf "subjectAltName=DNS:%s,DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\n" "$name")
rm -f secrets/broker.csr
if [[ ! -f secrets/certs/crl.pem ]]; then
  printf '' > secrets/index.txt
  cat > secrets/ca.cnf <<CNF
[ca]
default_ca = d
[d]
database = secrets/index.txt
default_md = sha256
default_crl_days = 7
CNF
  openssl ca -config secrets/ca.cnf -gencrl -keyfile secrets/ca/device-ca.key.pem -cert secrets/ca/device-ca.crt.pem -out secrets/certs/crl.pem
fi
if [[ ! -f secrets/passwd ]]; then
  touch secrets/passwd
  for user in ingest dashboard; do
    pw=$(openssl rand -base64 24); echo "$user $pw" >> secrets/service-passwords.txt
    mosquitto_passwd -b secrets/passwd "$user" "$pw"
  done
  echo "service passwords in secrets/service-passwords.txt"
fi
chmod 644 secrets/certs/*.pem secrets/passwd
echo "broker certificate for $name in secrets/certs/"
