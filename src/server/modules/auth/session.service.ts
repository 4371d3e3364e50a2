import type { SessionInfo } from '../../../common/types.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { Forbidden, Invalid, Unauthorized } from '../../lib/errors.js';
import type { Mailer } from '../../lib/mail.js';
import { randomToken, sha256 } from '../../lib/tokens.js';
import type { AuthEventLog, RequestContext } from '../audit/auth-events.service.js';
import type { AccountNotices } from './account-notices.js';
import { createAttemptCounter } from './attempts.js';
import { assertStrongPassword, hashPassword, passwordMatches } from './passwords.js';
import * as repo from './repo.js';
import type { TwoFactor } from './two-factor.js';

const RESET_TTL_MS = 60 * 60 * 1000;
/**
 * Activity is written at most this often per session: the idle timeout needs minutes, not every
 * request's instant, and a write per request would double the load of every read.
 */
const ACTIVITY_WRITE_INTERVAL_MS = 60_000;

export interface ResolvedSession {
  idHash: string;
  info: SessionInfo;
  agencyId: string | null;
  /** The last password (and code) confirmation in this session; sign-in counts (ASVS 3.7.1). */
  reauthenticatedAt: Date | null;
}

/** A session id that named a session which has just ended for being idle (ASVS 3.3.2). */
export const IDLE = 'idle';

