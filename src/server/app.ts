import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { logAccessDenials } from './http/access-denial-log.js';
import { frameworkErrors, registerErrorHandling } from './http/errors.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { sessionCookieName, sessionLoader } from './http/session.js';
import { rejectMalformedText } from './http/text-guard.js';
import { registerValidation } from './http/validation.js';
import { inlineScriptHashes, registerWeb, webPages } from './http/web.js';
import { calendarRoutes } from './modules/agencies/calendar.routes.js';
import { fileQuotaRoutes } from './modules/agencies/file-quota.routes.js';
import { agencyRoutes } from './modules/agencies/routes.js';
import { touchpointRoutes } from './modules/agencies/touchpoints.routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { authRoutes } from './modules/auth/routes.js';
import { twoFactorRoutes } from './modules/auth/two-factor.routes.js';
import { userRoutes } from './modules/auth/users.routes.js';
import { callRoutes } from './modules/calls/routes.js';
import { pbxWebhookRoutes } from './modules/calls/webhook.routes.js';
import { okWebhookRoutes } from './modules/channels/ok/webhook.routes.js';
import { channelPostRoutes } from './modules/channels/posts.routes.js';
import { channelRoutes } from './modules/channels/routes.js';
import { socialRoutes } from './modules/channels/social.routes.js';
import { telegramWebhookRoutes } from './modules/channels/telegram/webhook.routes.js';
import { vkCallbackRoutes } from './modules/channels/vk/callback.routes.js';
import { classificationRoutes } from './modules/classification/routes.js';
import { clientRoutes } from './modules/clients/routes.js';
import { dashboardRoutes } from './modules/dashboards/routes.js';
import { feedbackActionRoutes } from './modules/feedback-actions/routes.js';
import { publicHistoryRoutes } from './modules/history/public.routes.js';
import { historyRoutes } from './modules/history/routes.js';
import { importRoutes } from './modules/imports/routes.js';
import { posWebhookRoutes } from './modules/imports/webhook.routes.js';
import { kbProposalRoutes } from './modules/kb/proposals.routes.js';
import { publicKbRoutes } from './modules/kb/public.routes.js';
import { kbReviewRoutes } from './modules/kb/review.routes.js';
import { kbRoutes } from './modules/kb/routes.js';
import { kbSearchRoutes } from './modules/kb/search.routes.js';
import { campaignRoutes } from './modules/mailings/campaigns.routes.js';
import { publicMailingRoutes } from './modules/mailings/public.routes.js';
import { mailingRoutes } from './modules/mailings/routes.js';
import { metricsRoutes } from './modules/metrics/routes.js';
import { notificationRoutes } from './modules/notifications/routes.js';
import { qrRoutes } from './modules/qr/routes.js';
import { receptionCardRoutes } from './modules/reception/cards.routes.js';
import { publicReceptionRoutes } from './modules/reception/public.routes.js';
import { receptionRoutes } from './modules/reception/routes.js';
import { requestActionRoutes } from './modules/requests/actions.routes.js';
import { attachmentRoutes } from './modules/requests/attachments.routes.js';
import { requestClassificationRoutes } from './modules/requests/classify.routes.js';
import { deadlinePolicyRoutes } from './modules/requests/policies.routes.js';
import { publicRequestRoutes } from './modules/requests/public.routes.js';
import { savedViewRoutes } from './modules/requests/saved-views.routes.js';
import { staffRequestRoutes } from './modules/requests/staff.routes.js';
import { accessibilityRoutes } from './modules/site/accessibility.routes.js';
import { publicSiteRoutes } from './modules/site/public.routes.js';
import { siteRoutes } from './modules/site/routes.js';
import { surveyAnalyticsRoutes } from './modules/surveys/analytics.routes.js';
import { surveyPaperRoutes } from './modules/surveys/paper.routes.js';
import { publicSurveyRoutes } from './modules/surveys/public.routes.js';
import { surveyRoutes } from './modules/surveys/routes.js';
import type { Services } from './services.js';

export interface AppOptions {
  /** `stream` lets a test read the JSON log lines. */
  logger?: boolean | { level: string; stream?: { write(line: string): void } };
}

