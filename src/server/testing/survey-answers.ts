import { expect } from 'vitest';
import type { StaffClient } from './harness.js';

export interface SeedAnswer {
  municipality: string;
  satisfied: boolean;
  siteScore: number;
  notFound?: string;
  channel?: 'phone' | 'paper';
}

/** Types in seed-001 questionnaires as an operator would, one per entry. */
export async function enterSeedAnswers(staff: StaffClient, surveyId: string, entries: SeedAnswer[]) {
  for (const entry of entries) {
    const response = await staff.request({
      method: 'POST',
      url: `/api/staff/surveys/${surveyId}/responses`,
      payload: {
        channel: entry.channel ?? 'phone',
        answers: {
          municipality: { choice: entry.municipality },
          satisfaction: { choice: entry.satisfied ? '1' : '2' },
          sources: { site: '1', vk: entry.satisfied ? '2' : '3' },
          ease: { site: entry.siteScore, vk: 5 },
          ...(entry.notFound ? { notFound: entry.notFound } : {}),
        },
      },
    });
    expect(response.statusCode, response.body).toBe(201);
  }
}

/**
 * Twelve answers: municipality 1 has eight (five satisfied), municipality 2 four — a cell
 * analytics must hide; three on paper, also hidden. Six low site scores ask about subsidies.
 */
export const SEED_ANSWERS: SeedAnswer[] = [
  ...[1, 2, 3, 4, 5].map((i) => ({ municipality: '1', satisfied: true, siteScore: 4 + (i % 2) })),
  ...[1, 2, 3].map((i) => ({
    municipality: '1',
    satisfied: false,
    siteScore: i,
    notFound: `Не нашёл сведений о субсидиях фермерам на ${2020 + i} год`,
  })),
  ...[1, 2, 3, 4].map((i) => ({
    municipality: '2',
    satisfied: i === 1,
    siteScore: (i % 3) + 1,
    notFound: `Нет информации о субсидиях фермерам, вопрос ${i}`,
    channel: i <= 3 ? ('paper' as const) : ('phone' as const),
  })),
];
