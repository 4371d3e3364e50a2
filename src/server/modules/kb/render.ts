/** The facts of a request a template may use. */
export interface TemplateFacts {
  client: string;
  number: string;
  receivedAt: string;
  dueAt: string;
  executor: string;
}

// Russian names as staff write them; English aliases for the same facts.
const PLACEHOLDERS: Record<string, keyof TemplateFacts> = {
  клиент: 'client',
  заявитель: 'client',
  client: 'client',
  номер: 'number',
  number: 'number',
  дата_поступления: 'receivedAt',
  received: 'receivedAt',
  срок: 'dueAt',
  due: 'dueAt',
  исполнитель: 'executor',
  executor: 'executor',
};

export const PLACEHOLDER_NAMES = ['клиент', 'номер', 'дата_поступления', 'срок', 'исполнитель'] as const;

const PATTERN = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/**
 * Fills {{placeholders}} with the request's facts. An unknown placeholder stays in the text as it
 * was written and is reported, so a typo is seen before the answer goes out, not silently dropped.
 * So does a fact the caller has not got (a social comment has no number or term yet).
 */
export function renderTemplate(
  body: string,
  facts: Partial<TemplateFacts>,
): { text: string; unknown: string[] } {
  const unknown = new Set<string>();
  const text = body.replace(PATTERN, (whole, raw: string) => {
    const key = PLACEHOLDERS[raw.toLowerCase()];
    const fact = key ? facts[key] : undefined;
    if (fact === undefined) {
      unknown.add(raw);
      return whole;
    }
    return fact;
  });
  return { text, unknown: [...unknown] };
}
