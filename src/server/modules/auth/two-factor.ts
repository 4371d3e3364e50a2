import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { Secret, TOTP } from 'otpauth';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { Forbidden, Invalid, NotFound } from '../../lib/errors.js';
import { qrSvg } from '../../lib/qr.js';
import type { SecretBox } from '../../lib/secret-box.js';
import type { AuthEventLog, RequestContext } from '../audit/auth-events.service.js';
import type { AuditService } from '../audit/service.js';
import type { AccountNotices } from './account-notices.js';
import { passwordMatches } from './passwords.js';
import * as repo from './repo.js';

const PERIOD_SECONDS = 30;
/** One step either side: a phone clock a little off still works. */
const WINDOW = 1;
const RECOVERY_CODES = 10;
// No 0/o, 1/l/i: a code copied from paper is read back without guessing.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export interface TwoFactorSetup {
  secret: string;
  uri: string;
  /** The otpauth:// URI as an SVG QR code in a data: URL (the CSP allows data: images). */
  qr: string;
}

const totpOf = (secret: string, email = '') =>
  new TOTP({ issuer: 'Отклик', label: email, secret: Secret.fromBase32(secret), period: PERIOD_SECONDS });

/** Ten characters in two groups, as shown once to the user: «abcde-fghjk». */
function newRecoveryCode(): string {
  const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

const normalizeRecoveryCode = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');

const wrongCode = () => new Invalid('body.code', 'Неверный или уже использованный код', 'invalid_code');

export function createTwoFactor(
  db: Db,
  box: SecretBox,
  events: AuthEventLog,
  audit: AuditService,
  notices: AccountNotices,
  /** REQUIRE_TWO_FACTOR_FOR_REGION_ADMINS: region administrators may not turn 2FA off. */
  requiredOfRegionAdmins: boolean,
) {
  /** The step a six-digit code belongs to, or null when it matches none near now. */
  function stepOf(secret: string, code: string, now = Date.now()): number | null {
    const delta = totpOf(secret).validate({ token: code, timestamp: now, window: WINDOW });
    return delta === null ? null : Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
  }

  /** A current TOTP code not used before, or an unspent recovery code (spent by this call). */
  async function acceptCode(user: repo.UserRow, code: string): Promise<boolean> {
    if (!user.totpSecret) return false;
    if (/^\d{6}$/.test(code)) {
      const step = stepOf(box.open(user.totpSecret), code);
      return step !== null && repo.advanceTotpStep(db, user.id, step);
    }
    const typed = normalizeRecoveryCode(code);
    for (const stored of user.recoveryCodeHashes) {
      if (await verify(stored, typed).catch(() => false)) {
        return repo.removeRecoveryCodeHash(db, user.id, stored);
      }
    }
    return false;
  }

  async function userOf(userId: string): Promise<repo.UserRow> {
    const user = await repo.findUserById(db, userId);
    if (!user) throw new NotFound('user_not_found', 'Сотрудник не найден');
    return user;
  }

  const cleared = {
    totpSecret: null,
    totpPendingSecret: null,
    totpEnabledAt: null,
    totpLastStep: null,
    recoveryCodeHashes: [],
  };

  return {
    acceptCode,

    async status(userId: string) {
      const user = await userOf(userId);
      return { enabled: user.totpEnabledAt !== null, recoveryCodesLeft: user.recoveryCodeHashes.length };
    },

    /** A new secret waiting for its first code; enabling takes effect only in `confirm`. */
    async setup(userId: string): Promise<TwoFactorSetup> {
      const user = await userOf(userId);
      if (user.totpEnabledAt) {
        throw new Invalid('body', 'Двухфакторная аутентификация уже включена', 'two_factor_enabled');
      }
      const secret = new Secret({ size: 20 }).base32;
      await repo.updateUser(db, userId, { totpPendingSecret: box.seal(secret) });
      const uri = totpOf(secret, user.email).toString();
      const svg = await qrSvg(uri);
      return { secret, uri, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
    },

    /** The first code proves the phone has the secret; returns the recovery codes, shown once. */
    async confirm(userId: string, code: string, context: RequestContext): Promise<string[]> {
      const user = await userOf(userId);
      if (!user.totpPendingSecret) {
        throw new Invalid('body.code', 'Сначала начните подключение заново', 'no_pending_secret');
      }
      const step = /^\d{6}$/.test(code) ? stepOf(box.open(user.totpPendingSecret), code) : null;
      if (step === null) throw wrongCode();
      const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
      const hashes = await Promise.all(codes.map((c) => hash(normalizeRecoveryCode(c))));
      await db.transaction(async (tx) => {
        await repo.updateUser(tx, userId, {
          totpSecret: user.totpPendingSecret,
          totpPendingSecret: null,
          totpEnabledAt: new Date(),
          totpLastStep: step,
          recoveryCodeHashes: hashes,
        });
        await events.record(context, { kind: 'two_factor_enabled', userId }, tx);
        await notices.credentialChanged(userId, 'two_factor_enabled', new Date(), tx);
      });
      notices.wake();
      return codes;
    },

    /** Turning it off needs both factors, so a stolen session alone cannot do it. */
    async disable(userId: string, password: string, code: string, context: RequestContext) {
      const user = await userOf(userId);
      if (!user.totpEnabledAt) return;
      if (user.isRegionAdmin && requiredOfRegionAdmins) {
        throw new Invalid(
          'body',
          'Администраторы региона входят только с двухфакторной аутентификацией: отключить её нельзя',
          'two_factor_mandatory',
        );
      }
      const requiring = (await repo.listMembershipsOfUser(db, userId)).find(
        (m) => m.requireTwoFactorForAdmins && m.roles.includes('admin'),
      );
      if (requiring) {
        throw new Invalid(
          'body',
          `Ведомство «${requiring.name}» требует от администраторов входа с двухфакторной аутентификацией: отключить её нельзя`,
          'two_factor_mandatory',
        );
      }
      if (!(await passwordMatches(user.passwordHash, password))) {
        throw new Invalid('body.password', 'Неверный пароль', 'invalid_password');
      }
      if (!(await acceptCode(user, code))) throw wrongCode();
      await db.transaction(async (tx) => {
        await repo.updateUser(tx, userId, cleared);
        await events.record(context, { kind: 'two_factor_disabled', userId }, tx);
        await notices.credentialChanged(userId, 'two_factor_disabled', new Date(), tx);
      });
      notices.wake();
    },

    /** An administrator's help for a lost phone: the password alone lets the person in to enrol again. */
    async reset(actor: Actor, userId: string, context: RequestContext): Promise<void> {
      const membership = await repo.findMembership(db, actor.agencyId, userId);
      if (!membership) throw new NotFound('user_not_found', 'Сотрудник не найден');
      const user = await userOf(userId);
      if (user.isRegionAdmin && !actor.isRegionAdmin) {
        throw new Forbidden('Второй фактор администратора региона сбрасывает только администратор региона');
      }
      const before = { twoFactor: user.totpEnabledAt !== null };
      await db.transaction(async (tx) => {
        await repo.updateUser(tx, userId, cleared);
        await audit.record(tx, actor, 'user', userId, { before, after: { twoFactor: false } });
        await events.record(context, { kind: 'two_factor_reset', userId, reason: 'by_admin' }, tx);
        await notices.credentialChanged(userId, 'two_factor_reset', new Date(), tx);
      });
      notices.wake();
    },
  };
}

export type TwoFactor = ReturnType<typeof createTwoFactor>;
