import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AddressRange, parseNetworks } from './lib/outbound-guard.js';

// src/server/config.ts and dist/server/config.js sit at the same depth, so the repository root
// (presets/, migrations/, dist/web/) is found the same way from source and from the build.
export const rootDir = fileURLToPath(new URL('../../', import.meta.url));

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  publicUrl: string;
  /** The public URL is https: cookies are Secure and the session one `__Host-`-prefixed. */
  secureCookies: boolean;
  adminEmail: string;
  adminPassword: string | null;
  smtpUrl: string | null;
  mailFrom: string;
  logLevel: string;
  bodyLimitBytes: number;
  sessionTtlHours: number;
  /** ASVS 3.3.2: minutes without user activity after which a session ends. */
  sessionIdleMinutes: number;
  /** ASVS 3.7.1: how recent a password confirmation a dangerous action needs, in minutes. */
  reauthWindowMinutes: number;
  loginRatePerMinute: number;
  publicRatePerMinute: number;
  trustProxy: boolean;
  /** Bearer token for `GET /metrics`; unset → the metrics answer on loopback only. */
  metricsToken: string | null;
  /** Minutes between deadline sweeps (reminders, escalations); 0 turns the sweep off. */
  deadlineSweepMinutes: number;
  /** Minutes between knowledge-base review sweeps (reminders, escalations); 0 turns it off. */
  kbReviewSweepMinutes: number;
  /** Working days before a KB section's review due date when its keepers are reminded. */
  kbReviewLeadDays: number;
  attachmentMaxBytes: number;
  attachmentMaxCount: number;
  /** ASVS 12.1.3: an agency's stored files, in MB, unless the region administrator set its own. */
  agencyFileQuotaMb: number;
  /** 64 hex digits: seals channel secrets in the database; unset → a key file under DATA_DIR. */
  secretsKey: string | null;
  /** Keys contact fields may still be sealed with while a rotation's backfill rewrites them. */
  previousSecretsKeys: string[];
  /** How often each node looks for due outgoing messages (retries, other nodes' commits). */
  outboxPollMs: number;
  outboxMaxAttempts: number;
  outboxRetryBaseMs: number;
  /** Telegram getUpdates long-poll timeout, seconds (0: short polling). */
  telegramPollTimeoutSeconds: number;
  /** How often each node re-reads the Telegram bot accounts it polls or registers webhooks for. */
  telegramRefreshMs: number;
  /** The inbound SMTP listener's port; 0 turns it off. */
  smtpInPort: number;
  smtpInMaxBytes: number;
  /** Minutes between fetches from the mailboxes connected over IMAP; 0 turns them off. */
  imapPollMinutes: number;
  /** How often each node reads new comments of its OK groups (OK pushes no event for them). */
  okCommentsPollMs: number;
  /** Subscription requests one IP may make per minute (seed 004 p. 14 form, flood guard). */
  subscribeRatePerMinute: number;
  /** Mailing e-mails one node sends per minute at most (the relay's limit). */
  mailingRatePerMinute: number;
  /** Recipients one node claims at a time and how many of them it sends at once. */
  mailingBatchSize: number;
  mailingConcurrency: number;
  /**
   * Recipients whose consent one query checks right before their e-mails leave, one after another
   * on one connection: a revocation committed before the check is honoured; one committed after it
   * may still let this group's remaining e-mails go.
   */
  mailingCheckGroup: number;
  /** How often each node looks for campaigns to send (scheduled, resumed, retries). */
  mailingPollMs: number;
  mailingMaxAttempts: number;
  mailingRetryBaseMs: number;
  /** Which SMS gateway sends: `http` (SMS_GATEWAY_URL) or `log` (lines in DATA_DIR/sms.log). */
  smsGateway: 'http' | 'log';
  smsGatewayUrl: string | null;
  smsGatewayToken: string | null;
  smsGatewayTimeoutMs: number;
  /** Internal address ranges channel endpoints (Bot API root, IMAP server …) may point into. */
  channelPrivateNetworks: AddressRange[];
  /** Region administrators must sign in with 2FA; until enrolled they may only enrol. */
  requireTwoFactorForRegionAdmins: boolean;
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function secretsKey(raw: string | undefined): string | null {
  if (!raw) return null;
  if (!/^[0-9a-fA-F]{64}$/.test(raw))
    throw new Error('SECRETS_KEY and SECRETS_KEY_PREVIOUS keys must be 64 hex digits (32 bytes)');
  return raw.toLowerCase();
}

