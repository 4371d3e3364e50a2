// One agency in an in-process Otklik, for the benches that call services directly rather than
// over HTTP: a freshly migrated database (PGlite in memory unless `url` names an empty Postgres
// database), its services (which also load the field key), and one staff member holding `role`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '../../src/common/roles.js';
import { loadConfig } from '../../src/server/config.js';
import { openDatabase } from '../../src/server/db/client.js';
import { migrate } from '../../src/server/db/migrate.js';
import { DEFAULT_WORKING_HOURS } from '../../src/server/modules/agencies/working-hours.js';
import { insertUser, upsertMembership } from '../../src/server/modules/auth/repo.js';
import { createServices } from '../../src/server/services.js';

export async function openBenchAgency(bench: string, url: string | null, role: Role) {
  const dataDir = mkdtempSync(join(tmpdir(), `otklik-bench-${bench}-`));
  const database = await openDatabase({ url, dataDir: null });
  const close = async () => {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await migrate(database);
    const services = createServices(database, { ...loadConfig({ DATA_DIR: dataDir }), databaseUrl: url });
    const user = await insertUser(database.db, {
      email: 'bench@example.ru',
      name: 'Замерщик',
      passwordHash: 'x',
    });
    await services.agencies.createAgency(
      { userId: user.id },
      {
        slug: 'bench',
        name: 'Ведомство для замера',
        shortName: 'Замер',
        timezone: 'Asia/Novosibirsk',
        workingHours: DEFAULT_WORKING_HOURS,
      },
      (tx, agencyId) => upsertMembership(tx, { agencyId, userId: user.id, roles: [role], active: true }),
    );
    const agencyId = await services.agencies.idBySlug('bench');
    return { db: database.db, services, user, agencyId, close };
  } catch (error) {
    await close();
    throw error;
  }
}
