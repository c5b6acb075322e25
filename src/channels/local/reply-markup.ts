/**
 * Validation of the `reply_markup` parameter, with Telegram's error descriptions for the
 * mistakes bots really make (callback_data over 64 bytes, a button without an action).
 */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import { badRequest } from './bot-api-error.js';
import { checkedLinkUrl } from './formatting.js';

export interface ReplyKeyboardButton {
  text: string;
  /** Pressing it shares the person's phone number (a `contact` message) instead of its text. */
  requestContact?: boolean;
}

/** A reply keyboard as the person's client shows it (buttons above the text input). */
export interface ReplyKeyboard {
  rows: ReplyKeyboardButton[][];
  /** Hide the keyboard after the person used one of its buttons. */
  oneTime: boolean;
  placeholder?: string;
}

export type ParsedReplyMarkup =
  | { kind: 'inline'; markup: InlineKeyboardMarkup }
  | { kind: 'keyboard'; keyboard: ReplyKeyboard }
  | { kind: 'remove_keyboard' }
  /** Accepted; the web chat's input is always ready for a reply anyway. */
  | { kind: 'force_reply' };

const MAX_CALLBACK_DATA_BYTES = 64;

const malformed = () => badRequest("can't parse reply keyboard markup JSON object");

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `raw` is an object (JSON body) or a JSON string (multipart, form or query parameters). */
export function parseReplyMarkup(raw: unknown): ParsedReplyMarkup | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw malformed();
    }
  }
  if (!isRecord(value)) throw malformed();
  if ('inline_keyboard' in value) return { kind: 'inline', markup: { inline_keyboard: parseInlineKeyboard(value.inline_keyboard) } };
  if ('keyboard' in value) return { kind: 'keyboard', keyboard: parseReplyKeyboard(value) };
  if (value.remove_keyboard === true) return { kind: 'remove_keyboard' };
  if (value.force_reply === true) return { kind: 'force_reply' };
  throw malformed();
}

/** An inline keyboard for editMessageReplyMarkup, where only inline keyboards are allowed. */
export function parseInlineMarkup(raw: unknown): InlineKeyboardMarkup | undefined {
  const parsed = parseReplyMarkup(raw);
  if (parsed === undefined) return undefined;
  if (parsed.kind !== 'inline') throw badRequest('inline keyboard expected');
  return parsed.markup;
}

/** The rows of a keyboard; empty rows (grammY's builders can leave a trailing one) are dropped, as Telegram does. */
function rowsOf(value: unknown, field: string, markupName: string): unknown[][] {
  if (!Array.isArray(value) || !value.every((row) => Array.isArray(row))) {
    throw badRequest(`field "${field}" of the ${markupName} must be an Array of Arrays`);
  }
  return (value as unknown[][]).filter((row) => row.length > 0);
}

function parseInlineKeyboard(value: unknown): InlineKeyboardButton[][] {
  return rowsOf(value, 'inline_keyboard', 'InlineKeyboardMarkup').map((row) => row.map(parseInlineButton));
}

/** Buttons this web chat can act on; the rest are kept so the bot sees what it sent. */
const OTHER_INLINE_ACTIONS = [
  'web_app', 'login_url', 'switch_inline_query', 'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat', 'copy_text', 'callback_game', 'pay',
];

function parseInlineButton(value: unknown): InlineKeyboardButton {
  if (!isRecord(value) || typeof value.text !== 'string') {
    throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
  }
  if (value.text.trim() === '') throw badRequest('text buttons are unallowed in the inline keyboard');
  if (typeof value.callback_data === 'string') {
    const bytes = Buffer.byteLength(value.callback_data, 'utf8');
    if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) throw badRequest('BUTTON_DATA_INVALID');
    return { text: value.text, callback_data: value.callback_data };
  }
  if (typeof value.url === 'string') {
    const url = checkedLinkUrl(value.url);
    if (!url) throw badRequest(`inline keyboard button URL '${value.url}' is invalid: Wrong HTTP URL`);
    return { text: value.text, url };
  }
  if (OTHER_INLINE_ACTIONS.some((action) => action in value)) return value as unknown as InlineKeyboardButton;
  throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
}

function parseReplyKeyboard(value: Record<string, unknown>): ReplyKeyboard {
  const rows = rowsOf(value.keyboard, 'keyboard', 'ReplyKeyboardMarkup').map((row) =>
    row.map((button): ReplyKeyboardButton => {
      if (typeof button === 'string') return { text: button };
      if (isRecord(button) && typeof button.text === 'string') {
        return { text: button.text, ...(button.request_contact === true ? { requestContact: true } : {}) };
      }
      throw badRequest("can't parse keyboard button: KeyboardButton must be a String or an Object");
    }),
  );
  return {
    rows,
    oneTime: value.one_time_keyboard === true,
    ...optionalString('placeholder', value.input_field_placeholder),
  };
}

function optionalString<K extends string>(key: K, value: unknown): Partial<Record<K, string>> {
  return typeof value === 'string' && value !== '' ? ({ [key]: value } as Record<K, string>) : {};
}
