// People type numbers with the keyboard of their own language: full-width digits and punctuation
// from a Chinese or Japanese input method, Arabic-Indic or Persian digits, no-break spaces pasted
// from a banking app, a typographic minus from autocorrect. Folding all of that to ASCII digits,
// `,` `.` `-` and plain spaces lets one small parser read every script.

/**
 * Code points of the digit zero of the decimal-digit scripts we read besides ASCII; the nine digits
 * that follow each are contiguous (Unicode guarantees it). Full-width digits need no entry: NFKC
 * folds them.
 */
const DIGIT_ZEROS = [
  0x0660, // Arabic-Indic (Arabic)
  0x06f0, // Extended Arabic-Indic (Persian, Urdu, Pashto)
  0x0966, // Devanagari (Hindi, Nepali)
  0x09e6, // Bengali
] as const;

/** Longer input is not a number anybody typed; refusing it early keeps the work bounded. */
export const MAX_NUMBER_INPUT_LENGTH = 100;

// Direction marks and zero-width characters: invisible, but Arabic and Persian keyboards insert them.
const INVISIBLE = /[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
// Minus sign, figure dash, en and em dash (autocorrect turns "-" into these). NFKC already folds the
// full-width and small hyphen-minus.
const DASHES = /[\u2012-\u2014\u2212]/g;
// A Chinese input method in Chinese-punctuation mode types the ideographic full stop for the "." key.
const IDEOGRAPHIC_FULL_STOP = /\u3002/g;
const WHITESPACE_RUN = /\s+/g;

function foldDigit(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  for (const zero of DIGIT_ZEROS) {
    if (code >= zero && code <= zero + 9) return String(code - zero);
  }
  return char;
}

/**
 * Text with ASCII digits, `-` for any minus sign, `.` `,` for full-width punctuation, single plain
 * spaces and no invisible marks. The Arabic separators `٫` (decimal) and `٬` (thousands) are kept:
 * unlike `.` and `,` they are never ambiguous.
 */
export function foldNumberScripts(text: string): string {
  return Array.from(text.normalize('NFKC'), foldDigit)
    .join('')
    .replace(INVISIBLE, '')
    .replace(DASHES, '-')
    .replace(IDEOGRAPHIC_FULL_STOP, '.')
    .replace(WHITESPACE_RUN, ' ')
    .trim();
}
