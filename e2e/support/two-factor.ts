import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';

/** Fills the open enrolment dialog with a code for the secret it shows and saves the recovery codes. */
export async function enrolInDialog(page: Page) {
  const dialog = page.getByRole('dialog', { name: 'Подключение двухфакторной аутентификации' });
  const secret = (await dialog.getByLabel('Секретный ключ').innerText()).replace(/\s/g, '');
  await dialog
    .getByLabel(/^Код подтверждения/)
    .fill(new TOTP({ secret: Secret.fromBase32(secret) }).generate());
  await dialog.getByRole('button', { name: 'Подключить' }).click();
  const codes = page.getByRole('dialog', { name: 'Коды восстановления' });
  await codes.getByRole('button', { name: 'Я сохранил коды' }).click();
  await codes.waitFor({ state: 'detached' });
}
