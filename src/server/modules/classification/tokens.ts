import { newStemmer } from 'snowball-stemmers';

const russian = newStemmer('russian');

// Words that say nothing about a topic: pronouns, prepositions, particles and the courtesy
// formulas every letter to an agency carries («прошу», «здравствуйте», «уважаемые»).
const STOP_WORDS = new Set(
  `а без более бы был была были было быть в вам вас весь во вот все всё всего вы где да даже для до
   его ее её если есть еще ещё же за здесь и из или им их к как какой когда кто ли либо мне может
   мы на над надо наш не него нее неё нет ни них но ну о об однако он она они оно от очень по под
   после при про с со так также такой там те тем то того тоже только том тот у уже хотя чего чей
   чем что чтобы эта эти это этого этой этом этот я мой моя мои меня мною нам нас вами ваш ваша
   ваше ваши свой своей свою себя себе который которая которое которые которых котором
   здравствуйте добрый день уважаемые уважаемый уважаемая прошу просим пожалуйста спасибо заранее
   благодарю подскажите скажите хотел хотела хотели хочу бы вопрос ли`
    .split(/\s+/)
    .filter(Boolean),
);

/** Lower case, ё → е (the stemmer knows only «е»), letters and digits only. */
export function normalise(text: string): string {
  return text.toLowerCase().replaceAll('ё', 'е');
}

/**
 * The features of a text: Russian word stems, so «согласования», «согласовать» and
 * «согласование» count as one. Single letters, bare numbers and stop-words are dropped.
 */
export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const word of normalise(text).split(/[^\p{L}\p{N}]+/u)) {
    if (word.length < 2 || /^\p{N}+$/u.test(word) || STOP_WORDS.has(word)) continue;
    out.push(/[а-я]/.test(word) ? russian.stem(word) : word);
  }
  return out;
}
