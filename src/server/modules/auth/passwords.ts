import { hash, verify } from '@node-rs/argon2';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../../common/passwords.js';
import { Invalid } from '../../lib/errors.js';
import { isCommonPassword } from './common-passwords.js';

export const hashPassword = (password: string) => hash(password);

export async function passwordMatches(passwordHash: string | null, password: string): Promise<boolean> {
  // Verify against a real hash even for unknown accounts so the response time does not reveal them.
  const target = passwordHash ?? DUMMY_HASH;
  const ok = await verify(target, password).catch(() => false);
  return ok && passwordHash !== null;
}

/** For new and changed passwords only: an older, shorter one still logs in. */
export function assertStrongPassword(password: string, field: string): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    throw new Invalid(field, `Пароль должен быть не короче ${MIN_PASSWORD_LENGTH} символов`);
  }
  if (length > MAX_PASSWORD_LENGTH) {
    throw new Invalid(field, `Пароль должен быть не длиннее ${MAX_PASSWORD_LENGTH} символов`);
  }
  if (new Set(password).size < 4) {
    throw new Invalid(field, 'Пароль слишком простой: используйте разные символы');
  }
  if (isCommonPassword(password)) {
    throw new Invalid(
      field,
      'Этот пароль есть в списках утёкших и распространённых паролей: придумайте другой',
    );
  }
}

const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$qgv5bJBqHLEbiPWt0OPSUA$VQHA7FnL7RaBTvwpbvgVJgNzxZ8xPO0zeSwn+qSmW6E';
