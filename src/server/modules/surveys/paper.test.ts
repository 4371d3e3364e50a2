import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paperFields } from '../../../common/survey-definition.js';
import { resolveQuestions } from '../../../common/survey-engine.js';
import { rootDir } from '../../config.js';
import { agencyWithStaff, createHarness, type Harness } from '../../testing/harness.js';
import { paperQuestionnaire } from './paper-form.js';
import { readSurveyPresets } from './presets.js';

const appendix1 = readSurveyPresets(join(rootDir, 'presets', 'surveys')).find(
  (p) => p.key === 'mer-nso-appendix-1',
);

describe('the printed questionnaire', () => {
  it('carries every code and option number the paper entry form asks for (seed 001 Appendix 1)', () => {
    if (!appendix1) throw new Error('the seed-001 preset is missing');
    const questions = resolveQuestions(appendix1);
    const printed = JSON.stringify(
      paperQuestionnaire({ agencyName: 'Министерство', title: appendix1.title, intro: null, questions })
        .content,
    );
    // The codes the operator types answers under; uncoded boxes go by their question's words.
    const codes = paperFields(questions).flatMap((field) => field.row?.code ?? field.question.code ?? []);
    expect(codes).toEqual(['12', '13', '21', '22.1', '22.2', '22.3', '22.4', '23.1', '23.2', '23.3', '23.4']);
    for (const code of codes) expect(printed).toContain(`(${code})`);
    for (const question of questions.filter((q) => q.autoFill !== 'agency')) {
      expect(printed).toContain(JSON.stringify(question.text).slice(1, -1));
      for (const option of question.options ?? []) expect(printed).toContain(`${option.id}. ${option.label}`);
    }
    // The agency is printed in the heading, not asked: code (11) is filled in by the server.
    expect(printed).not.toContain('(11)');
    // The follow-up says when it is to be answered.
    expect(printed).toContain('Отвечайте, если в вопросе');
  });
});

describe('GET /api/staff/surveys/:id/paper.pdf', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness();
  });
  afterAll(() => harness.close());

  it('gives staff who enter paper answers the current form as a PDF; others and other agencies get nothing', async () => {
    const { staff } = await agencyWithStaff(harness, ['receptionist']);
    const list = await staff.request({ method: 'GET', url: '/api/staff/surveys' });
    const rate = list.json().find((survey: { slug: string }) => survey.slug === 'rate');
    const pdf = await staff.request({ method: 'GET', url: `/api/staff/surveys/${rate.id}/paper.pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="anketa-rate.pdf"');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.rawPayload.toString('latin1')).toMatch(/\/Type \/Page\b/);

    const { staff: stranger } = await agencyWithStaff(harness, ['admin']);
    const foreign = await stranger.request({ method: 'GET', url: `/api/staff/surveys/${rate.id}/paper.pdf` });
    expect(foreign.statusCode).toBe(404);
    const { staff: editor } = await agencyWithStaff(harness, ['kb_editor']);
    const refused = await editor.request({ method: 'GET', url: `/api/staff/surveys/${rate.id}/paper.pdf` });
    expect(refused.statusCode).toBe(403);
  });
});
