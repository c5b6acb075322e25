/**
 * Telegram's parse modes (HTML, MarkdownV2, legacy Markdown) turned into plain text plus
 * formatting entities, following the rules of Telegram's own parser (tdlib).
 *
 * Why on the server: a bot message with markup Telegram would reject (an unescaped "." in
 * MarkdownV2, an unclosed <b>, "<" in user-supplied text) must fail here with the same
 * `400 Bad Request: can't parse entities: …` it gets in production. And the page then only
 * ever receives plain text and entity ranges, which it turns into DOM nodes, so bot text is
 * never interpreted as HTML by the browser.
 */
import { badRequest, type BotApiError } from './bot-api-error.js';

export type TextEntityType =
  | 'bold'
  | 'italic'
  | 'underline'
  | 'strikethrough'
  | 'spoiler'
  | 'code'
  | 'pre'
  | 'text_link'
  | 'blockquote'
  | 'expandable_blockquote'
  | 'custom_emoji';

/** Offsets and lengths are in UTF-16 code units, like Telegram's (and JavaScript's strings). */
export interface TextEntity {
  type: TextEntityType;
  offset: number;
  length: number;
  /** For text_link: an http(s) or tg: URL. */
  url?: string;
  /** For pre: the code block's language. */
  language?: string;
}

export interface FormattedText {
  text: string;
  entities: TextEntity[];
}

/** Telegram's limits, counted in characters (code points) of the text after parsing. */
export const MAX_TEXT_LENGTH = 4096;
export const MAX_CAPTION_LENGTH = 1024;

export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** Parses `source` the way Telegram does for `parse_mode` (case-insensitive; absent = plain). */
export function parseFormattedText(source: string, parseMode: string | undefined): FormattedText {
  switch (parseMode?.toLowerCase() ?? '') {
    case '':
      return { text: source, entities: [] };
    case 'html':
      return new HtmlParser(source).parse();
    case 'markdownv2':
      return new MarkdownV2Parser(source).parse();
    case 'markdown':
      return new LegacyMarkdownParser(source).parse();
    default:
      throw badRequest('unsupported parse_mode');
  }
}

const RENDERED_TYPES = new Set<string>([
  'bold', 'italic', 'underline', 'strikethrough', 'spoiler', 'code', 'pre', 'text_link',
  'blockquote', 'expandable_blockquote', 'custom_emoji',
]);

/**
 * Formatting given as an `entities` array instead of a parse_mode (grammY's `fmt` does this).
 * Kinds the page does not draw (mention, url, …) are dropped; links must be safe.
 */
export function explicitEntities(text: string, value: unknown): FormattedText {
  if (!Array.isArray(value)) throw badRequest("can't parse entities JSON object");
  const entities: TextEntity[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) throw badRequest("can't parse entities JSON object");
    const { type, offset, length, url, language } = item as Record<string, unknown>;
    if (typeof type !== 'string' || !Number.isSafeInteger(offset) || !Number.isSafeInteger(length)) {
      throw badRequest("can't parse entities JSON object");
    }
    const start = offset as number;
    const size = length as number;
    if (start < 0 || size <= 0 || start + size > text.length || !RENDERED_TYPES.has(type)) continue;
    const entity: TextEntity = { type: type as TextEntityType, offset: start, length: size };
    if (type === 'text_link') {
      const checked = typeof url === 'string' ? checkedLinkUrl(url) : undefined;
      if (!checked) continue;
      entity.url = checked;
    }
    if (type === 'pre' && typeof language === 'string' && language) entity.language = language;
    entities.push(entity);
  }
  return { text, entities: sortEntities(entities) };
}

function cantParse(detail: string): BotApiError {
  return badRequest(`can't parse entities: ${detail}`);
}

/** Telegram reports positions as UTF-8 byte offsets into the source text. */
function byteOffset(source: string, index: number): number {
  return Buffer.byteLength(source.slice(0, index), 'utf8');
}

const isSpace = (char: string | undefined): boolean =>
  char === ' ' || char === '\t' || char === '\r' || char === '\n' || char === '\f' || char === '\v';

/** Telegram accepts links only with these schemes; a link without a scheme gets http://. */
export function checkedLinkUrl(raw: string): string | undefined {
  const url = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `http://${raw}`;
  try {
    const parsed = new URL(url);
    if (!['http:', 'https:', 'tg:'].includes(parsed.protocol)) return undefined;
    if (parsed.protocol !== 'tg:' && !parsed.hostname) return undefined;
    return url;
  } catch {
    return undefined;
  }
}

