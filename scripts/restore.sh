#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into an EMPTY PostgreSQL database and an empty DATA_DIR.
# Usage: DATABASE_URL=postgres://…/otklik_restored DATA_DIR=/srv/otklik/data scripts/restore.sh /backups/2026-11-26
# Then start Otklik on them; it applies any newer migrations itself.
set -euo pipefail

source_dir=${1:?usage: scripts/restore.sh <backup-dir>}
: "${DATABASE_URL:?DATABASE_URL must point to the empty database to restore into}"
data_dir=${DATA_DIR:-./data}

(cd "$source_dir" && sha256sum --check --quiet SHA256SUMS) || { echo 'the backup is damaged: checksums differ' >&2; exit 1; }
if [ -e "$data_dir" ] && [ -n "$(ls -A "$data_dir")" ]; then
  echo "DATA_DIR $data_dir is not empty: restore into a new directory" >&2
  exit 1
fi
tables=$(psql "$DATABASE_URL" -Atc "select count(*) from pg_tables where schemaname not in ('pg_catalog', 'information_schema')")
if [ "$tables" != 0 ]; then
  echo 'the target database is not empty: restore into a new database' >&2
  exit 1
fi

pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$DATABASE_URL" "$source_dir/database.dump"
mkdir -p "$data_dir"
tar --extract --gzip --file="$source_dir/files.tar.gz" --directory="$data_dir"
echo "restored into $DATABASE_URL and $data_dir"
