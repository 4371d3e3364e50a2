// GSM 03.38: the default alphabet, and the extension table whose characters take two septets.
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

const basic = new Set(GSM_BASIC);
const extended = new Set(GSM_EXTENDED);

/** The most segments one message may take: a longer text is a mistake, not something to pay for. */
export const MAX_SMS_SEGMENTS = 4;

export interface SmsLength {
  encoding: 'gsm7' | 'ucs2';
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
}

/**
 * How a text travels: GSM-7 when every character is in the GSM alphabet (160 per message, 153 per
 * part of a long one), otherwise UCS-2 — any Cyrillic letter — at 70, or 67 per part.
 */
export function measureSms(text: string): SmsLength {
  let septets = 0;
  let gsm = true;
  for (const char of text) {
    if (basic.has(char)) septets += 1;
    else if (extended.has(char)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm)
    return { encoding: 'gsm7', units: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
  const units = text.length;
  return { encoding: 'ucs2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}

/** The first of the texts, fullest first, that fits in MAX_SMS_SEGMENTS; null when none does. */
export function firstThatFits(texts: string[]): string | null {
  return texts.find((text) => measureSms(text).segments <= MAX_SMS_SEGMENTS) ?? null;
}
