import { join } from 'node:path';
import { type Config, rootDir } from './config.js';
import type { Database } from './db/client.js';
import { createDiskStore } from './lib/attachment-store.js';
import { loadCalendarYears } from './lib/calendar.js';
import { createFieldCrypto, loadFieldCrypto } from './lib/field-crypto.js';
import { createSecretBox, loadSecretsKey } from './lib/secret-box.js';
import { createHttpSmsGateway, createLogSmsGateway } from './lib/sms/gateway.js';
import { createCalendarService } from './modules/agencies/calendar.service.js';
import { createFileQuota } from './modules/agencies/file-quota.js';
import { createAgencyService } from './modules/agencies/service.js';
import { createTouchpointService } from './modules/agencies/touchpoints.service.js';
import { createAccessDenialLog } from './modules/audit/access-denials.js';
import { createAuthEventLog } from './modules/audit/auth-events.service.js';
import { createAuditService } from './modules/audit/service.js';
import { createAccountNotices } from './modules/auth/account-notices.js';
import { createNewDeviceNotice } from './modules/auth/new-device-notice.js';
import { createSessionService } from './modules/auth/session.service.js';
import { createTwoFactor } from './modules/auth/two-factor.js';
import { createUserService } from './modules/auth/users.service.js';
import { createCallService } from './modules/calls/service.js';
import { createChannelAccounts } from './modules/channels/accounts.service.js';
import { createEmailTransport } from './modules/channels/email.transport.js';
import { emailAdapter } from './modules/channels/email-imap.js';
import { createOkChannel } from './modules/channels/ok/index.js';
import { createOutbox } from './modules/channels/outbox.js';
import { createChannelPosts } from './modules/channels/posts.service.js';
import { createSmsSender, createSmsTransport } from './modules/channels/sms.transport.js';
import { createSocialInbox } from './modules/channels/social.service.js';
import { createTelegramChannel } from './modules/channels/telegram/index.js';
import { createVkChannel } from './modules/channels/vk/index.js';
import { createTaxonomyService } from './modules/classification/service.js';
import { createSuggestionService } from './modules/classification/suggestions.service.js';
import { createClientMergeService } from './modules/clients/merge.service.js';
import { createClientService } from './modules/clients/service.js';
import { createDashboardReports } from './modules/dashboards/reports.js';
import { createDashboards } from './modules/dashboards/service.js';
import { createFeedbackActions } from './modules/feedback-actions/service.js';
import { createHistoryLinks } from './modules/history/links.js';
import { createRetention } from './modules/history/retention.js';
import { createHistoryService } from './modules/history/service.js';
import { createSubjectExport } from './modules/history/subject-export.js';
import { createPosSettings } from './modules/imports/pos-settings.js';
import { createImportService } from './modules/imports/service.js';
import { createKbArticleService } from './modules/kb/articles.service.js';
import { createKbAttachmentService } from './modules/kb/attachments.service.js';
import { createKbProposals } from './modules/kb/proposals.service.js';
import { createKbPublication } from './modules/kb/public.service.js';
import { createKbReviewService } from './modules/kb/review.service.js';
import { createKbReviewSweep } from './modules/kb/review-sweep.js';
import { createKbSearchService } from './modules/kb/search.service.js';
import { createKbSectionService } from './modules/kb/sections.service.js';
import { createKbService } from './modules/kb/service.js';
import { createKbVersionService } from './modules/kb/versions.service.js';
import { createCampaignTransport } from './modules/mailings/campaign-mail.js';
import { createCampaigns } from './modules/mailings/campaigns.service.js';
import { createMailingFeedback } from './modules/mailings/feedback.js';
import { createCampaignSender, WORKERS_PER_CONNECTION } from './modules/mailings/sender.js';
import { createSubscriptions } from './modules/mailings/subscriptions.service.js';
import { createMailingTopics } from './modules/mailings/topics.js';
import { createMailingTracking } from './modules/mailings/tracking.js';
import { createUnsubscribeTokens } from './modules/mailings/unsubscribe-token.js';
import { createNotificationService } from './modules/notifications/service.js';
import { createReceptionCards } from './modules/reception/cards.service.js';
import { createReceptionService } from './modules/reception/service.js';
import { createRequestActions } from './modules/requests/actions.service.js';
import { createAttachmentService } from './modules/requests/attachments.service.js';
import { createRequestClassification } from './modules/requests/classify.service.js';
import { createRequestClientLink } from './modules/requests/client-link.service.js';
import { loadDeadlinePolicies } from './modules/requests/deadlines.js';
import { loadLegalGrounds } from './modules/requests/grounds.js';
import { createRequestNotifier } from './modules/requests/notifier.js';
import { createDeadlinePolicyService } from './modules/requests/policies.service.js';
import { createDeadlineReminders } from './modules/requests/reminders.js';
import { createSavedViews } from './modules/requests/saved-views.js';
import { createRequestService } from './modules/requests/service.js';
import { createSiteAttachmentService } from './modules/site/attachments.service.js';
import { readDisclosurePreset } from './modules/site/disclosure.js';
import { createSitePublic } from './modules/site/public.service.js';
import { createSiteReviewSweep } from './modules/site/review-sweep.js';
import { createSiteService } from './modules/site/service.js';
import { createSurveyAnalytics } from './modules/surveys/analytics.service.js';
import { createSurveyPolls } from './modules/surveys/polls.service.js';
import { readSurveyPresets } from './modules/surveys/presets.js';
import { createSurveyResponses } from './modules/surveys/responses.service.js';
import { createSurveyService } from './modules/surveys/service.js';

