import { hash, verify } from '@node-rs/argon2';
import { Invalid } from '../../lib/errors.js';

export const MIN_PASSWORD_LENGTH = 10;

export const hashPassword = (password: string) => hash(password);

export async function passwordMatches(passwordHash: string | null, password: string): Promise<boolean> {
  // Verify against a real hash even for unknown accounts so the response time does not reveal them.
  const target = passwordHash ?? DUMMY_HASH;
  const ok = await verify(target, password).catch(() => false);
  return ok && passwordHash !== null;
}

export function assertStrongPassword(password: string, field: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new Invalid(field, `Пароль должен быть не короче ${MIN_PASSWORD_LENGTH} символов`);
  }
  if (new Set(password).size < 4) {
    throw new Invalid(field, 'Пароль слишком простой: используйте разные символы');
  }
}

const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$qgv5bJBqHLEbiPWt0OPSUA$VQHA7FnL7RaBTvwpbvgVJgNzxZ8xPO0zeSwn+qSmW6E';