/** An id a balancer or proxy put in X-Request-Id, if it is safe to log as it is. */
const FORWARDED_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export async function buildApp(services: Services, options: AppOptions = {}): Promise<FastifyInstance> {
  const { config } = services;
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // Every log line of a request carries reqId: the balancer's X-Request-Id, so its access log
    // and ours join, or a UUID (unique across nodes, unlike Fastify's per-process counter).
    genReqId: (request) => {
      const forwarded = request.headers['x-request-id'];
      return typeof forwarded === 'string' && FORWARDED_REQUEST_ID.test(forwarded) ? forwarded : randomUUID();
    },
    frameworkErrors,
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerErrorHandling(app);
  logAccessDenials(app, services.accessDenials);
  registerValidation(app);

  const pages = webPages();
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...inlineScriptHashes(pages.console, pages.portal)],
        // Mantine sets style attributes at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(fastifyCookie);
  // Size is judged per file (uploads.ts), so an oversized file gets a message naming it.
  await app.register(fastifyMultipart, { throwFileSizeLimit: false });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: 'rate_limited',
      message: `Слишком много запросов. Повторите через ${Math.ceil(context.ttl / 1000)} с`,
    }),
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Отклик API', version: '0.1.0', description: 'См. docs/api.md' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: sessionCookieName(config.secureCookies) },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
  });

  app.addHook('onRequest', sessionLoader(services.sessions, config.secureCookies));
  // A staff answer is personal data: no browser or proxy cache keeps it (ASVS 8.1.1, 8.2.1).
  app.addHook('onSend', async (request, reply) => {
    if (/^\/api\/(staff|auth)\//.test(request.url) && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
  });
  app.addHook('preValidation', rejectMalformedText);

  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    await services.database.db.execute(sql`select 1`);
    return reply.send({ status: 'ok', db: services.database.kind });
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  metricsRoutes(app, services);

  agencyRoutes(app, services);
  fileQuotaRoutes(app, services);
  touchpointRoutes(app, services);
  calendarRoutes(app, services);
  authRoutes(app, services);
  twoFactorRoutes(app, services);
  userRoutes(app, services);
  auditRoutes(app, services);
  feedbackActionRoutes(app, services);
  publicRequestRoutes(app, services);
  staffRequestRoutes(app, services);
  requestActionRoutes(app, services);
  notificationRoutes(app, services);
  savedViewRoutes(app, services);
  deadlinePolicyRoutes(app, services);
  requestClassificationRoutes(app, services);
  classificationRoutes(app, services);
  attachmentRoutes(app, services);
  importRoutes(app, services);
  posWebhookRoutes(app, services);
  callRoutes(app, services);
  pbxWebhookRoutes(app, services);
  kbRoutes(app, services);
  kbReviewRoutes(app, services);
  kbSearchRoutes(app, services);
  kbProposalRoutes(app, services);
  clientRoutes(app, services);
  historyRoutes(app, services);
  channelRoutes(app, services);
  socialRoutes(app, services);
  channelPostRoutes(app, services);
  vkCallbackRoutes(app, {
    channelAccounts: services.channelAccounts,
    handleVkEvent: services.vk.handleVkEvent,
  });
  okWebhookRoutes(app, {
    channelAccounts: services.channelAccounts,
    handleOkEvent: services.ok.handleOkEvent,
  });
  telegramWebhookRoutes(app, {
    db: services.database.db,
    channelAccounts: services.channelAccounts,
    inbound: services.telegram.inbound,
  });
  publicHistoryRoutes(app, services);
  publicKbRoutes(app, services);
  siteRoutes(app, services);
  publicSiteRoutes(app, services);
  accessibilityRoutes(app, services);
  receptionRoutes(app, services);
  receptionCardRoutes(app, services);
  publicReceptionRoutes(app, services);
  mailingRoutes(app, services);
  campaignRoutes(app, services);
  publicMailingRoutes(app, services);
  surveyRoutes(app, services);
  surveyAnalyticsRoutes(app, services);
  dashboardRoutes(app, services);
  surveyPaperRoutes(app, services);
  publicSurveyRoutes(app, services);
  qrRoutes(app, services);
  await registerWeb(app, services, pages);
  return app;
}
