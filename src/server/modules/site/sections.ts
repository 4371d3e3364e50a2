import type { SiteSectionKind } from '../../../common/site.js';

/** The sections every agency site has, in menu order (seed 000 p. 4.1; issue 10 p. 1). */
export const DEFAULT_SECTIONS: { kind: SiteSectionKind; slug: string; title: string }[] = [
  { kind: 'news', slug: 'news', title: 'Новости' },
  { kind: 'plans_reports', slug: 'plans-reports', title: 'Планы и отчёты' },
  { kind: 'legal_acts', slug: 'documents', title: 'Нормативные правовые акты и документы' },
  { kind: 'hr', slug: 'hr', title: 'Кадры: назначения, конкурсы, вакансии' },
  { kind: 'services', slug: 'services', title: 'Государственные услуги' },
  { kind: 'contacts', slug: 'contacts', title: 'Контакты и каналы связи' },
  { kind: 'disclosure', slug: 'disclosure', title: 'Информация о деятельности (8-ФЗ)' },
];

const TRANSLIT: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** A readable URL part from a Russian title: «О выдаче выписки» → «o-vydache-vypiski». */
export function slugOf(title: string): string {
  const latin = [...title.toLowerCase()].map((ch) => TRANSLIT[ch] ?? ch).join('');
  const slug = latin
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'page';
}
