/** ASVS 2.1.1–2.1.2: long passphrases allowed, no composition rules; the server also checks a list. */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;
