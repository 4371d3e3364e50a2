import { describe, expect, it } from 'vitest';
import { DEBT_CERTIFICATE, LEASE_RENEWAL, UNRELATED } from '../../testing/kb-questions.js';
import { clusterQuestions, proposalTitle, type QuestionText } from './proposals.cluster.js';

const questions = (texts: string[], prefix: string, departmentId: string | null = null): QuestionText[] =>
  texts.map((text, i) => ({ id: `${prefix}${i}`, source: 'request', text, departmentId }));

describe('clusterQuestions', () => {
  it('finds the six questions about the same certificate among others, and nothing else', () => {
    const clusters = clusterQuestions([
      ...questions(DEBT_CERTIFICATE, 'debt'),
      ...questions(UNRELATED, 'other'),
    ]);
    expect(clusters).toHaveLength(1);
    const [cluster] = clusters;
    expect(cluster?.ids.sort()).toEqual(DEBT_CERTIFICATE.map((_, i) => `debt${i}`).sort());
    expect(cluster?.terms).toEqual(expect.arrayContaining(['задолжен', 'отсутств', 'справк']));
    expect(cluster?.words).toEqual(expect.arrayContaining(['отсутствии', 'задолженности']));
    expect(cluster && proposalTitle(cluster)).toBe('Где заказать справку об отсутствии задолженности?');
  });

  it('puts a question that touches two topics with the one it shares most words with', () => {
    const clusters = clusterQuestions([
      ...questions(DEBT_CERTIFICATE, 'debt'),
      ...questions(LEASE_RENEWAL, 'lease'),
      ...questions(UNRELATED, 'other'),
    ]);
    const members = clusters.map((c) => c.ids.map((id) => id.replace(/\d+$/, '')));
    expect(members.map((ids) => new Set(ids))).toEqual(
      expect.arrayContaining([new Set(['debt']), new Set(['lease'])]),
    );
    expect(clusters.map((c) => c.ids.length).sort()).toEqual([5, 6]);
  });

  it('keeps fewer similar questions than the minimum out, and the minimum is a parameter', () => {
    const four = questions(DEBT_CERTIFICATE.slice(0, 4), 'debt');
    expect(clusterQuestions([...four, ...questions(UNRELATED, 'other')])).toEqual([]);
    expect(clusterQuestions([...four, ...questions(UNRELATED, 'other')], 4)).toHaveLength(1);
  });

  it('gives the cluster the department most of its questions went to', () => {
    const [cluster] = clusterQuestions([
      ...questions(DEBT_CERTIFICATE.slice(0, 4), 'a', 'rent'),
      ...questions(DEBT_CERTIFICATE.slice(4), 'b', 'land'),
    ]);
    expect(cluster?.departmentId).toBe('rent');
  });
});