function sortEntities(entities: TextEntity[]): TextEntity[] {
  return entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
}

interface OpenHtmlTag {
  tag: string;
  argument: string;
  expandable: boolean;
  offset: number;
}

const HTML_TAGS = new Set([
  'a', 'b', 'strong', 'i', 'em', 's', 'strike', 'del', 'u', 'ins',
  'tg-spoiler', 'tg-emoji', 'span', 'pre', 'code', 'blockquote',
]);

const SIMPLE_HTML_ENTITY_TYPES: Record<string, TextEntityType> = {
  b: 'bold', strong: 'bold', i: 'italic', em: 'italic', u: 'underline', ins: 'underline',
  s: 'strikethrough', strike: 'strikethrough', del: 'strikethrough',
  'tg-spoiler': 'spoiler', span: 'spoiler', 'tg-emoji': 'custom_emoji',
};

const NAMED_HTML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

class HtmlParser {
  private index = 0;
  private text = '';
  private readonly entities: TextEntity[] = [];
  private readonly open: OpenHtmlTag[] = [];

  constructor(private readonly source: string) {}

  parse(): FormattedText {
    const { source } = this;
    while (this.index < source.length) {
      const char = source[this.index];
      if (char === '&') {
        const decoded = this.decodeEntityAt(this.index);
        if (decoded) {
          this.text += decoded.value;
          this.index = decoded.end;
          continue;
        }
      }
      if (char !== '<') {
        this.text += char;
        this.index++;
      } else if (source[this.index + 1] === '/') {
        this.readEndTag();
      } else {
        this.readStartTag();
      }
    }
    const unclosed = this.open.at(-1);
    if (unclosed) throw cantParse(`Can't find end tag corresponding to start tag "${unclosed.tag}"`);
    return { text: this.text, entities: sortEntities(this.entities) };
  }

