// Knowledge base vocabulary shared by the server and the console (seed 003 p. 40, p. 27.1).

/** What an article is; the first eight are the materials of seed 003 p. 40, then the call scripts (p. 27.1). */
export const KB_KINDS = [
  'legal_acts',
  'job_descriptions',
  'faq',
  'template',
  'solved_example',
  'services',
  'reception',
  'contacts',
  'call_script',
] as const;
export type KbKind = (typeof KB_KINDS)[number];

/** A call script is said at the start or at the end of a consult-line call (seed 003 p. 27.1). */
export const SCRIPT_STAGES = ['greeting', 'farewell'] as const;
export type ScriptStage = (typeof SCRIPT_STAGES)[number];

/** Only FAQ and contacts may be shown on the portal (issue 6 p. 7); everything else is internal. */
export const KB_VISIBILITIES = ['internal', 'public'] as const;
export type KbVisibility = (typeof KB_VISIBILITIES)[number];
export const PUBLISHABLE_KINDS: readonly KbKind[] = ['faq', 'contacts'];

/** Seed 003 p. 41: each section is brought up to date at least once a quarter. */
export const MAX_REVIEW_INTERVAL_DAYS = 92;
export const DEFAULT_REVIEW_INTERVAL_DAYS = 90;

export const REVIEW_OUTCOMES = ['confirmed', 'edited'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** Where an article was put to use; counted per article. */
export const KB_USE_CONTEXTS = ['request', 'call', 'social', 'search'] as const;
export type KbUseContext = (typeof KB_USE_CONTEXTS)[number];

export const PROPOSAL_STATUSES = ['open', 'accepted', 'dismissed'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** Tags of an article: short labels, compared lower-cased. */
export const KB_MAX_TAGS = 20;
export const KB_TAG_MAX_LENGTH = 40;

/** Files one article may carry (a form, a scanned order): enough for a topic, not an archive. */
export const KB_MAX_ATTACHMENTS = 20;

/**
 * A template's variants (issue 6 p. 2): the formal one for letters and e-mail, the short one for
 * social networks and messengers, where a letter's opening and closing read out of place.
 */
export const TEMPLATE_VARIANTS = ['formal', 'short'] as const;
export type TemplateVariant = (typeof TEMPLATE_VARIANTS)[number];

/** An article as the portal gets it (issue 6 p. 7): sanitised HTML only. */
export interface PublishedArticle {
  id: string;
  kind: 'faq' | 'contacts';
  title: string;
  html: string;
  updatedAt: string;
}
