// Which console sections a user may open. The server enforces every permission itself; this
// only keeps the navigation honest and spares users pages that would answer 403.
import { ROLES, type Role } from '../../../common/roles';
import type { SessionInfo } from '../../../common/types';

export const SECTIONS = [
  'home',
  'monitoring',
  'requests',
  'imports',
  'kb',
  'kbSearch',
  'kbFreshness',
  'kbProposals',
  'site',
  'siteFreshness',
  'calls',
  'clients',
  'reception',
  'mailings',
  'surveys',
  'feedbackActions',
  'social',
  'posts',
  'outbox',
  'channels',
  'agency',
  'departments',
  'topics',
  'touchpoints',
  'users',
  'calendar',
  'deadlines',
  'audit',
  'region',
  'regionMonitoring',
] as const;
export type Section = (typeof SECTIONS)[number];

export const SECTION_PATHS: Record<Section, string> = {
  home: '/',
  monitoring: '/monitoring',
  requests: '/requests',
  imports: '/imports',
  kb: '/kb',
  kbSearch: '/kb-search',
  kbFreshness: '/kb-freshness',
  kbProposals: '/kb-proposals',
  site: '/site',
  siteFreshness: '/site-freshness',
  calls: '/calls',
  clients: '/clients',
  reception: '/reception',
  mailings: '/mailings',
  surveys: '/surveys',
  feedbackActions: '/feedback-actions',
  social: '/social',
  posts: '/channel-posts',
  outbox: '/outbox',
  channels: '/channels',
  agency: '/agency',
  departments: '/departments',
  topics: '/topics',
  touchpoints: '/touchpoints',
  users: '/users',
  calendar: '/calendar',
  deadlines: '/deadlines',
  audit: '/audit',
  region: '/region',
  regionMonitoring: '/region-monitoring',
};

/** Who reads the request register, and who acts on requests (mirrors the server's routes). */
const REQUEST_READERS: Role[] = ['admin', 'head', 'operator', 'analyst', 'call_operator', 'receptionist'];
const REQUEST_WRITERS: Role[] = ['admin', 'head', 'operator'];
/** Every staff role reads the knowledge base (server: KB_READERS). */
const KB_READERS: Role[] = [...REQUEST_READERS, 'kb_editor'];
/** Who keeps the personal reception: officials, rooms, slots and bookings. */
const RECEPTION_EDITORS: Role[] = ['admin', 'head', 'receptionist'];
/** Who edits survey forms (server: surveys routes EDITORS). */
const SURVEY_EDITORS: Role[] = ['admin', 'analyst'];

const hasRole = (session: SessionInfo, ...roles: Role[]) =>
  roles.some((role) => session.roles.includes(role));

export function canOpen(session: SessionInfo, section: Section): boolean {
  if (section === 'home') return true;
  if (section === 'region' || section === 'regionMonitoring') return session.isRegionAdmin;
  // Every other section works on the current agency's data.
  if (!session.currentAgency) return false;
  if (section === 'users') return hasRole(session, 'admin', 'head');
  // Issue 11: heads control their departments, analysts and admins the agency (server: dashboards routes).
  if (section === 'monitoring') return hasRole(session, 'admin', 'head', 'analyst');
  // ПОС, МЭДО and the Governor's reception files are imported by those who register requests.
  if (section === 'imports') return hasRole(session, ...REQUEST_WRITERS);
  if (section === 'requests' || section === 'clients') return hasRole(session, ...REQUEST_READERS);
  // Operators see the reception schedule to tell callers when they can come (server: reception routes).
  if (section === 'reception') return hasRole(session, ...RECEPTION_EDITORS, 'operator');
  // Every staff role reads the knowledge base: it is there to be used while answering (p. 14.1).
  // Overseers see every department's freshness, other staff their own sections (server: kb review routes).
  // Proposals show what the knowledge base lacks; their owners decide on each (server: per row).
  const kbSections: Section[] = ['kb', 'kbSearch', 'kbFreshness', 'kbProposals'];
  if (kbSections.includes(section)) return hasRole(session, ...KB_READERS);
  // The public site is kept by its editors; heads see which pages are stale (server: site routes).
  if (section === 'site') return hasRole(session, 'admin', 'site_editor');
  if (section === 'siteFreshness') return hasRole(session, 'admin', 'site_editor', 'head');
  // The consult line is worked by its operators; heads watch it (server: CALL_READERS).
  if (section === 'calls') return hasRole(session, 'admin', 'head', 'call_operator', 'operator');
  // Everyone answering requests should see which terms apply; only the admin changes them.
  if (section === 'deadlines') return hasRole(session, ...REQUEST_READERS);
  // The social inbox and the outbox are worked by whoever answers requests; posts speak for the
  // agency, so its heads publish (server: social, outbox and channel-posts routes).
  if (section === 'social' || section === 'outbox') return hasRole(session, ...REQUEST_WRITERS);
  if (section === 'posts') return hasRole(session, 'admin', 'head');
  // Mailings speak for the agency too (server: MAILING_ROLES).
  if (section === 'mailings') return hasRole(session, 'admin', 'head');
  // Issue 8: analysts and admins keep the forms, heads read them, operators type in phone and paper answers.
  if (section === 'surveys')
    return hasRole(session, ...SURVEY_EDITORS, 'head', 'operator', 'call_operator', 'receptionist');
  // Decisions taken from feedback are everyone's to know (seed 000 p. 6.3); see canRecordDecisions.
  if (section === 'feedbackActions') return hasRole(session, ...ROLES);
  // The topic taxonomy is shaped by the agency's admins and heads (server: classification routes).
  if (section === 'topics') return hasRole(session, 'admin', 'head');
  return hasRole(session, 'admin');
}

