// FAQ: answers to the questions people ask most, in every language, found from free text typed
// with typos, in any script. Content lives in locales/faq/<lang>.json; this module returns ids and
// the stored question and answer, and the chat decides how to show them.
export { faqEntry, type FaqIndex, type FaqText } from './faq-index.js';
export { DEFAULT_FAQ_DIR, loadFaq } from './load.js';
export { MAX_ANSWER_LENGTH } from './schema.js';
export { FAQ_MIN_SCORE, searchFaq, type FaqMatch, type FaqSearchOptions } from './search.js';