  /** Only &lt; &gt; &amp; &quot; and numeric entities are decoded; anything else stays literal. */
  private decodeEntityAt(start: number): { value: string; end: number } | undefined {
    const match = /^&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,4}));/i.exec(this.source.slice(start, start + 12));
    if (!match) return undefined;
    const [whole, decimal, hex, name] = match;
    if (name !== undefined) {
      const value = NAMED_HTML_ENTITIES[name.toLowerCase()];
      return value === undefined ? undefined : { value, end: start + whole.length };
    }
    const codePoint = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? '', 16);
    if (codePoint === 0 || codePoint > 0x10ffff) return undefined;
    return { value: String.fromCodePoint(codePoint), end: start + whole.length };
  }

  private failAt(detail: string, index: number): BotApiError {
    return cantParse(`${detail} at byte offset ${byteOffset(this.source, index)}`);
  }

  private skipSpaces(): void {
    while (this.index < this.source.length && isSpace(this.source[this.index])) this.index++;
  }

  private readStartTag(): void {
    const { source } = this;
    const begin = this.index++;
    while (this.index < source.length && !isSpace(source[this.index]) && source[this.index] !== '>') this.index++;
    if (this.index >= source.length) throw this.failAt('Unclosed start tag', begin);
    const tag = source.slice(begin + 1, this.index).toLowerCase();
    if (!HTML_TAGS.has(tag)) throw this.failAt(`Unsupported start tag "${tag}"`, begin);

    let argument = '';
    let expandable = false;
    for (;;) {
      this.skipSpaces();
      if (this.index >= source.length) throw this.failAt('Unclosed start tag', begin);
      if (source[this.index] === '>') break;
      const attributeBegin = this.index;
      while (
        this.index < source.length &&
        !isSpace(source[this.index]) &&
        source[this.index] !== '=' &&
        source[this.index] !== '>'
      ) this.index++;
      const attribute = source.slice(attributeBegin, this.index).toLowerCase();
      this.skipSpaces();
      if (source[this.index] !== '=') {
        if (tag === 'blockquote' && attribute === 'expandable') {
          expandable = true;
          continue;
        }
        throw this.failAt(`Expected equal sign in declaration of an attribute of the tag "${tag}"`, begin);
      }
      this.index++;
      this.skipSpaces();
      const value = this.readAttributeValue(begin);
      if (tag === 'a' && attribute === 'href') argument = value;
      else if (tag === 'code' && attribute === 'class' && value.startsWith('language-')) argument = value.slice(9);
      else if (tag === 'span' && attribute === 'class' && value.startsWith('tg-')) argument = value.slice(3);
    }
    this.index++; // '>'
    if (tag === 'span' && argument !== 'spoiler') {
      throw this.failAt('Tag "span" must have class "tg-spoiler"', begin);
    }
    this.open.push({ tag, argument, expandable, offset: this.text.length });
  }

  private readAttributeValue(tagBegin: number): string {
    const { source } = this;
    if (this.index >= source.length) throw this.failAt('Unclosed start tag', tagBegin);
    const quote = source[this.index];
    if (quote !== '"' && quote !== "'") {
      // An unquoted value is an HTML "name token": letters, digits, periods, hyphens.
      const tokenBegin = this.index;
      while (this.index < source.length && /[a-z0-9.-]/i.test(source[this.index] ?? '')) this.index++;
      if (!isSpace(source[this.index]) && source[this.index] !== '>') {
        throw this.failAt('Unexpected end of name token', tokenBegin);
      }
      return source.slice(tokenBegin, this.index).toLowerCase();
    }
    this.index++;
    let value = '';
    while (this.index < source.length && source[this.index] !== quote) {
      const decoded = source[this.index] === '&' ? this.decodeEntityAt(this.index) : undefined;
      if (decoded) {
        value += decoded.value;
        this.index = decoded.end;
      } else {
        value += source[this.index++];
      }
    }
    if (this.index >= source.length) throw this.failAt('Unclosed start tag', tagBegin);
    this.index++; // closing quote
    return value;
  }

  private readEndTag(): void {
    const { source } = this;
    const begin = this.index;
    this.index += 2;
    if (this.open.length === 0) throw this.failAt('Unexpected end tag', begin);
    const nameBegin = this.index;
    while (this.index < source.length && !isSpace(source[this.index]) && source[this.index] !== '>') this.index++;
    const name = source.slice(nameBegin, this.index).toLowerCase();
    this.skipSpaces();
    if (source[this.index] !== '>') throw this.failAt('Unclosed end tag', begin);
    this.index++;
    const opened = this.open.pop();
    if (!opened) throw this.failAt('Unexpected end tag', begin);
    if (name && name !== opened.tag) {
      throw cantParse(
        `Unmatched end tag at byte offset ${byteOffset(source, begin)}, ` +
          `expected "</${opened.tag}>", found "</${name}>"`,
      );
    }
    this.closeEntity(opened);
  }

  private closeEntity(opened: OpenHtmlTag): void {
    const length = this.text.length - opened.offset;
    if (length === 0) return;
    const range = { offset: opened.offset, length };
    const simple = SIMPLE_HTML_ENTITY_TYPES[opened.tag];
    if (simple) {
      this.entities.push({ type: simple, ...range });
    } else if (opened.tag === 'a') {
      const url = checkedLinkUrl(opened.argument || this.text.slice(opened.offset));
      if (url) this.entities.push({ type: 'text_link', ...range, url });
    } else if (opened.tag === 'blockquote') {
      this.entities.push({ type: opened.expandable ? 'expandable_blockquote' : 'blockquote', ...range });
    } else if (opened.tag === 'pre') {
      this.entities.push({ type: 'pre', ...range, ...(opened.argument ? { language: opened.argument } : {}) });
    } else {
      // <pre><code class="language-x"> is how a code block declares its language.
      const parent = this.open.at(-1);
      if (parent?.tag === 'pre' && opened.argument) parent.argument = opened.argument;
      else this.entities.push({ type: 'code', ...range });
    }
  }
}

const MARKDOWN_V2_RESERVED = '_*[]()~`>#+-=|{}.!';

interface OpenMarkdownEntity {
  type: 'bold' | 'italic' | 'underline' | 'strikethrough' | 'spoiler' | 'code' | 'pre' | 'text_link' | 'custom_emoji';
  language?: string;
  offset: number;
  sourceIndex: number;
}

class MarkdownV2Parser {
  private index = 0;
  private text = '';
  private readonly entities: TextEntity[] = [];
  private readonly open: OpenMarkdownEntity[] = [];
  /** Text offset where the current ">" blockquote started; quotes are line-based, not nested. */
  private quoteStart: number | undefined;

