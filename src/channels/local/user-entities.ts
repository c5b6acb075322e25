/**
 * The entities Telegram's servers detect in what a person types. grammY relies on them:
 * `bot.command('start')` only matches a message with a bot_command entity at offset 0.
 */
import type { MessageEntity } from 'grammy/types';

type DetectedType = 'bot_command' | 'mention' | 'hashtag' | 'email' | 'url';

const PATTERNS: ReadonlyArray<[DetectedType, RegExp]> = [
  ['email', /[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/giu],
  ['url', /\b(?:https?:\/\/|www\.)[^\s<>"]+[^\s<>".,;:!?)\]'"]/giu],
  ['bot_command', /(?<![\w/])\/[a-z0-9_]{1,32}(?:@[a-z0-9_]{3,32})?(?![\w/])/giu],
  ['mention', /(?<![\w@])@[a-z0-9_]{3,32}(?!\w)/giu],
  ['hashtag', /(?<![\w#])#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*/giu],
];

export function detectEntities(text: string): MessageEntity[] {
  const found: MessageEntity[] = [];
  const overlaps = (offset: number, length: number) =>
    found.some((entity) => offset < entity.offset + entity.length && entity.offset < offset + length);
  for (const [type, pattern] of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const offset = match.index;
      const length = match[0].length;
      // Earlier patterns win: "a@b.org" is an email, not a mention.
      if (!overlaps(offset, length)) found.push({ type, offset, length });
    }
  }
  return found.sort((a, b) => a.offset - b.offset);
}
