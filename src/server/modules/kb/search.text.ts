import { newStemmer } from 'snowball-stemmers';

const russian = newStemmer('russian');

// ts_headline marks matches with these private-use characters, stripped from the text first, so
// the snippet goes out as plain text plus ranges and never as markup (an article body is HTML).
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

// Words that say nothing about what is asked: the Russian dictionary drops pronouns and
// prepositions itself, but not the courtesy and filler of letters to an agency («прошу»,
// «здравствуйте», «подскажите»), which would match every article that happens to use them.
const STOP_WORDS = new Set(
  `без более бы был была были было быть вам вас весь вот все всё всего где даже для его ее её если
   есть еще ещё здесь или как какой какая какие когда кто либо мне может можно нужно нужен нужна нужны мы над надо наш него
   нее неё нет них однако она они оно очень под после при про так также такой там тем того тоже
   только том тот уже хотя чего чей чем что чтобы эта эти это этого этой этом этот мой моя мои меня
   нам нас вами ваш ваша ваше ваши свой своей свою себя себе который которая которое которые которых
   котором здравствуйте добрый доброе день дня уважаемые уважаемый уважаемая прошу просим пожалуйста
   спасибо заранее благодарю подскажите подсказать скажите хотел хотела хотели хочу хотим вопрос вопросу
   вопросом ответ ответить сообщите сообщить разъяснить разъясните помогите`
    .split(/\s+/)
    .filter(Boolean),
);

const MAX_INFORMATIVE_WORDS = 12;

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 3 && !/^\p{N}+$/u.test(word) && !STOP_WORDS.has(word));
}

const CONSONANT = 'бвгджзйклмнпрстфхцчшщ';
const ENDS_IN_TWO_CONSONANTS = new RegExp(`^(.*[${CONSONANT}])([${CONSONANT}])$`);
const ENDS_IN_FLEETING_VOWEL = new RegExp(`^(.*[${CONSONANT}])[оеё]([${CONSONANT}])$`);

function withoutFleetingVowel(stem: string) {
  const vowelGone = ENDS_IN_FLEETING_VOWEL.exec(stem);
  return vowelGone && stem.length >= 5 ? `${vowelGone[1]}${vowelGone[2]}` : stem;
}

/**
 * The words that tell what a text (a letter, a call note) is about: filler out, one form per
 * stem, those the text repeats first, then the longer (more specific) ones. A long letter gives
 * at most a dozen, so it still matches an article sharing only a few of them.
 */
export function informativeWords(text: string): string[] {
  const byStem = new Map<string, { word: string; count: number; at: number }>();
  words(text).forEach((word, at) => {
    const stem = withoutFleetingVowel(russian.stem(word.replaceAll('ё', 'е')));
    const seen = byStem.get(stem);
    if (seen) seen.count++;
    else byStem.set(stem, { word, count: 1, at });
  });
  return [...byStem.values()]
    .sort((a, b) => b.count - a.count || b.word.length - a.word.length || a.at - b.at)
    .slice(0, MAX_INFORMATIVE_WORDS)
    .map((entry) => entry.word);
}

/** ts_headline's marked text as plain text plus the [start, end) ranges of the matches. */
export function splitHighlights(marked: string): { snippet: string; highlights: [number, number][] } {
  let snippet = '';
  let start = -1;
  const highlights: [number, number][] = [];
  for (const char of marked) {
    if (char === MARK_START) start = snippet.length;
    else if (char === MARK_END) {
      if (start >= 0 && snippet.length > start) highlights.push([start, snippet.length]);
      start = -1;
    } else snippet += char;
  }
  return { snippet, highlights };
}

/**
 * The other stem of a word with a fleeting vowel: the Russian snowball stemmer keeps «участок»
 * as 'участок' but cuts «участка» to 'участк' (so «отец»/«отца», «день»/«дня»), and the two
 * never meet in full text. Each lexeme of the query also matches its counterpart: a vowel put
 * between two final consonants, or taken from between them. A made-up stem matches nothing.
 */
export function fleetingVowelVariants(lexeme: string): string[] {
  const shorter = withoutFleetingVowel(lexeme);
  if (shorter !== lexeme) return [shorter];
  const twoConsonants = ENDS_IN_TWO_CONSONANTS.exec(lexeme);
  if (twoConsonants && lexeme.length >= 4) {
    return ['о', 'е'].map((vowel) => `${twoConsonants[1]}${vowel}${twoConsonants[2]}`);
  }
  return [];
}

// tsquery's own quoting: a quote doubled, a backslash escaped.
const quoted = (lexeme: string) => `'${lexeme.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;

/** A tsquery's text (as Postgres prints it) with every lexeme widened to `('lexeme' | 'alternative' …)`. */
export function widenTsquery(tsquery: string, alternatives: (lexeme: string) => string[]): string {
  return tsquery.replace(/'((?:[^'\\]|''|\\.)*)'(:\*?[A-D]*)?/g, (whole, raw: string, suffix = '') => {
    const lexeme = raw.replace(/''|\\(.)/g, (_pair, char?: string) => char ?? "'");
    const others = [...new Set(alternatives(lexeme))].filter((other) => other !== lexeme);
    if (others.length === 0) return whole;
    return `( ${[whole, ...others.map((other) => quoted(other) + suffix)].join(' | ')} )`;
  });
}
