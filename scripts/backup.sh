#!/usr/bin/env bash
# Backs up an Otklik installation on PostgreSQL while it runs: the database (pg_dump, custom
# format) and DATA_DIR (attachments, the secrets key file if SECRETS_KEY is not set), with checksums.
# Usage: DATABASE_URL=postgres://… DATA_DIR=/srv/otklik/data scripts/backup.sh /backups/2026-11-26
# The embedded database (PGlite) cannot be read while the server holds it: stop the server and copy
# DATA_DIR instead (docs/deployment.md).
set -euo pipefail

target=${1:?usage: scripts/backup.sh <target-dir>}
: "${DATABASE_URL:?DATABASE_URL must point to the PostgreSQL database to back up}"
data_dir=${DATA_DIR:-./data}
[ -d "$data_dir" ] || { echo "DATA_DIR $data_dir does not exist" >&2; exit 1; }
if [ -e "$target" ] && [ -n "$(ls -A "$target")" ]; then
  echo "$target is not empty: choose a new directory for each backup" >&2
  exit 1
fi
mkdir -p "$target"

# One consistent snapshot of the whole database, restorable into an empty database by pg_restore.
pg_dump --format=custom --no-owner --no-privileges --file="$target/database.dump" "$DATABASE_URL"
# Files are written before the row that names them commits, so a copy taken after the dump holds
# every file the dump refers to. The embedded database's own directory is not needed here.
tar --create --gzip --file="$target/files.tar.gz" --directory="$data_dir" --exclude=./pglite .
(cd "$target" && sha256sum database.dump files.tar.gz > SHA256SUMS)
echo "backup written to $target"
