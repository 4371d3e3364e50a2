// The one index drizzle-kit and the query builder read; each module owns its tables.

export * from '../jobs/schema.js';
export * from '../modules/agencies/schema.js';
export * from '../modules/audit/schema.js';
export * from '../modules/auth/schema.js';
export * from '../modules/calls/schema.js';
export * from '../modules/channels/posts.schema.js';
export * from '../modules/channels/schema.js';
export * from '../modules/classification/schema.js';
export * from '../modules/clients/schema.js';
export * from '../modules/dashboards/schema.js';
export * from '../modules/feedback-actions/schema.js';
export * from '../modules/history/schema.js';
export * from '../modules/imports/schema.js';
export * from '../modules/kb/schema.js';
export * from '../modules/mailings/schema.js';
export * from '../modules/notifications/schema.js';
export * from '../modules/reception/cards.schema.js';
export * from '../modules/reception/schema.js';
export * from '../modules/requests/schema.js';
export * from '../modules/site/schema.js';
export * from '../modules/surveys/schema.js';
export * from './backfill.schema.js';
