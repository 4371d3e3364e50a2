import { Invalid } from '../../lib/errors.js';

/**
 * The invitation to an individual channel (seed 000 p. 3.1, seed 001 p. 6.2.3): when a short
 * answer in the thread is not enough, the person is asked to write through the portal form or
 * to the agency's e-mail. Placeholders: {{клиент}}, {{ссылка}} (the portal form), {{почта}}.
 */
export const DEFAULT_INVITE_TEXT =
  'Здравствуйте, {{клиент}}! Чтобы подробно разобраться в вашем вопросе, напишите нам, пожалуйста, через форму обращения: {{ссылка}} или на почту {{почта}}. Ответим в установленный срок 🙂';

// The same invitation for an agency that lists no public e-mail.
const DEFAULT_WITHOUT_EMAIL =
  'Здравствуйте, {{клиент}}! Чтобы подробно разобраться в вашем вопросе, напишите нам, пожалуйста, через форму обращения: {{ссылка}}. Ответим в установленный срок 🙂';

export function renderInvite(
  custom: string | null,
  facts: { client: string; link: string; email: string | null },
): string {
  const text = custom ?? (facts.email ? DEFAULT_INVITE_TEXT : DEFAULT_WITHOUT_EMAIL);
  if (!facts.email && /\{\{\s*почта\s*\}\}/i.test(text)) {
    throw new Invalid(
      'settings.inviteText',
      'В приглашении есть {{почта}}, но у ведомства нет публичного адреса электронной почты в точках взаимодействия',
    );
  }
  return text
    .replace(/\{\{\s*клиент\s*\}\}/gi, facts.client)
    .replace(/\{\{\s*ссылка\s*\}\}/gi, facts.link)
    .replace(/\{\{\s*почта\s*\}\}/gi, facts.email ?? '');
}
