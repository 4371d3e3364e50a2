/** Portal pages the server makes QR codes for (server: modules/qr/targets.ts). */
export const QR_TARGETS = ['rate', 'reception', 'request'] as const;
export type QrTarget = (typeof QR_TARGETS)[number];
export type QrFormat = 'svg' | 'png' | 'pdf';

/** The staff endpoint's address; the server builds the page URL from the session's agency. */
export const qrUrl = (target: QrTarget | `surveys/${string}`, format: QrFormat) =>
  `/api/staff/qr?target=${encodeURIComponent(target)}&format=${format}`;
