// Types of generate.mjs for the TypeScript benchmarks.
type Execute = (text: string) => Promise<unknown>;

export function generateRequests(
  execute: Execute,
  options: {
    agencyId: string;
    userId: string;
    rows: number;
    seal: (plain: string) => string;
    departmentIds?: string[];
  },
): Promise<number>;

export function generateSurveyAnswers(
  execute: Execute,
  options: { agencyId: string; surveyId: string; versionId: string; answers: number },
): Promise<number>;