  constructor(private readonly source: string) {}

  parse(): FormattedText {
    const { source } = this;
    while (this.index < source.length) {
      const char = source[this.index] ?? '';
      const next = source[this.index + 1];
      if (char === '\\' && next !== undefined && next.charCodeAt(0) > 0 && next.charCodeAt(0) <= 126) {
        this.text += next;
        this.index += 2;
        continue;
      }
      const inCode = this.top?.type === 'code' || this.top?.type === 'pre';
      const atLineStart = this.index === 0 || source[this.index - 1] === '\n';
      if (char === '>' && atLineStart && !inCode) {
        this.quoteStart ??= this.text.length;
        this.index++;
        continue;
      }
      if (char === '\n' && this.quoteStart !== undefined && source[this.index + 1] !== '>') {
        this.closeQuote();
      }
      const reserved = inCode ? '`' : MARKDOWN_V2_RESERVED;
      if (!reserved.includes(char)) {
        this.text += char;
        this.index++;
        continue;
      }
      if (this.isEndOfOpenEntity(char)) this.closeEntity();
      else this.openEntity(char);
    }
    this.closeQuote();
    const unclosed = this.open.at(-1);
    if (unclosed) {
      throw cantParse(
        `Can't find end of the entity starting at byte offset ${byteOffset(source, unclosed.sourceIndex)}`,
      );
    }
    return { text: this.text, entities: sortEntities(this.entities) };
  }

  private get top(): OpenMarkdownEntity | undefined {
    return this.open.at(-1);
  }

  private closeQuote(): void {
    if (this.quoteStart !== undefined && this.text.length > this.quoteStart) {
      this.entities.push({ type: 'blockquote', offset: this.quoteStart, length: this.text.length - this.quoteStart });
    }
    this.quoteStart = undefined;
  }

  private isEndOfOpenEntity(char: string): boolean {
    const next = this.source[this.index + 1];
    switch (this.top?.type) {
      case undefined:
        return false;
      case 'bold':
        return char === '*';
      case 'italic':
        return char === '_' && next !== '_';
      case 'underline':
        return char === '_' && next === '_';
      case 'strikethrough':
        return char === '~';
      case 'spoiler':
        return char === '|' && next === '|';
      case 'code':
        return char === '`';
      case 'pre':
        return char === '`' && next === '`' && this.source[this.index + 2] === '`';
      case 'text_link':
      case 'custom_emoji':
        return char === ']';
    }
  }

  private reservedCharacter(char: string): BotApiError {
    return cantParse(`Character '${char}' is reserved and must be escaped with the preceding '\\'`);
  }

  private openEntity(char: string): void {
    const { source } = this;
    const sourceIndex = this.index;
    const next = source[this.index + 1];
    let type: OpenMarkdownEntity['type'];
    let language: string | undefined;
    this.index++;
    switch (char) {
      case '_':
        type = next === '_' ? 'underline' : 'italic';
        if (type === 'underline') this.index++;
        break;
      case '*':
        type = 'bold';
        break;
      case '~':
        type = 'strikethrough';
        break;
      case '|':
        if (next !== '|') throw this.reservedCharacter(char);
        type = 'spoiler';
        this.index++;
        break;
      case '[':
        type = 'text_link';
        break;
      case '!':
        if (next !== '[') throw this.reservedCharacter(char);
        type = 'custom_emoji';
        this.index++;
        break;
      case '`':
        if (next === '`' && source[this.index + 1] === '`') {
          type = 'pre';
          language = this.readPreStart();
        } else {
          type = 'code';
        }
        break;
      default:
        throw this.reservedCharacter(char);
    }
    this.open.push({ type, offset: this.text.length, sourceIndex, ...(language ? { language } : {}) });
  }

  /** After an opening ```: an optional language up to the first line break, which is skipped. */
  private readPreStart(): string | undefined {
    const { source } = this;
    this.index += 2;
    let languageEnd = this.index;
    while (languageEnd < source.length && !isSpace(source[languageEnd]) && source[languageEnd] !== '`') languageEnd++;
    let language: string | undefined;
    if (languageEnd !== this.index && languageEnd < source.length && source[languageEnd] !== '`') {
      language = source.slice(this.index, languageEnd);
      this.index = languageEnd;
    }
    if (source[this.index] === '\r' || source[this.index] === '\n') {
      const pair = (source[this.index + 1] === '\r' || source[this.index + 1] === '\n') &&
        source[this.index] !== source[this.index + 1];
      this.index += pair ? 2 : 1;
    }
    return language;
  }

