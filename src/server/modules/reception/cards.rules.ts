import type { CardOutcome } from '../../../common/reception.js';
import { Invalid } from '../../lib/errors.js';
import type { CardRow } from './cards.repo.js';

/** p. 35.2: what the reception room's staff (or the official) record before the conversation. */
export interface Preparation {
  name?: string;
  phone?: string | null;
  email?: string | null;
  postalAddress?: string | null;
  topic?: string;
  identityChecked?: boolean;
  recordingConsent?: boolean | null;
  roomId?: string | null;
}

/** p. 35.3: what the official records while receiving the citizen, and the outcome. */
export interface Closing {
  officialIntroduced: boolean;
  appliedBefore: boolean;
  appliedBeforeDetails?: string | null;
  outcome: CardOutcome;
  oralAnswerConsent?: boolean;
  answerText?: string | null;
  redirectNote?: string | null;
}

export const trimmedOrNull = (value: string | null | undefined) => value?.trim() || null;

/**
 * The card can be closed only when every step of p. 35.2–35.3 is recorded and the outcome has
 * what it needs; returns the texts trimmed. Fields named `card.*` are set while preparing.
 */
export function checkClosing(card: CardRow, input: Closing) {
  if (!card.identityCheckedAt)
    throw new Invalid(
      'card.identityChecked',
      'Сначала проверьте документ, удостоверяющий личность, и сверьте данные карточки',
    );
  if (!input.officialIntroduced)
    throw new Invalid('body.officialIntroduced', 'Должностное лицо представляется клиенту в начале приёма');
  const appliedBeforeDetails = trimmedOrNull(input.appliedBeforeDetails);
  if (input.appliedBefore && !appliedBeforeDetails)
    throw new Invalid('body.appliedBeforeDetails', 'Укажите, куда и каким образом клиент обращался ранее');
  const answerText = trimmedOrNull(input.answerText);
  const redirectNote = trimmedOrNull(input.redirectNote);
  if (input.outcome === 'oral') {
    // The answer may be oral only with the citizen's consent, recorded in the card (p. 35.3).
    if (!input.oralAnswerConsent)
      throw new Invalid(
        'body.oralAnswerConsent',
        'Устный ответ даётся только с согласия клиента: отметьте его согласие',
      );
    if (!answerText) throw new Invalid('body.answerText', 'Запишите ответ, данный клиенту устно');
  }
  if (input.outcome === 'outside_competence' && !redirectNote)
    throw new Invalid('body.redirectNote', 'Разъясните, куда и в каком порядке клиенту следует обратиться');
  // The written answer goes to the postal or e-mail address (p. 35.3).
  if (input.outcome === 'written' && !card.email && !card.postalAddress)
    throw new Invalid(
      'card.postalAddress',
      'Для письменного ответа укажите почтовый адрес или адрес электронной почты клиента',
    );
  return { appliedBeforeDetails, answerText, redirectNote };
}
