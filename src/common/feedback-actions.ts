// Decisions taken after analysing feedback (seed 000 p. 6.3; issue 11 p. 5), shared by the server and the console.

export const FEEDBACK_ACTION_STATUSES = ['planned', 'in_progress', 'done'] as const;
export type FeedbackActionStatus = (typeof FEEDBACK_ACTION_STATUSES)[number];

export const FEEDBACK_ACTION_SORTS = ['dueOn', 'createdAt', 'status'] as const;
export type FeedbackActionSort = (typeof FEEDBACK_ACTION_SORTS)[number];

export const FINDING_MAX_LENGTH = 4000;
export const DECISION_MAX_LENGTH = 4000;
export const RESULT_MAX_LENGTH = 4000;
/** A decision cites a handful of answers and requests; more would be a report, not a link. */
export const MAX_LINKS_PER_KIND = 50;

/** What prompted a decision: a request, one survey answer, or a question of a survey as a whole. */
export type FeedbackActionLink =
  | { kind: 'request'; requestId: string; number: string }
  | { kind: 'survey_response'; surveyId: string; surveyTitle: string; responseId: string }
  | { kind: 'survey_question'; surveyId: string; surveyTitle: string; question: string };

export interface FeedbackActionLinksInput {
  requestNumbers: string[];
  surveyResponseIds: string[];
  surveyQuestions: { surveyId: string; question: string }[];
}

export interface FeedbackAction {
  id: string;
  finding: string;
  decision: string;
  ownerId: string | null;
  ownerName: string | null;
  departmentId: string | null;
  departmentName: string | null;
  dueOn: string;
  status: FeedbackActionStatus;
  doneOn: string | null;
  result: string | null;
  overdue: boolean;
  links: FeedbackActionLink[];
  createdAt: string;
  updatedAt: string;
}
