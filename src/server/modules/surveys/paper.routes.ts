import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { resolveQuestions } from '../../../common/survey-engine.js';
import { Uuid } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import { renderPdf } from '../../lib/pdf.js';
import type { Services } from '../../services.js';
import { paperQuestionnaire } from './paper-form.js';
import { ENTRY } from './routes.js';

/** `GET /api/staff/surveys/:id/paper.pdf`: the current version of a form, to print and hand out. */
export function surveyPaperRoutes(fastify: FastifyInstance, { surveys, agencies }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/staff/surveys/:id/paper.pdf',
    {
      preHandler: requireStaff(...ENTRY, 'head'),
      schema: { tags: ['surveys'], params: Type.Object({ id: Uuid }) },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const survey = await surveys.requireSurvey(actor.agencyId, request.params.id);
      const [version, agency] = await Promise.all([
        surveys.requireCurrent(actor.agencyId, survey.id),
        agencies.byId(actor.agencyId),
      ]);
      const pdf = await renderPdf(
        paperQuestionnaire({
          agencyName: agency.name,
          title: version.definition.title,
          intro: version.definition.intro ?? null,
          questions: resolveQuestions(version.definition),
        }),
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="anketa-${survey.slug}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
}
