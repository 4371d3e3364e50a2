#!/usr/bin/env bash
# `npm test`: typecheck, lint, unit + integration on PGlite, the same on Postgres when
# TEST_DATABASE_URL is set, then, against the built app, the crash tests (when PostgreSQL's server
# binaries are installed) and the browser journeys.
set -euo pipefail
cd "$(dirname "$0")/.."
reports=$(mktemp -d)
trap 'rm -rf "$reports"' EXIT

step() { printf '\n== %s\n' "$*"; }

step 'typecheck'
npm run --silent typecheck
step 'lint'
npx biome check .

step 'unit + integration on PGlite'
npx vitest run --reporter=default --reporter=json --outputFile.json="$reports/pglite.json"

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  step "integration on Postgres (${TEST_DATABASE_URL%%\?*})"
  OTKLIK_TEST_DB=postgres npx vitest run src/server --reporter=default --reporter=json \
    --outputFile.json="$reports/postgres.json"
else
  echo 'TEST_DATABASE_URL is not set: the Postgres pass is skipped (CI always sets it).'
fi

step 'build'
npm run --silent build
step 'crash tests: the server killed and Postgres restarted under load'
# They run private Postgres clusters of their own (initdb, pg_ctl), never the shared server.
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || [ -n "${PG_BIN:-}" ]; then
  npx vitest run --config vitest.crash.config.ts --reporter=default --reporter=json \
    --outputFile.json="$reports/crash.json"
else
  echo 'PostgreSQL server binaries (initdb, pg_ctl) not found: the crash tests are skipped.'
fi
step "e2e in Chromium (${CHROMIUM_PATH:-/usr/bin/chromium})"
npx vitest run --config vitest.e2e.config.ts --reporter=default --reporter=json --outputFile.json="$reports/e2e.json"

node scripts/test-summary.mjs "$reports"/*.json
