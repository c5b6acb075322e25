/** Telegram's parse modes become plain text + entities, and bad markup fails like Telegram. */
import { describe, expect, it } from 'vitest';
import { BotApiError } from '../../../src/channels/local/bot-api-error.js';
import { parseFormattedText } from '../../../src/channels/local/formatting.js';

function parseError(source: string, mode: string): string {
  try {
    parseFormattedText(source, mode);
  } catch (error) {
    if (error instanceof BotApiError) return error.description;
    throw error;
  }
  throw new Error('expected a parse error');
}

describe('HTML', () => {
  it('turns Telegram tags into nested entities and decodes the four named entities', () => {
    expect(parseFormattedText('<b>Hi <i>you</i></b> &lt;3 &amp; &#1605; &nbsp;', 'HTML')).toEqual({
      text: 'Hi you <3 & م &nbsp;',
      entities: [
        { type: 'bold', offset: 0, length: 6 },
        { type: 'italic', offset: 3, length: 3 },
      ],
    });
  });

  it('keeps safe links only, and takes a code block language from <pre><code class>', () => {
    const parsed = parseFormattedText(
      '<a href="https://example.org/?a=1&amp;b=2">site</a> <a href="javascript:alert(1)">bad</a> ' +
        '<pre><code class="language-ts">let x</code></pre><tg-spoiler>s</tg-spoiler><blockquote expandable>q</blockquote>',
      'html',
    );
    expect(parsed.text).toBe('site bad let xsq');
    expect(parsed.entities).toEqual([
      { type: 'text_link', offset: 0, length: 4, url: 'https://example.org/?a=1&b=2' },
      { type: 'pre', offset: 9, length: 5, language: 'ts' },
      { type: 'spoiler', offset: 14, length: 1 },
      { type: 'expandable_blockquote', offset: 15, length: 1 },
    ]);
  });

  it('refuses unsupported and unbalanced tags with UTF-8 byte offsets', () => {
    expect(parseError('مرحبا <script>x</script>', 'HTML')).toBe(
      `Bad Request: can't parse entities: Unsupported start tag "script" at byte offset 11`,
    );
    expect(parseError('a < b', 'HTML')).toBe(`Bad Request: can't parse entities: Unsupported start tag "" at byte offset 2`);
    expect(parseError('<b>x</i>', 'HTML')).toBe(
      `Bad Request: can't parse entities: Unmatched end tag at byte offset 4, expected "</b>", found "</i>"`,
    );
    expect(parseError('x</b>', 'HTML')).toBe(`Bad Request: can't parse entities: Unexpected end tag at byte offset 1`);
    expect(parseError('<b', 'HTML')).toBe(`Bad Request: can't parse entities: Unclosed start tag at byte offset 0`);
  });
});

describe('MarkdownV2', () => {
  it('parses entities, escapes and links', () => {
    expect(parseFormattedText('*bold _both_* __under__ ~gone~ ||hidden|| `a\\`b` [link](https://x.org/a\\)b) 1\\.5', 'MarkdownV2')).toEqual({
      text: 'bold both under gone hidden a`b link 1.5',
      entities: [
        { type: 'bold', offset: 0, length: 9 },
        { type: 'italic', offset: 5, length: 4 },
        { type: 'underline', offset: 10, length: 5 },
        { type: 'strikethrough', offset: 16, length: 4 },
        { type: 'spoiler', offset: 21, length: 6 },
        { type: 'code', offset: 28, length: 3 },
        { type: 'text_link', offset: 32, length: 4, url: 'https://x.org/a)b' },
      ],
    });
  });

  it('parses code blocks with a language, and line-based quotes', () => {
    expect(parseFormattedText('```python\nprint(1)\n```\n>quoted\n>lines\nafter', 'MarkdownV2')).toEqual({
      text: 'print(1)\n\nquoted\nlines\nafter',
      entities: [
        { type: 'pre', offset: 0, length: 9, language: 'python' },
        { type: 'blockquote', offset: 10, length: 12 },
      ],
    });
  });

  it('refuses unescaped reserved characters and unclosed entities', () => {
    expect(parseError('Call 555-1234', 'MarkdownV2')).toBe(
      `Bad Request: can't parse entities: Character '-' is reserved and must be escaped with the preceding '\\'`,
    );
    expect(parseError('é *bold', 'MarkdownV2')).toBe(
      `Bad Request: can't parse entities: Can't find end of the entity starting at byte offset 3`,
    );
  });
});

describe('other modes', () => {
  it('parses legacy Markdown and leaves text without parse_mode untouched', () => {
    expect(parseFormattedText('*b* _i_ `c` [l](http://x.org)', 'Markdown')).toEqual({
      text: 'b i c l',
      entities: [
        { type: 'bold', offset: 0, length: 1 },
        { type: 'italic', offset: 2, length: 1 },
        { type: 'code', offset: 4, length: 1 },
        { type: 'text_link', offset: 6, length: 1, url: 'http://x.org' },
      ],
    });
    expect(parseFormattedText('<b>*as is*</b>', undefined)).toEqual({ text: '<b>*as is*</b>', entities: [] });
    expect(parseError('x', 'BBCode')).toBe('Bad Request: unsupported parse_mode');
  });
});