/** `head` sees the staff list but only `admin` changes anything. */
export function canEdit(session: SessionInfo, section: Section): boolean {
  if (section === 'region') return session.isRegionAdmin;
  if (section === 'topics' || section === 'mailings')
    return Boolean(session.currentAgency) && hasRole(session, 'admin', 'head');
  if (section === 'reception')
    return Boolean(session.currentAgency) && hasRole(session, ...RECEPTION_EDITORS);
  // Sections are laid out by the admins and the knowledge-base editors; who writes the articles of
  // a section is the server's answer per section (`canEdit` on each).
  if (section === 'surveys') return Boolean(session.currentAgency) && hasRole(session, ...SURVEY_EDITORS);
  if (section === 'kb') return Boolean(session.currentAgency) && hasRole(session, 'admin', 'kb_editor');
  // The owning department's staff and KB editors decide; the server checks the department per row.
  if (section === 'kbProposals') return Boolean(session.currentAgency) && !hasRole(session, 'analyst');
  // Heads read the calls but only those on the line fill the cards (server: CALL_WRITERS).
  if (section === 'calls')
    return Boolean(session.currentAgency) && hasRole(session, 'admin', 'call_operator', 'operator');
  return Boolean(session.currentAgency) && hasRole(session, 'admin');
}

export function visibleSections(session: SessionInfo): Section[] {
  return SECTIONS.filter((section) => canOpen(session, section));
}

/** Whether the user may take actions on requests (assign, answer, close…). */
export function canActOnRequests(session: SessionInfo): boolean {
  return Boolean(session.currentAgency) && hasRole(session, ...REQUEST_WRITERS);
}

/** Mirrors the clients routes: who edits cards and hands out histories, who sets a legal hold, who merges. */
export const canEditClients = (session: SessionInfo) =>
  Boolean(session.currentAgency) &&
  hasRole(session, 'admin', 'head', 'operator', 'call_operator', 'receptionist');
export const canSetLegalHold = (session: SessionInfo) =>
  Boolean(session.currentAgency) && hasRole(session, 'admin', 'head');
export const canMergeClients = (session: SessionInfo) =>
  Boolean(session.currentAgency) && hasRole(session, 'admin', 'head', 'operator');

/** Mirrors the survey analytics routes: the numbers and the annual report are for admins, heads and analysts. */
export const canSeeSurveyAnalytics = (session: SessionInfo) =>
  Boolean(session.currentAgency) && hasRole(session, 'admin', 'head', 'analyst');

/** Mirrors the feedback-actions routes: heads, analysts and admins record and update decisions. */
export const canRecordDecisions = (session: SessionInfo) =>
  Boolean(session.currentAgency) && hasRole(session, 'admin', 'head', 'analyst');

/** Mirrors the history routes (SUBJECT_EXPORTERS): a 152-ФЗ subject request is answered by an admin. */
export const canExportSubjectData = (session: SessionInfo) =>
  Boolean(session.currentAgency) && hasRole(session, 'admin');