function smsGateway(env: Env): Pick<Config, 'smsGateway' | 'smsGatewayUrl'> {
  const url = env.SMS_GATEWAY_URL?.trim() || null;
  if (url && !/^https?:\/\//.test(url))
    throw new Error('SMS_GATEWAY_URL must start with http:// or https://');
  // Naming a gateway URL is enough to use it; without one SMS stay on this machine.
  const kind = env.SMS_GATEWAY?.trim() || (url ? 'http' : 'log');
  if (kind !== 'http' && kind !== 'log') throw new Error(`SMS_GATEWAY must be http or log, got "${kind}"`);
  if (kind === 'http' && !url) throw new Error('SMS_GATEWAY=http needs SMS_GATEWAY_URL');
  return { smsGateway: kind, smsGatewayUrl: url };
}

/** Every environment variable Otklik reads; the README's configuration table mirrors this. */
export function loadConfig(env: Env = process.env): Config {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  }
  return {
    port,
    host: env.HOST || '0.0.0.0',
    dataDir: resolve(env.DATA_DIR || './data'),
    databaseUrl,
    publicUrl: (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, ''),
    secureCookies: (env.PUBLIC_URL ?? '').startsWith('https://'),
    adminEmail: (env.ADMIN_EMAIL || 'admin@otklik.local').trim().toLowerCase(),
    adminPassword: env.ADMIN_PASSWORD || null,
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM || 'Отклик <no-reply@otklik.local>',
    logLevel: env.LOG_LEVEL || 'info',
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 104_857_600),
    sessionTtlHours: integer(env, 'SESSION_TTL_HOURS', 12, 1, 720),
    sessionIdleMinutes: integer(env, 'SESSION_IDLE_MINUTES', 30, 2, 1440),
    reauthWindowMinutes: integer(env, 'REAUTH_WINDOW_MINUTES', 10, 1, 1440),
    loginRatePerMinute: integer(env, 'LOGIN_RATE_PER_MINUTE', 10, 1, 10_000),
    publicRatePerMinute: integer(env, 'PUBLIC_RATE_PER_MINUTE', 300, 1, 1_000_000),
    // Only behind a reverse proxy: otherwise any client could forge X-Forwarded-For.
    trustProxy: env.TRUST_PROXY === 'true',
    metricsToken: env.METRICS_TOKEN?.trim() || null,
    deadlineSweepMinutes: integer(env, 'DEADLINE_SWEEP_MINUTES', 15, 0, 1440),
    kbReviewSweepMinutes: integer(env, 'KB_REVIEW_SWEEP_MINUTES', 60, 0, 1440),
    kbReviewLeadDays: integer(env, 'KB_REVIEW_LEAD_DAYS', 5, 0, 30),
    attachmentMaxBytes: integer(env, 'ATTACHMENT_MAX_BYTES', 10 * 1_048_576, 1024, 1_073_741_824),
    attachmentMaxCount: integer(env, 'ATTACHMENT_MAX_COUNT', 5, 1, 50),
    agencyFileQuotaMb: integer(env, 'AGENCY_FILE_QUOTA_MB', 10_240, 1, 10_485_760),
    secretsKey: secretsKey(env.SECRETS_KEY),
    previousSecretsKeys: (env.SECRETS_KEY_PREVIOUS ?? '')
      .split(',')
      .map((key) => key.trim())
      .filter(Boolean)
      .map((key) => secretsKey(key) as string),
    outboxPollMs: integer(env, 'OUTBOX_POLL_MS', 2000, 50, 600_000),
    outboxMaxAttempts: integer(env, 'OUTBOX_MAX_ATTEMPTS', 8, 1, 100),
    outboxRetryBaseMs: integer(env, 'OUTBOX_RETRY_BASE_MS', 30_000, 0, 3_600_000),
    telegramPollTimeoutSeconds: integer(env, 'TELEGRAM_POLL_TIMEOUT_S', 25, 0, 50),
    telegramRefreshMs: integer(env, 'TELEGRAM_REFRESH_MS', 15_000, 50, 3_600_000),
    smtpInPort: integer(env, 'SMTP_IN_PORT', 2525, 0, 65535),
    smtpInMaxBytes: integer(env, 'SMTP_IN_MAX_BYTES', 25 * 1_048_576, 1024, 1_073_741_824),
    imapPollMinutes: integer(env, 'IMAP_POLL_MINUTES', 2, 0, 1440),
    okCommentsPollMs: integer(env, 'OK_COMMENTS_POLL_MS', 60_000, 50, 3_600_000),
    subscribeRatePerMinute: integer(env, 'SUBSCRIBE_RATE_PER_MINUTE', 5, 1, 1_000_000),
    mailingRatePerMinute: integer(env, 'MAILING_RATE_PER_MINUTE', 600, 1, 10_000_000),
    mailingBatchSize: integer(env, 'MAILING_BATCH_SIZE', 50, 1, 10_000),
    mailingConcurrency: integer(env, 'MAILING_CONCURRENCY', 4, 1, 100),
    mailingCheckGroup: integer(env, 'MAILING_CHECK_GROUP', 8, 1, 100),
    mailingPollMs: integer(env, 'MAILING_POLL_MS', 5000, 50, 600_000),
    mailingMaxAttempts: integer(env, 'MAILING_MAX_ATTEMPTS', 5, 1, 100),
    mailingRetryBaseMs: integer(env, 'MAILING_RETRY_BASE_MS', 60_000, 0, 3_600_000),
    ...smsGateway(env),
    smsGatewayToken: env.SMS_GATEWAY_TOKEN || null,
    smsGatewayTimeoutMs: integer(env, 'SMS_GATEWAY_TIMEOUT_MS', 10_000, 100, 120_000),
    channelPrivateNetworks: parseNetworks(env.CHANNEL_PRIVATE_NETWORKS),
    requireTwoFactorForRegionAdmins: env.REQUIRE_TWO_FACTOR_FOR_REGION_ADMINS === 'true',
  };
}
