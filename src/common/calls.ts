// Consult line vocabulary (seed 003 p. 27.1–27.4): where a call came from, how it ended, and the
// post-call survey with the seed's exact wording.
export const CALL_SOURCES = ['pbx', 'manual', 'ekc110'] as const;
export type CallSource = (typeof CALL_SOURCES)[number];

export const CALL_OUTCOMES = ['answered', 'request', 'redirected'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const CALL_QUALITIES = ['satisfied', 'partly', 'unsatisfied'] as const;
export type CallQuality = (typeof CALL_QUALITIES)[number];

/** The two questions of p. 27.3, word for word, with their answer labels. */
export const CALL_SURVEY = {
  answerReceived: {
    question: 'Получен ли ответ на Ваш вопрос?',
    options: { yes: 'да', no: 'нет' },
  },
  quality: {
    question: 'Оцените качество работы консультанта',
    options: { satisfied: 'удовлетворен', partly: 'частично удовлетворен', unsatisfied: 'не удовлетворен' },
  },
} as const;
