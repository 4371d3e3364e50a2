import { Invalid } from '../../lib/errors.js';

/** Portal pages an agency may print a QR code for; the address is always built, never taken as given. */
export const QR_PAGES = ['rate', 'reception', 'request'] as const;
export type QrPage = (typeof QR_PAGES)[number];

// The same shape agency slugs have: lowercase letters, digits and inner hyphens, nothing that walks a path.
const SURVEY_SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export interface QrTarget {
  /** The page path after `/<agency-slug>/`. */
  path: string;
  /** What the poster asks of the visitor. */
  headline: string;
  /** A stable, ASCII part of the poster's file name. */
  fileName: string;
}

const PAGES: Record<QrPage, QrTarget> = {
  rate: { path: 'rate', headline: 'Оцените, пожалуйста, нашу работу', fileName: 'rate' },
  reception: { path: 'reception', headline: 'Запишитесь на личный приём', fileName: 'reception' },
  request: { path: 'requests/new', headline: 'Направьте обращение через сайт', fileName: 'request' },
};

/** `rate`, `reception`, `request` or `surveys/<survey-slug>`; anything else is a 400. */
export function parseQrTarget(raw: string, field: string): QrTarget {
  if ((QR_PAGES as readonly string[]).includes(raw)) return PAGES[raw as QrPage];
  const survey = /^surveys\/(.+)$/.exec(raw)?.[1];
  if (survey !== undefined) {
    if (!SURVEY_SLUG.test(survey))
      throw new Invalid(field, 'Адрес опроса может содержать только строчные латинские буквы, цифры и дефис');
    return {
      path: `surveys/${survey}`,
      headline: 'Пройдите, пожалуйста, опрос',
      fileName: `survey-${survey}`,
    };
  }
  throw new Invalid(
    field,
    'QR-код можно получить только для страниц «Оценить работу», «Личный приём», «Обращение» или опроса ведомства',
  );
}

export const qrTargetUrl = (publicUrl: string, agencySlug: string, target: QrTarget) =>
  `${publicUrl}/${agencySlug}/${target.path}`;