  private closeEntity(): void {
    const opened = this.open.pop();
    if (!opened) return;
    const range = { offset: opened.offset, length: this.text.length - opened.offset };
    let url: string | undefined;
    switch (opened.type) {
      case 'underline':
      case 'spoiler':
        this.index += 2;
        break;
      case 'pre':
        this.index += 3;
        break;
      case 'text_link':
      case 'custom_emoji':
        url = this.readLinkTarget(opened);
        break;
      default:
        this.index++;
    }
    if (range.length === 0) return;
    if (opened.type === 'text_link') {
      const checked = url === undefined ? undefined : checkedLinkUrl(url);
      if (checked) this.entities.push({ type: 'text_link', ...range, url: checked });
    } else {
      this.entities.push({ type: opened.type, ...range, ...(opened.language ? { language: opened.language } : {}) });
    }
  }

  /** `[text](url)`; without "(url)" the text itself is the link. Consumes through ')' . */
  private readLinkTarget(opened: OpenMarkdownEntity): string {
    const { source } = this;
    this.index++; // ']'
    if (source[this.index] !== '(') return this.text.slice(opened.offset);
    this.index++;
    const urlBegin = this.index;
    let url = '';
    while (this.index < source.length && source[this.index] !== ')') {
      const char = source[this.index] ?? '';
      const next = source[this.index + 1];
      if (char === '\\' && next !== undefined && next.charCodeAt(0) <= 126) {
        url += next;
        this.index += 2;
      } else {
        url += char;
        this.index++;
      }
    }
    if (source[this.index] !== ')') {
      throw cantParse(`Can't find end of a URL at byte offset ${byteOffset(source, urlBegin)}`);
    }
    this.index++;
    return url;
  }
}

/** The legacy "Markdown" mode: *bold*, _italic_, `code`, ```pre```, [text](url); no nesting. */
class LegacyMarkdownParser {
  private index = 0;
  private text = '';
  private readonly entities: TextEntity[] = [];

  constructor(private readonly source: string) {}

  parse(): FormattedText {
    const { source } = this;
    while (this.index < source.length) {
      const char = source[this.index] ?? '';
      const next = source[this.index + 1];
      if (char === '\\' && next !== undefined && '_*`['.includes(next)) {
        this.text += next;
        this.index += 2;
      } else if ('_*`['.includes(char)) {
        this.readEntity(char);
      } else {
        this.text += char;
        this.index++;
      }
    }
    return { text: this.text, entities: sortEntities(this.entities) };
  }

  private readEntity(char: string): void {
    const { source } = this;
    const begin = this.index;
    const isPre = char === '`' && source.startsWith('``', begin + 1);
    const endMarker = isPre ? '```' : char === '[' ? ']' : char;
    this.index += isPre ? 3 : 1;
    let language: string | undefined;
    if (isPre) {
      const lineEnd = source.indexOf('\n', this.index);
      const firstLine = lineEnd < 0 ? '' : source.slice(this.index, lineEnd);
      if (/^[a-z0-9+#-]+$/i.test(firstLine)) language = firstLine;
      if (lineEnd >= 0 && (language !== undefined || firstLine === '')) this.index = lineEnd + 1;
    }
    const end = source.indexOf(endMarker, this.index);
    if (end < 0) {
      throw cantParse(`Can't find end of the entity starting at byte offset ${byteOffset(source, begin)}`);
    }
    const offset = this.text.length;
    this.text += source.slice(this.index, end);
    this.index = end + endMarker.length;
    const range = { offset, length: this.text.length - offset };
    if (char === '[') {
      let url = this.text.slice(offset);
      if (source[this.index] === '(') {
        const close = source.indexOf(')', this.index);
        if (close >= 0) {
          url = source.slice(this.index + 1, close);
          this.index = close + 1;
        }
      }
      const checked = checkedLinkUrl(url);
      if (checked && range.length > 0) this.entities.push({ type: 'text_link', ...range, url: checked });
      return;
    }
    if (range.length === 0) return;
    const type: TextEntityType = isPre ? 'pre' : char === '`' ? 'code' : char === '*' ? 'bold' : 'italic';
    this.entities.push({ type, ...range, ...(language ? { language } : {}) });
  }
}
