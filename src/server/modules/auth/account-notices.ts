import type { Db, Executor } from '../../db/client.js';
import type { Mailer } from '../../lib/mail.js';
import * as repo from './repo.js';
import type { SignInOrigin } from './sign-in-origin.js';

/** Changes of how a person signs in that they are told of by e-mail (ASVS 2.2.3). */
export type CredentialChange =
  | 'password_changed'
  | 'two_factor_enabled'
  | 'two_factor_disabled'
  | 'two_factor_reset';

/** A person without an agency (a fresh region administrator) reads times in Moscow time. */
const FALLBACK_ZONE = 'Europe/Moscow';

const SUBJECTS: Record<CredentialChange, string> = {
  password_changed: 'Отклик: пароль изменён',
  two_factor_enabled: 'Отклик: двухфакторная аутентификация включена',
  two_factor_disabled: 'Отклик: двухфакторная аутентификация отключена',
  two_factor_reset: 'Отклик: администратор сбросил двухфакторную аутентификацию',
};

const WHAT_HAPPENED: Record<CredentialChange, string> = {
  password_changed: 'изменён пароль вашей учётной записи в «Отклике». Все открытые сеансы завершены.',
  two_factor_enabled:
    'для вашей учётной записи в «Отклике» включена двухфакторная аутентификация: при входе нужен код из приложения-аутентификатора.',
  two_factor_disabled:
    'для вашей учётной записи в «Отклике» отключена двухфакторная аутентификация: вход снова только по паролю.',
  two_factor_reset:
    'администратор ведомства сбросил двухфакторную аутентификацию вашей учётной записи в «Отклике». Войдите с паролем и подключите приложение-аутентификатор заново.',
};

/** «27 ноября 2026 г. в 00:28 (GMT+7)» in the person's zone. */
export function formatNoticeTime(instant: Date, timeZone: string): string {
  const when = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'long', timeStyle: 'short', timeZone });
  const offset = new Intl.DateTimeFormat('ru-RU', { timeZone, timeZoneName: 'shortOffset' })
    .formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')?.value;
  return `${when.format(instant)} (${offset})`;
}

/**
 * The letters that tell a person their account was signed in to from a new device or had its
 * credentials changed. They carry no secret (no link that signs in, no code): what happened,
 * when, and what to do if it was not them.
 */
export function createAccountNotices(db: Db, mailer: Mailer, publicUrl: string) {
  const ifNotYou = [
    'Если это были не вы, сразу смените пароль по ссылке',
    `${publicUrl}/console/forgot-password`,
    'и сообщите администратору вашего ведомства. Смена пароля завершает все открытые сеансы;',
    'все входы в учётную запись администратор видит в консоли: «Журнал аудита» → «Входы и сессии».',
  ].join('\n');

  async function recipient(executor: Executor, userId: string) {
    const user = await repo.findUserById(executor, userId);
    if (!user) return null;
    const timeZone = (await repo.findHomeTimezone(executor, userId)) ?? FALLBACK_ZONE;
    return { email: user.email, name: user.name, timeZone };
  }

  return {
    /** Pass the transaction of the change, so the letter is sent only if the change commits. */
    async credentialChanged(userId: string, change: CredentialChange, at: Date, tx: Executor = db) {
      const person = await recipient(tx, userId);
      if (!person) return;
      const text = [
        `Здравствуйте, ${person.name}!`,
        `${formatNoticeTime(at, person.timeZone)} ${WHAT_HAPPENED[change]}`,
        `Если это сделали вы, ничего делать не нужно.\n${ifNotYou}`,
      ].join('\n\n');
      await mailer.send({ to: person.email, subject: SUBJECTS[change], text: `${text}\n` }, tx);
    },

    async newDevice(userId: string, origin: SignInOrigin & { ip: string }, at: Date) {
      const person = await recipient(db, userId);
      if (!person) return;
      const text = [
        `Здравствуйте, ${person.name}!`,
        'В вашу учётную запись в «Отклике» вошли с устройства или из сети, откуда вы не входили последние 90 дней.',
        [
          `Когда: ${formatNoticeTime(at, person.timeZone)}`,
          `Браузер и система: ${origin.browser}, ${origin.os}`,
          `IP-адрес: ${origin.ip}`,
        ].join('\n'),
        `Если это были вы, ничего делать не нужно.\n${ifNotYou}`,
      ].join('\n\n');
      await mailer.send({
        to: person.email,
        subject: 'Вход в Отклик с нового устройства',
        text: `${text}\n`,
      });
    },

    /**
     * The first lock of a run of wrong passwords (ASVS 2.2.2): the owner learns someone is guessing,
     * from where, and how to end it; the doubling locks after it send nothing more.
     */
    async accountLocked(userId: string, ip: string, minutes: number, at: Date) {
      const person = await recipient(db, userId);
      if (!person) return;
      const text = [
        `Здравствуйте, ${person.name}!`,
        `${formatNoticeTime(at, person.timeZone)} в вашу учётную запись в «Отклике» несколько раз подряд ввели неверный пароль, и вход заблокирован на ${minutes} мин. Каждая следующая неверная попытка продлевает блокировку, до 60 минут.`,
        `Последняя попытка была с IP-адреса ${ip}.`,
        `Если это были вы, дождитесь конца блокировки или восстановите пароль по ссылке\n${publicUrl}/console/forgot-password`,
        ifNotYou,
      ].join('\n\n');
      await mailer.send({
        to: person.email,
        subject: 'Отклик: вход заблокирован после неверных паролей',
        text: `${text}\n`,
      });
    },

    /** Delivers letters sent within a transaction, once it has committed. */
    wake: () => mailer.wake(),
  };
}

export type AccountNotices = ReturnType<typeof createAccountNotices>;
