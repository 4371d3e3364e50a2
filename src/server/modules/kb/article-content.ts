import {
  KB_MAX_TAGS,
  KB_TAG_MAX_LENGTH,
  type KbKind,
  type KbVisibility,
  PUBLISHABLE_KINDS,
  type ScriptStage,
} from '../../../common/kb.js';
import { Invalid } from '../../lib/errors.js';
import { linkedArticleIds, plainText, sanitizeBody } from './sanitize.js';

/** What an editor writes; the kind is fixed when the article is made. */
export interface ArticleText {
  title: string;
  body: string;
  shortBody: string | null;
  scriptStage: ScriptStage | null;
  tags: string[];
  visibility: KbVisibility;
}

/** Templates are plain text with {{placeholders}}, pasted into letters and chats as they are. */
export const isPlainTextKind = (kind: KbKind) => kind === 'template';

export function normaliseTags(tags: string[]): string[] {
  const kept: string[] = [];
  tags.forEach((raw, index) => {
    const tag = raw.trim().toLowerCase();
    if (tag.length < 1 || tag.length > KB_TAG_MAX_LENGTH) {
      throw new Invalid(`body.tags.${index}`, `Тег — от 1 до ${KB_TAG_MAX_LENGTH} символов`);
    }
    if (!kept.includes(tag)) kept.push(tag);
  });
  if (kept.length > KB_MAX_TAGS) throw new Invalid('body.tags', `Не больше ${KB_MAX_TAGS} тегов у статьи`);
  return kept;
}

function checkedScriptStage(kind: KbKind, stage: ScriptStage | null) {
  if (kind === 'call_script' && !stage) {
    throw new Invalid('body.scriptStage', 'Укажите, когда звучит сценарий: в начале или в конце звонка');
  }
  if (kind !== 'call_script' && stage) {
    throw new Invalid('body.scriptStage', 'Этап разговора задаётся только у сценариев звонка');
  }
  return stage;
}

/**
 * The stored columns of an article, checked: HTML bodies sanitised, the template's variants
 * trimmed, tags normalised, publication only for the kinds the portal shows (issue 6 p. 7).
 * Also the ids of the articles the body links to, to be checked and kept as links.
 */
export function articleContent(kind: KbKind, text: ArticleText) {
  if (text.visibility === 'public' && !PUBLISHABLE_KINDS.includes(kind)) {
    throw new Invalid('body.visibility', 'На портале публикуются только вопросы-ответы и контакты');
  }
  const tags = normaliseTags(text.tags);
  const scriptStage = checkedScriptStage(kind, text.scriptStage);
  const title = text.title.trim();
  if (isPlainTextKind(kind)) {
    const body = text.body.trim();
    if (!body) throw new Invalid('body.body', 'Напишите текст шаблона для писем');
    const shortBody = text.shortBody?.trim() || null;
    return {
      columns: {
        title,
        body,
        shortBody,
        scriptStage,
        tags,
        visibility: text.visibility,
        searchText: [body, shortBody ?? '', tags.join(' ')].join('\n').trim(),
      },
      linkedIds: [] as string[],
    };
  }
  if (text.shortBody?.trim()) {
    throw new Invalid('body.shortBody', 'Короткий вариант бывает только у шаблонов ответов');
  }
  const body = sanitizeBody(text.body);
  const words = plainText(body);
  if (!words)
    throw new Invalid('body.body', 'Текст статьи пуст: после очистки разметки в нём ничего не осталось');
  return {
    columns: {
      title,
      body,
      shortBody: null,
      scriptStage,
      tags,
      visibility: text.visibility,
      searchText: [words, tags.join(' ')].join('\n').trim(),
    },
    linkedIds: linkedArticleIds(body),
  };
}

/** The words of a body as a reader compares them between versions. */
export const bodyWords = (kind: KbKind, body: string) => (isPlainTextKind(kind) ? body : plainText(body));
