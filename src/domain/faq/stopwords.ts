// Words that say little or nothing about which answer a person wants. Lists are written naturally
// and folded once here, so they match however the person typed them.
//
// - Stop words (articles, pronouns, prepositions, "how", "what", politeness) are dropped: they keep
//   "hello, how are you?" from matching an answer that contains "how" and "you", and keep a long
//   polite question as strong as a short blunt one. Chinese has stop bigrams ("什么", "怎么").
// - Weak words (question words, negations, "need", "tell") help pick between answers, "who can
//   get dibao" is about eligibility, but cannot make a match confident alone: "who are you?" or
//   "no" is not a question the FAQ answers.
// - Courtesy pairs are two-word greetings and thanks whose second word is a real word elsewhere:
//   "добрий день" is hello while "день виплати" is the payment day; "thank you very much" is not
//   "how much".
import { foldWord } from './fold.js';
import type { Script } from './scripts.js';

type WordLists = readonly (readonly [Script, string])[];

const STOPWORDS: WordLists = [
  // English and Spanish.
  [
    'latin',
    `a an the is are am was were be been being i im me my mine we us our you your he she him her
    his they them their it its this that these those to of in on at for from by with about into and or
    but if so do does did have has had can could will would should may might must what whats which how
    there here then than too very just also please pls plz hello hi hey thanks thank thx ok okay good
    morning afternoon evening dear sir madam
    el la los las un una unos unas lo le les mi mis te tu tus se su sus nos yo usted ustedes de del al en
    con por para que como es son soy estoy esta este estos estas ser estar hay y o pero si muy puedo
    puede hola gracias buenos buenas tardes noches favor porfa senor senora`,
  ],
  // Ukrainian and Russian.
  [
    'cyrillic',
    `я ти ви він вона воно ми вони мене мені мій моя моє мої наш наша ваш ваша вас вам нас нам їх
    його її це цей ця ці то той та і й а але або чи в у на з із зі до від для по про за при під над як
    що шо ж же б би бо є був була було будь ласка привіт вітаю дякую дуже так ну можна можу
    ты вы он она оно они меня мне мой моё мои это этот эта эти и но или ли во с со к ко от о об под как
    что чтобы бы есть был была было пожалуйста привет здравствуйте здрасте спасибо очень да могу`,
  ],
  [
    'arabic',
    `في من على إلى الى عن مع هل ما ماذا هو هي أنا انا نحن أنت انت أنتم هذا هذه ذلك تلك التي
    الذي الذين أن إن قد كان كانت يا و أو او ثم شو ايش إيش وش شنو عند عندي لي لك كل كيف كيفاش ازاي
    إزاي مرحبا أهلا اهلا السلام عليكم شكرا لو سمحت فضلك بدي أريد اريد ابغى عايز عاوز ممكن يمكن
    يمكنني هناك بس يعني`,
  ],
  ['han', '什么 怎么 么样 为什 请问 可以 一下 我们 你们 他们 我的 你的 是不 不是 这个 那个 一个'],
];

const WEAK_WORDS: WordLists = [
  [
    'latin',
    `who when where why no not dont none nothing get got give tell want need know
    quien cuando donde porque nada quiero necesito saber decir`,
  ],
  [
    'cyrillic',
    'хто коли де чому навіщо куди не ні нема немає хочу треба потрібно кто когда где почему зачем нет нужно',
  ],
  ['arabic', 'مين متى وين اين أين ليش لماذا ليه لا مش لازم محتاج بحاجة'],
];

const COURTESY_PAIRS: readonly (readonly [Script, readonly string[]])[] = [
  ['latin', ['good day', 'very much', 'buen dia', 'buenos dias', 'muchas gracias', 'me llamo']],
  ['cyrillic', ['добрий день', 'доброго дня', 'добрый день', 'добрий вечір', 'добрый вечер', 'як справи']],
  ['arabic', ['صباح الخير', 'مساء الخير', 'صباح النور', 'مساء النور', 'يعطيك العافية']],
];

function foldAll(text: string, script: Script): string[] {
  return text
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '')
    .map((word) => foldWord(word, script));
}

function setsByScript(lists: WordLists): ReadonlyMap<Script, ReadonlySet<string>> {
  return new Map(lists.map(([script, text]) => [script, new Set(foldAll(text, script))]));
}

const STOPWORD_SETS = setsByScript(STOPWORDS);
const WEAK_WORD_SETS = setsByScript(WEAK_WORDS);
const COURTESY_PAIR_SETS = new Map<Script, ReadonlySet<string>>(
  COURTESY_PAIRS.map(([script, pairs]) => [script, new Set(pairs.map((pair) => foldAll(pair, script).join(' ')))]),
);

/** Whether a folded word (or Chinese bigram) says nothing about the question. */
export function isStopword(folded: string, script: Script): boolean {
  return STOPWORD_SETS.get(script)?.has(folded) ?? false;
}

/** Whether a folded word helps rank answers but cannot make a match confident alone. */
export function isWeakWord(folded: string, script: Script): boolean {
  return WEAK_WORD_SETS.get(script)?.has(folded) ?? false;
}

/** Whether two consecutive folded words are a greeting or thanks. */
export function isCourtesyPair(first: string, second: string, script: Script): boolean {
  return COURTESY_PAIR_SETS.get(script)?.has(`${first} ${second}`) ?? false;
}
