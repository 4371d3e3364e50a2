import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { sizeText } from '../../../common/attachments.js';
import { IsoDate, Uuid } from '../../http/schemas.js';
import { actorOf, requireRecentAuth, requireStaff } from '../../http/session.js';
import { Invalid } from '../../lib/errors.js';
import type { Services } from '../../services.js';
import type { FileContent } from './stored-files.js';

const IMPORTERS = ['admin', 'head', 'operator'] as const;
const READERS = ['admin', 'head', 'operator', 'analyst'] as const;

const RowResult = Type.Object({
  row: Type.Integer(),
  status: Type.Enum(['ready', 'created', 'duplicate', 'error'] as const),
  externalId: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Optional(Uuid),
  number: Type.Optional(Type.String()),
  message: Type.Optional(Type.String()),
});
const ImportResult = Type.Object({ rows: Type.Array(RowResult) });
const ImportQuery = Type.Object({ dryRun: Type.Optional(Type.Boolean()) });

/** The one uploaded file of an import form, read into memory within the import's size limit. */
export async function readImportFile(request: FastifyRequest, maxBytes: number): Promise<FileContent> {
  if (!request.isMultipart()) throw new Invalid('body.file', 'Файл отправляется формой multipart/form-data');
  const part = await request.file({ limits: { fileSize: maxBytes, files: 1, fields: 5 } });
  if (!part) throw new Invalid('body.file', 'Выберите файл для загрузки');
  const bytes = await part.toBuffer();
  if (part.file.truncated)
    throw new Invalid('body.file', `Файл больше ${sizeText(maxBytes)}`, 'file_too_large');
  if (bytes.length === 0) throw new Invalid('body.file', 'Файл пустой', 'file_empty');
  const name = part.filename.normalize('NFC').trim();
  if (!name) throw new Invalid('body.file', 'У файла нет имени', 'malformed_file_name');
  if (!name.isWellFormed()) throw new Invalid('body.file', 'Имя файла повреждено', 'malformed_file_name');
  return { name, bytes };
}

export function importRoutes(fastify: FastifyInstance, { imports, posSettings, config }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['imports'];
  const maxBytes = config.attachmentMaxBytes * config.attachmentMaxCount;
  const upload = {
    preHandler: requireStaff(...IMPORTERS),
    bodyLimit: maxBytes + 64 * 1024,
  };

  // ПОС exports and МЭДО containers: one file in, a result per row (or per container) out.
  const fileImports = {
    '/api/staff/imports/pos': imports.importPosFile,
    '/api/staff/imports/medo': imports.importMedo,
  } as const;
  for (const [path, run] of Object.entries(fileImports)) {
    app.post(
      path,
      {
        ...upload,
        schema: {
          tags,
          consumes: ['multipart/form-data'],
          querystring: ImportQuery,
          response: { 200: ImportResult },
        },
      },
      async (request) => ({
        rows: await run(
          actorOf(request),
          await readImportFile(request, maxBytes),
          request.query.dryRun ?? false,
        ),
      }),
    );
  }

  app.post(
    '/api/staff/imports/governor-reception',
    {
      ...upload,
      schema: {
        tags,
        consumes: ['multipart/form-data'],
        querystring: Type.Object({
          dryRun: Type.Optional(Type.Boolean()),
          // The reception's number when a forwarded e-mail does not carry it.
          number: Type.Optional(Type.String({ maxLength: 60 })),
        }),
        response: { 200: ImportResult },
      },
    },
    async (request) => ({
      rows: await imports.importReceptionFile(
        actorOf(request),
        await readImportFile(request, maxBytes),
        request.query.number?.trim() || null,
        request.query.dryRun ?? false,
      ),
    }),
  );

  app.get(
    '/api/staff/imports/pos/answers.xlsx',
    {
      preHandler: requireStaff(...READERS),
      schema: { tags, querystring: Type.Object({ from: IsoDate, to: IsoDate }) },
    },
    async (request, reply) => {
      const { from, to } = request.query;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="pos-answers-${from}-${to}.xlsx"`)
        .send(await imports.posAnswers(actorOf(request), from, to));
    },
  );

  const SecretStatus = Type.Object({
    configured: Type.Boolean(),
    rotatedAt: Type.Union([Type.String(), Type.Null()]),
  });
  app.get(
    '/api/staff/imports/pos/secret',
    { preHandler: requireStaff('admin'), schema: { tags, response: { 200: SecretStatus } } },
    (request) => posSettings.status(actorOf(request)),
  );

  // A new secret shown once lets whoever holds it post ПОС messages: a fresh password first.
  app.post(
    '/api/staff/imports/pos/secret',
    {
      preHandler: [requireStaff('admin'), requireRecentAuth(config.reauthWindowMinutes)],
      schema: { tags, response: { 200: Type.Object({ secret: Type.String(), rotatedAt: Type.String() }) } },
    },
    (request) => posSettings.rotate(actorOf(request)),
  );
}
