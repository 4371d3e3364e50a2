// The type of a written request (seed 004 p. 8: requests are classified «по типу и срочности»):
// the three kinds of appeal of 59-ФЗ ст. 4 (предложение, заявление, жалоба) and the
// information request of 8-ФЗ ст. 2.
export const REQUEST_TYPES = ['info_request', 'statement', 'complaint', 'proposal'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export interface TypicalNeed {
  id: string;
  topicId: string;
  name: string;
  archived: boolean;
  sortOrder: number;
}

/** A topic of the agency's taxonomy with its typical needs (archived ones included, flagged). */
export interface Topic {
  id: string;
  name: string;
  defaultDepartmentId: string | null;
  archived: boolean;
  sortOrder: number;
  needs: TypicalNeed[];
}

export interface Suggestion {
  id: string;
  name: string;
  /** Posterior probability, 0…1. */
  confidence: number;
}

export interface Suggestions {
  topic: Suggestion | null;
  department: Suggestion | null;
  /** How many confirmed requests the agency's model learned from. */
  trainedOn: number;
  /** Below this many confirmed requests no suggestion is made. */
  minimum: number;
}
