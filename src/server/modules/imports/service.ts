import type { ImportRowResult } from '../../../common/imports.js';
import { removeUploads } from '../../http/uploads.js';
import type { Actor } from '../../lib/actor.js';
import type { AttachmentStore } from '../../lib/attachment-store.js';
import { DomainError, Invalid } from '../../lib/errors.js';
import type { AgencyService } from '../agencies/service.js';
import type { StaffIntakeInput } from '../requests/registration.js';
import type { RequestService } from '../requests/service.js';
import { posAnswersWorkbook } from './answers.js';
import { readMedoContainer } from './medo.js';
import { posIntake, posMessageFromRow, REQUIRED_POS_COLUMNS } from './pos-messages.js';
import {
  REQUIRED_RECEPTION_COLUMNS,
  receptionFromEml,
  receptionFromRow,
  receptionIntake,
  rowsFromJson,
} from './reception.js';
import { type FileContent, type FileLimits, storeFiles } from './stored-files.js';
import { type Column, missingColumns, readTable, type TableRow } from './tables.js';

type Intake = StaffIntakeInput & { externalId: string };

/** Imports from channels without a live protocol of their own: ПОС files, МЭДО, the Governor's reception. */
export function createImportService(deps: {
  requests: RequestService;
  agencies: AgencyService;
  store: AttachmentStore;
  limits: FileLimits;
}) {
  const { requests, agencies, store, limits } = deps;

  /** Registers one message; its files are stored first and removed unless a request took them. */
  async function registerOne(actor: Actor, row: number, intake: Intake, files: FileContent[] = []) {
    const uploads = await storeFiles(store, actor.agencyId, files, limits, 'body.file');
    try {
      const { row: request, created } = await requests.registerByStaff(actor, { ...intake, files: uploads });
      if (!created) await removeUploads(store, actor.agencyId, uploads);
      return {
        row,
        status: created ? 'created' : 'duplicate',
        externalId: intake.externalId,
        requestId: request.id,
        number: request.number,
      } satisfies ImportRowResult;
    } catch (error) {
      await removeUploads(store, actor.agencyId, uploads);
      throw error;
    }
  }

  /** Each row on its own: a bad row is reported with its number, the others are still registered. */
  async function importRows<T>(
    actor: Actor,
    rows: TableRow[],
    required: Column[],
    parse: (row: TableRow, timeZone: string) => T | string,
    intake: (message: T) => Intake,
    dryRun: boolean,
  ): Promise<ImportRowResult[]> {
    const missing = missingColumns(rows, required);
    if (missing.length) {
      const titles = missing.map((column) => `«${column.titles[0]}»`).join(', ');
      throw new Invalid('body.file', `В файле нет обязательных столбцов: ${titles}`, 'missing_columns');
    }
    const { timezone } = await agencies.byId(actor.agencyId);
    const results: ImportRowResult[] = [];
    for (const row of rows) {
      const parsed = parse(row, timezone);
      if (typeof parsed === 'string') {
        results.push({ row: row.row, status: 'error', externalId: null, message: capitalised(parsed) });
        continue;
      }
      const input = intake(parsed);
      if (dryRun) {
        results.push({ row: row.row, status: 'ready', externalId: input.externalId });
        continue;
      }
      results.push(await guarded(row.row, input.externalId, () => registerOne(actor, row.row, input)));
    }
    return results;
  }

  return {
    async importPosFile(actor: Actor, file: FileContent, dryRun: boolean) {
      const rows = await readTable(file.name, file.bytes);
      return importRows(actor, rows, REQUIRED_POS_COLUMNS, posMessageFromRow, posIntake, dryRun);
    },

    async importReceptionFile(actor: Actor, file: FileContent, number: string | null, dryRun: boolean) {
      const extension = file.name.toLowerCase().split('.').pop() ?? '';
      if (!['eml', 'json', 'xlsx', 'csv'].includes(extension)) {
        throw new Invalid(
          'body.file',
          'Загрузите письмо .eml, таблицу XLSX или CSV либо файл JSON',
          'unsupported_file',
        );
      }
      if (extension === 'eml') {
        const message = await receptionFromEml(file.bytes, number);
        if (typeof message === 'string')
          throw new Invalid('body.file', capitalised(message), 'malformed_message');
        const input = receptionIntake(message);
        if (dryRun)
          return [{ row: 1, status: 'ready', externalId: input.externalId } satisfies ImportRowResult];
        return [await registerOne(actor, 1, input, message.files)];
      }
      const rows = extension === 'json' ? rowsFromJson(file.bytes) : await readTable(file.name, file.bytes);
      return importRows(actor, rows, REQUIRED_RECEPTION_COLUMNS, receptionFromRow, receptionIntake, dryRun);
    },

    /** A МЭДО container: the sender's document as an appeal, its files as the incoming attachments. */
    async importMedo(actor: Actor, file: FileContent, dryRun: boolean): Promise<ImportRowResult[]> {
      const document = await readMedoContainer(file.bytes, limits.maxBytes);
      const summary = document.kind ? `${document.kind}: ${document.annotation}` : document.annotation;
      const input: Intake = {
        kind: 'appeal',
        channel: 'medo',
        receivedAt: document.sentAt && document.sentAt < new Date() ? document.sentAt : new Date(),
        text: `${summary}\n\nВходящий документ № ${document.number} от ${document.date}, ${document.organisation}`,
        name: document.organisation.slice(0, 200),
        email: null,
        phone: null,
        notifyByEmail: false,
        externalId: document.uid,
        externalSource: {
          organisation: document.organisation,
          documentNumber: document.number,
          documentDate: document.date,
        },
      };
      if (dryRun) return [{ row: 1, status: 'ready', externalId: document.uid }];
      return [await registerOne(actor, 1, input, document.files)];
    },

    /** The answers to ПОС messages resolved from `from` to `to` (agency-local dates), as XLSX. */
    async posAnswers(actor: Actor, from: string, to: string) {
      return posAnswersWorkbook(requests, actor, (await agencies.byId(actor.agencyId)).timezone, from, to);
    },
  };
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A rule the registration refuses (a date in the future…) is the row's error, not the file's. */
async function guarded(
  row: number,
  externalId: string,
  work: () => Promise<ImportRowResult>,
): Promise<ImportRowResult> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof DomainError) || error.status >= 500) throw error;
    return { row, status: 'error', externalId, message: error.message };
  }
}

export type ImportService = ReturnType<typeof createImportService>;