export function createSessionService(
  db: Db,
  config: Config,
  mailer: Mailer,
  events: AuthEventLog,
  twoFactor: TwoFactor,
  notices: AccountNotices,
) {
  const attempts = createAttemptCounter(db, events, notices);

  async function describe(
    idHash: string,
    userId: string,
    agencyId: string | null,
    csrfToken: string,
    reauthenticatedAt: Date | null,
  ): Promise<ResolvedSession> {
    const user = await repo.findUserById(db, userId);
    if (!user) throw new Unauthorized();
    const agencies = await repo.listMembershipsOfUser(db, userId);
    const current = agencies.find((a) => a.agencyId === agencyId) ?? agencies[0] ?? null;
    const twoFactorRequiredBy = user.totpEnabledAt
      ? null
      : user.isRegionAdmin && config.requireTwoFactorForRegionAdmins
        ? 'region'
        : current?.requireTwoFactorForAdmins && current.roles.includes('admin')
          ? 'agency'
          : null;
    const info: SessionInfo = {
      user: { id: user.id, email: user.email, name: user.name, locale: user.locale },
      csrfToken,
      isRegionAdmin: user.isRegionAdmin,
      agencies: agencies.map(({ slug, name, shortName, roles }) => ({ slug, name, shortName, roles })),
      currentAgency: current?.slug ?? null,
      roles: current?.roles ?? [],
      twoFactorEnrolmentRequired: twoFactorRequiredBy !== null,
      twoFactorRequiredBy,
    };
    return { idHash, info, agencyId: current?.agencyId ?? null, reauthenticatedAt };
  }

  return {
    async login(
      email: string,
      password: string,
      context: RequestContext,
      code?: string,
    ): Promise<{ sessionId: string; session: ResolvedSession }> {
      const user = await repo.findUserByEmail(db, email);
      const typed = email.trim().toLowerCase();
      const now = new Date();
      await attempts.assertNotLocked('login_failed', user, typed, context);
      const ok = await passwordMatches(user?.passwordHash ?? null, password);
      // Only the right password learns that a code is needed, and asking for it is not a failure.
      if (user && ok && user.totpEnabledAt && !code) {
        throw new Unauthorized(
          'two_factor_required',
          'Введите шестизначный код из приложения-аутентификатора или код восстановления',
        );
      }
      const codeOk = !user?.totpEnabledAt || (code !== undefined && (await twoFactor.acceptCode(user, code)));
      if (!user || !ok || !codeOk) {
        // The client gets one answer for an unknown address and a wrong password; the log keeps which.
        const reason = !user ? 'unknown_user' : !ok ? 'wrong_password' : 'wrong_code';
        await attempts.fail('login_failed', user, typed, reason, context);
        if (user && ok) throw new Unauthorized('invalid_code', 'Неверный или уже использованный код');
        throw new Unauthorized('invalid_credentials', 'Неверный адрес электронной почты или пароль');
      }
      await attempts.succeeded(user, { lastLoginAt: now });
      // A fresh id on every login: a session id planted before login is never promoted.
      const sessionId = randomToken();
      const idHash = sha256(sessionId);
      const csrfToken = randomToken();
      const memberships = await repo.listMembershipsOfUser(db, user.id);
      const agencyId = memberships[0]?.agencyId ?? null;
      await repo.insertSession(db, {
        idHash,
        userId: user.id,
        agencyId,
        csrfToken,
        expiresAt: new Date(now.getTime() + config.sessionTtlHours * 3_600_000),
        lastActiveAt: now,
        reauthenticatedAt: now,
      });
      await events.record(context, { kind: 'login_succeeded', userId: user.id });
      return { sessionId, session: await describe(idHash, user.id, agencyId, csrfToken, now) };
    },

    /**
     * The live session a cookie names. `userActivity` is false for the console's background polls:
     * they must not keep an unattended session alive (ASVS 3.3.2), so they do not refresh it.
     */
    async resolve(
      sessionId: string,
      context: RequestContext,
      userActivity: boolean,
    ): Promise<ResolvedSession | typeof IDLE | null> {
      const idHash = sha256(sessionId);
      const row = await repo.findLiveSession(db, idHash);
      if (!row) return null;
      const now = Date.now();
      if (row.lastActiveAt.getTime() + config.sessionIdleMinutes * 60_000 <= now) {
        // Concurrent requests may all find it idle; the one that deletes it records the event.
        if (await repo.deleteSession(db, idHash)) {
          await events.record(context, { kind: 'session_idle', userId: row.userId });
        }
        return IDLE;
      }
      if (userActivity && row.lastActiveAt.getTime() + ACTIVITY_WRITE_INTERVAL_MS <= now) {
        await repo.touchSession(db, idHash, new Date(now), new Date(now - ACTIVITY_WRITE_INTERVAL_MS));
      }
      return describe(idHash, row.userId, row.agencyId, row.csrfToken, row.reauthenticatedAt);
    },

    /** ASVS 3.7.1: the password (and the code with 2FA) again, for a dangerous action ahead. */
    async reauthenticate(
      session: ResolvedSession,
      password: string,
      code: string | undefined,
      context: RequestContext,
    ): Promise<void> {
      const user = await repo.findUserById(db, session.info.user.id);
      if (!user) throw new Unauthorized();
      await attempts.assertNotLocked('reauthentication_failed', user, user.email, context);
      if (!(await passwordMatches(user.passwordHash, password))) {
        await attempts.fail('reauthentication_failed', user, user.email, 'wrong_password', context);
        throw new Invalid('body.password', 'Неверный пароль', 'invalid_password');
      }
      if (user.totpEnabledAt) {
        if (!code) {
          throw new Invalid(
            'body.code',
            'Введите шестизначный код из приложения-аутентификатора или код восстановления',
            'two_factor_required',
          );
        }
        if (!(await twoFactor.acceptCode(user, code))) {
          await attempts.fail('reauthentication_failed', user, user.email, 'wrong_code', context);
          throw new Invalid('body.code', 'Неверный или уже использованный код', 'invalid_code');
        }
      }
      await attempts.succeeded(user);
      await repo.setSessionReauthenticated(db, session.idHash, new Date());
      await events.record(context, { kind: 'reauthenticated', userId: user.id });
    },

    async switchAgency(session: ResolvedSession, slug: string): Promise<ResolvedSession> {
      const target = (await repo.listMembershipsOfUser(db, session.info.user.id)).find(
        (a) => a.slug === slug,
      );
      if (!target) throw new Forbidden('Вы не работаете в этом ведомстве');
      await repo.setSessionAgency(db, session.idHash, target.agencyId);
      return describe(
        session.idHash,
        session.info.user.id,
        target.agencyId,
        session.info.csrfToken,
        session.reauthenticatedAt,
      );
    },

    async logout(session: ResolvedSession, context: RequestContext): Promise<void> {
      await repo.deleteSession(db, session.idHash);
      await events.record(context, { kind: 'logout', userId: session.info.user.id });
    },

    async requestPasswordReset(email: string, purpose: 'reset' | 'invite' = 'reset'): Promise<void> {
      const user = await repo.findUserByEmail(db, email);
      if (!user) return;
      const token = randomToken();
      await repo.insertPasswordReset(db, {
        tokenHash: sha256(token),
        userId: user.id,
        expiresAt: new Date(Date.now() + (purpose === 'invite' ? 7 * 24 : 1) * RESET_TTL_MS),
      });
      const link = `${config.publicUrl}/console/reset-password?token=${token}`;
      await mailer.send(
        purpose === 'invite'
          ? {
              to: user.email,
              subject: 'Отклик: приглашение в рабочее место',
              text: `Здравствуйте, ${user.name}!\n\nВам открыт доступ к рабочему месту «Отклик». Чтобы задать пароль, перейдите по ссылке (действует 7 дней):\n${link}\n`,
            }
          : {
              to: user.email,
              subject: 'Отклик: восстановление пароля',
              text: `Здравствуйте, ${user.name}!\n\nЧтобы задать новый пароль, перейдите по ссылке (действует 1 час):\n${link}\n\nЕсли вы не запрашивали смену пароля, просто проигнорируйте это письмо.\n`,
            },
      );
    },

    async confirmPasswordReset(token: string, password: string, context: RequestContext): Promise<void> {
      assertStrongPassword(password, 'body.password');
      const passwordHash = await hashPassword(password);
      await db.transaction(async (tx) => {
        const userId = await repo.consumePasswordReset(tx, sha256(token));
        if (!userId) {
          throw new Invalid(
            'body.token',
            'Ссылка недействительна или устарела. Запросите новую',
            'invalid_token',
          );
        }
        // An invitation's link sets the first password: there was nothing to change.
        const previous = (await repo.findUserById(tx, userId))?.passwordHash;
        await repo.updateUser(tx, userId, { passwordHash, failedLogins: 0, lockedUntil: null });
        await events.record(context, { kind: 'password_changed', userId }, tx);
        if ((await repo.deleteSessionsOfUser(tx, userId)) > 0) {
          await events.record(context, { kind: 'session_revoked', userId, reason: 'password_changed' }, tx);
        }
        if (previous) await notices.credentialChanged(userId, 'password_changed', new Date(), tx);
      });
      notices.wake();
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