/** Wires every capability's service once; routes and jobs receive this object. */
export function createServices(database: Database, config: Config) {
  const { db } = database;
  const audit = createAuditService(db);
  const authEvents = createAuthEventLog(db);
  const attachmentStore = createDiskStore(join(config.dataDir, 'attachments'));
  const outbox = createOutbox({
    db,
    maxAttempts: config.outboxMaxAttempts,
    retryBaseMs: config.outboxRetryBaseMs,
  });
  outbox.registerTransport(
    'email',
    createEmailTransport({
      smtpUrl: config.smtpUrl,
      from: config.mailFrom,
      outboxDir: join(config.dataDir, 'outbox'),
      store: attachmentStore,
    }),
  );
  const mail = outbox.mailer;
  outbox.registerTransport(
    'sms',
    createSmsTransport(
      config.smsGateway === 'http' && config.smsGatewayUrl
        ? createHttpSmsGateway({
            url: config.smsGatewayUrl,
            token: config.smsGatewayToken,
            timeoutMs: config.smsGatewayTimeoutMs,
          })
        : createLogSmsGateway(join(config.dataDir, 'sms.log')),
    ),
  );
  const sms = createSmsSender(outbox, db);
  const secretsKey = loadSecretsKey(config.secretsKey, join(config.dataDir, 'secrets.key'));
  const secretBox = createSecretBox(secretsKey);
  const previousKeys = config.previousSecretsKeys.map((key) => Buffer.from(key, 'hex'));
  loadFieldCrypto(createFieldCrypto(secretsKey, previousKeys));
  const accountNotices = createAccountNotices(db, mail, config.publicUrl);
  const twoFactor = createTwoFactor(
    db,
    secretBox,
    authEvents,
    audit,
    accountNotices,
    config.requireTwoFactorForRegionAdmins,
  );
  const sessions = createSessionService(db, config, mail, authEvents, twoFactor, accountNotices);
  const channelAccounts = createChannelAccounts({
    db,
    audit,
    box: secretBox,
    privateNetworks: config.channelPrivateNetworks,
  });
  channelAccounts.registerAdapter('email', emailAdapter);
  const agencies = createAgencyService(db, audit);
  const fileQuota = createFileQuota({ db, audit, defaultQuotaMb: config.agencyFileQuotaMb });

  const calendar = createCalendarService(db, audit, loadCalendarYears(join(rootDir, 'presets', 'calendar')));
  const clients = createClientService(db, audit);
  const clientMerges = createClientMergeService(db, audit);
  const requestLinks = createRequestClientLink(db);
  clientMerges.onMerge(requestLinks.reassign);
  const history = createHistoryService({ db, agencies, clients, requestLinks, audit });
  const users = createUserService(db, audit, agencies, sessions);
  const policies = createDeadlinePolicyService({
    db,
    audit,
    defaults: loadDeadlinePolicies(join(rootDir, 'presets', 'deadlines', 'policies.json')),
  });
  const grounds = loadLegalGrounds(join(rootDir, 'presets', 'legal', 'grounds.json'));
  const requestAttachments = createAttachmentService({
    db,
    store: attachmentStore,
    audit,
    fileQuota,
    maxCount: config.attachmentMaxCount,
  });
  const notifier = createRequestNotifier({
    db,
    agencies,
    outbox,
    publicUrl: config.publicUrl,
    answerFiles: requestAttachments.answerFilesForMail,
  });
  const taxonomy = createTaxonomyService(db, audit, agencies);
  const requestClassification = createRequestClassification({
    db,
    policies,
    agencies,
    calendar,
    taxonomy,
    audit,
    notifier,
  });
  const requests = createRequestService({
    db,
    policies,
    agencies,
    calendar,
    clients,
    notifier,
    audit,
    users,
    fileQuota,
  });
  const kb = createKbService({ db, agencies, users, requests });
  const kbArticles = createKbArticleService({ db, audit, users });
  const touchpoints = createTouchpointService(db, audit);
  const site = createSiteService({
    db,
    audit,
    agencies,
    calendar,
    users,
    disclosure: readDisclosurePreset(join(rootDir, 'presets', 'site', 'disclosure.json')),
  });
  const socialInbox = createSocialInbox({
    db,
    outbox,
    audit,
    agencies,
    touchpoints,
    users,
    kb,
    requests,
    publicUrl: config.publicUrl,
  });
  const vk = createVkChannel({ db, channelAccounts, outbox, requests, socialInbox });
  const ok = createOkChannel({
    db,
    channelAccounts,
    outbox,
    requests,
    socialInbox,
    publicUrl: config.publicUrl,
  });
  const notifications = createNotificationService({ db, mailer: mail, publicUrl: config.publicUrl });
  const retention = createRetention({ db, agencies, clients, requestLinks });
  // The hand-over ZIP carries the request files; a purged client's files leave the disk too.
  history.setAttachmentProvider(requestAttachments.filesForExport);
  retention.setAttachmentPurger(requestAttachments.purgeForRequests);
  retention.setSocialPurger(socialInbox.retention);
  const calls = createCallService({ db, audit, agencies, calendar, box: secretBox, requests });
  retention.onPurge(calls.purgeClients);
  history.registerTimelineSource('call', calls.timelineOf);
  const mailingTopics = createMailingTopics({ db, audit });
  const subscriptions = createSubscriptions({
    db,
    audit,
    agencies,
    topics: mailingTopics,
    mailer: mail,
    tokens: createUnsubscribeTokens(secretsKey),
    publicUrl: config.publicUrl,
  });
  const campaignTransport = createCampaignTransport({
    smtpUrl: config.smtpUrl,
    outboxDir: join(config.dataDir, 'outbox'),
    connections: config.mailingConcurrency,
  });
  const mailingTracking = createMailingTracking({ db, audit, secretsKey, publicUrl: config.publicUrl });
  const campaignSender = createCampaignSender({
    db,
    agencies,
    subscriptions,
    tracking: mailingTracking,
    transport: campaignTransport,
    publicUrl: config.publicUrl,
    from: config.mailFrom,
    ratePerMinute: config.mailingRatePerMinute,
    batchSize: config.mailingBatchSize,
    workers: config.mailingConcurrency * WORKERS_PER_CONNECTION,
    checkGroup: config.mailingCheckGroup,
    maxAttempts: config.mailingMaxAttempts,
    retryBaseMs: config.mailingRetryBaseMs,
  });
  const surveys = createSurveyService({
    db,
    audit,
    presets: readSurveyPresets(join(rootDir, 'presets', 'surveys')),
  });
  agencies.onCreated(surveys.loadPresets);
  const reception = createReceptionService({
    db,
    audit,
    agencies,
    calendar,
    mailer: mail,
    sms,
    publicUrl: config.publicUrl,
  });
  const requestActions = createRequestActions({
    db,
    policies,
    grounds,
    agencies,
    calendar,
    users,
    audit,
    notifier,
    requests,
  });
  const receptionCards = createReceptionCards({
    db,
    audit,
    clients,
    requests,
    requestActions,
    bookings: reception,
  });
  const dashboards = createDashboards({ db, agencies, calendar, users });
  retention.onPurge(receptionCards.purgeClients);
  clientMerges.onMerge(receptionCards.reassignClient);
  history.registerTimelineSource('reception', receptionCards.timelineOf);
  return {
    mailingTopics,
    subscriptions,
    campaignSender,
    mailingFeedback: createMailingFeedback({ db, subscriptions }),
    mailingTracking,
    campaigns: createCampaigns({
      db,
      audit,
      agencies,
      users,
      topics: mailingTopics,
      sender: campaignSender,
      transport: campaignTransport,
      ratePerMinute: config.mailingRatePerMinute,
      publicUrl: config.publicUrl,
      from: config.mailFrom,
    }),
    database,
    config,
    attachmentStore,
    fileQuota,
    outbox,
    sms,
    channelAccounts,
    socialInbox,
    channelPosts: createChannelPosts({ db, outbox, audit, channelAccounts }),
    vk,
    ok,
    telegram: createTelegramChannel({
      db,
      channelAccounts,
      outbox,
      requests,
      socialInbox,
      attachmentStore,
      fileQuota,
      attachmentMaxBytes: config.attachmentMaxBytes,
      pollTimeoutSeconds: config.telegramPollTimeoutSeconds,
      refreshMs: config.telegramRefreshMs,
      publicUrl: config.publicUrl,
    }),
    audit,
    agencies,
    touchpoints,
    calendar,
    calls,
    clients,
    requestAttachments,
    requests,
    imports: createImportService({
      requests,
      agencies,
      store: attachmentStore,
      limits: { maxBytes: config.attachmentMaxBytes, maxCount: config.attachmentMaxCount },
    }),
    posSettings: createPosSettings({ db, box: secretBox, audit }),
    kb,
    kbReviews: createKbReviewService({ db, audit, agencies, calendar, users }),
    kbReviewSweep: createKbReviewSweep({
      db,
      agencies,
      calendar,
      users,
      notifications,
      leadDays: config.kbReviewLeadDays,
    }),
    kbSections: createKbSectionService({ db, audit, agencies, calendar, users }),
    kbArticles,
    kbVersions: createKbVersionService({ db, articles: kbArticles }),
    kbAttachments: createKbAttachmentService({ db, store: attachmentStore, audit, users, fileQuota }),
    kbSearch: createKbSearchService({ db, requests, taxonomy }),
    kbPublication: createKbPublication({ db, agencies }),
    site,
    sitePublic: createSitePublic({ db, agencies, site }),
    siteAttachments: createSiteAttachmentService({ db, store: attachmentStore, audit, fileQuota }),
    siteReviewSweep: createSiteReviewSweep({
      db,
      agencies,
      calendar,
      users,
      notifications,
      site,
      leadDays: config.kbReviewLeadDays,
    }),
    kbProposals: createKbProposals({
      db,
      audit,
      agencies,
      users,
      sources: [requestClassification.textsSince, calls.questionsSince],
    }),
    clientMerges,
    history,
    historyLinks: createHistoryLinks({
      db,
      agencies,
      clients,
      history,
      mailer: mail,
      publicUrl: config.publicUrl,
    }),
    subjectExport: createSubjectExport({ db, history, clients, audit }),
    retention,
    requestActions,
    grounds,
    reception,
    receptionCards,
    deadlinePolicies: policies,
    surveys,
    surveyResponses: createSurveyResponses({ db, audit, agencies, surveys }),
    surveyAnalytics: createSurveyAnalytics({ db, agencies, surveys }),
    feedbackActions: createFeedbackActions({ db, audit, agencies, users }),
    dashboards,
    dashboardReports: createDashboardReports({
      db,
      agencies,
      audit,
      dashboards,
      store: attachmentStore,
      mailer: mail,
    }),
    surveyPolls: createSurveyPolls({
      db,
      audit,
      agencies,
      surveys,
      outbox,
      sms,
      publicUrl: config.publicUrl,
    }),
    notifications,
    savedViews: createSavedViews({ db, audit }),
    reminders: createDeadlineReminders({ db, agencies, calendar, users, notifications }),
    taxonomy,
    requestClassification,
    suggestions: createSuggestionService({ requests: requestClassification, taxonomy, agencies }),
    sessions,
    authEvents,
    accessDenials: createAccessDenialLog(db),
    newDeviceNotice: createNewDeviceNotice(authEvents, accountNotices),
    twoFactor,
    users,
  };
}

export type Services = ReturnType<typeof createServices>;
