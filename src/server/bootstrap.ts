import { join } from 'node:path';
import { type Config, rootDir } from './config.js';
import { type Database, openDatabase } from './db/client.js';
import { sealContactFields } from './db/field-backfill.js';
import { migrate } from './db/migrate.js';
import { fieldCrypto } from './lib/field-crypto.js';
import { loadAgencyPresets, readAgencyPresets } from './modules/agencies/presets.js';
import { loadTopicPresets, readTopicPresets } from './modules/classification/presets.js';
import { loadTemplatePresets, readTemplatePresets } from './modules/kb/presets.js';
import { loadStarterKb, readStarterPresets } from './modules/kb/starter.js';
import { createServices, type Services } from './services.js';

export interface Started {
  database: Database;
  services: Services;
  createdAgencies: string[];
  generatedAdminPassword: string | null;
}

/** Everything before HTTP: database, migrations, preset agencies, the administrator. Idempotent. */
export async function bootstrap(config: Config): Promise<Started> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database);
    const agencyPresets = readAgencyPresets(join(rootDir, 'presets', 'agencies'));
    const createdAgencies = await loadAgencyPresets(database.db, agencyPresets);
    const services = createServices(database, config);
    // Before any request is served: lookups by blind index must see every row sealed.
    await sealContactFields(database.db, fieldCrypto(), (progress) =>
      process.stdout.write(
        `${JSON.stringify({ level: 30, time: Date.now(), msg: 'contact fields sealed', ...progress })}\n`,
      ),
    );
    const topicPresets = readTopicPresets(join(rootDir, 'presets', 'topics'));
    await loadTopicPresets(database.db, services.agencies, topicPresets);
    const presetAgencies = await Promise.all(agencyPresets.map((p) => services.agencies.findBySlug(p.slug)));
    await loadTemplatePresets(
      database.db,
      presetAgencies.filter((a) => a !== undefined),
      readTemplatePresets(join(rootDir, 'presets', 'kb', 'answer-templates.json')),
    );
    // After the templates: they are still given only to an agency with no article at all.
    await loadStarterKb(
      database.db,
      services.agencies,
      readStarterPresets(join(rootDir, 'presets', 'kb', 'starter.json')),
      agencyPresets.map((p) => p.slug),
    );
    // Preset agencies made before surveys existed get their forms here; new agencies on creation.
    for (const agency of presetAgencies) {
      if (agency) await database.db.transaction((tx) => services.surveys.loadPresets(tx, agency));
    }
    const generatedAdminPassword = await services.users.ensureAdministrator(
      config.adminEmail,
      config.adminPassword,
    );
    return { database, services, createdAgencies, generatedAdminPassword };
  } catch (error) {
    await database.close();
    throw error;
  }
}
