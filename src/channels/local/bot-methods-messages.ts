/** Bot API methods that send, change and delete text messages, and react to button presses. */
import type { InlineKeyboardMarkup, Message } from 'grammy/types';
import { badRequest, BotApiError } from './bot-api-error.js';
import type { BotApiParams } from './bot-api-params.js';
import type { BotApiMethods } from './bot-methods.js';
import { unixNow, type ChatState, type StoredMessage } from './chat-store.js';
import {
  characterCount,
  explicitEntities,
  MAX_TEXT_LENGTH,
  parseFormattedText,
  type FormattedText,
} from './formatting.js';
import type { GatewayState } from './gateway-state.js';
import { parseInlineMarkup, parseReplyMarkup, type ParsedReplyMarkup } from './reply-markup.js';

/** The private chat a method targets; fails like Telegram for unknown or blocking users. */
export function targetChat(params: BotApiParams, state: GatewayState): ChatState {
  if (!params.has('chat_id')) throw badRequest('chat_id is empty');
  const chatId = Number(params.string('chat_id'));
  const chat = Number.isSafeInteger(chatId) ? state.chats.get(chatId) : undefined;
  if (!chat) throw badRequest('chat not found');
  if (chat.blocked) throw new BotApiError(403, 'Forbidden: bot was blocked by the user');
  return chat;
}

/** `reply_parameters` (or the older `reply_to_message_id`) resolved to the replied message. */
export function replyTarget(params: BotApiParams, chat: ChatState): Pick<Message, 'reply_to_message'> {
  const parameters = params.json('reply_parameters');
  let messageId = params.integer('reply_to_message_id');
  let allowWithoutReply = params.boolean('allow_sending_without_reply') ?? false;
  if (typeof parameters === 'object' && parameters !== null && 'message_id' in parameters) {
    const { message_id, allow_sending_without_reply } = parameters as Record<string, unknown>;
    messageId = typeof message_id === 'number' ? message_id : Number(message_id);
    allowWithoutReply = allow_sending_without_reply === true;
  }
  if (messageId === undefined) return {};
  const replied = chat.get(messageId);
  if (!replied) {
    if (allowWithoutReply) return {};
    throw badRequest('message to be replied not found');
  }
  // Telegram nests only one level: the replied message carries no reply of its own.
  return { reply_to_message: { ...replied.message, reply_to_message: undefined } };
}

/** A message's text after parse_mode (or an explicit `entities` array), within Telegram's limits. */
export function parseText(params: BotApiParams): FormattedText {
  const source = params.string('text');
  if (source === undefined || source === '') throw badRequest('message text is empty');
  const parseMode = params.string('parse_mode');
  const formatted = !parseMode && params.has('entities')
    ? explicitEntities(source, params.json('entities'))
    : parseFormattedText(source, parseMode);
  if (formatted.text.trim() === '') throw badRequest('message text is empty');
  if (characterCount(formatted.text) > MAX_TEXT_LENGTH) throw badRequest('message is too long');
  return formatted;
}

/** Only inline keyboards belong to a message; reply keyboards change the chat's input area. */
export function inlineMarkupOf(markup: ParsedReplyMarkup | undefined): Pick<Message, 'reply_markup'> {
  return markup?.kind === 'inline' ? { reply_markup: markup.markup } : {};
}

export function applyReplyKeyboard(chat: ChatState, markup: ParsedReplyMarkup | undefined): void {
  if (markup?.kind === 'keyboard') chat.setReplyKeyboard(markup.keyboard);
  else if (markup?.kind === 'remove_keyboard') chat.setReplyKeyboard(undefined);
}

function editableMessage(params: BotApiParams, chat: ChatState): StoredMessage {
  if (params.has('inline_message_id')) {
    throw badRequest('inline messages do not exist in the local gateway; use chat_id and message_id');
  }
  const messageId = params.integer('message_id');
  if (messageId === undefined) throw badRequest('message identifier is not specified');
  const stored = chat.get(messageId);
  if (!stored) throw badRequest('message to edit not found');
  if (stored.sender !== 'bot') throw badRequest("message can't be edited");
  return stored;
}

const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

const sameMarkup = (a: InlineKeyboardMarkup | undefined, b: InlineKeyboardMarkup | undefined): boolean =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

const sameText = (a: FormattedText | undefined, b: FormattedText): boolean =>
  a !== undefined && a.text === b.text && JSON.stringify(a.entities) === JSON.stringify(b.entities);

/** A copy of `message` with the new inline keyboard, or none. */
function withMarkup(message: Message, markup: InlineKeyboardMarkup | undefined): Message {
  const { reply_markup: _previous, ...rest } = message;
  return markup ? { ...rest, reply_markup: markup } : rest;
}

const CHAT_ACTIONS = new Set([
  'typing', 'upload_photo', 'record_video', 'upload_video', 'record_voice', 'upload_voice',
  'upload_document', 'choose_sticker', 'find_location', 'record_video_note', 'upload_video_note',
]);

export const messageMethods: BotApiMethods = {
  sendMessage(params, state) {
    const chat = targetChat(params, state);
    const formatted = parseText(params);
    const markup = parseReplyMarkup(params.raw('reply_markup'));
    const message = chat.newMessage('bot', {
      text: params.string('text'),
      ...inlineMarkupOf(markup),
      ...replyTarget(params, chat),
    });
    chat.add({ message, sender: 'bot', formatted });
    applyReplyKeyboard(chat, markup);
    return message;
  },

  editMessageText(params, state) {
    const chat = targetChat(params, state);
    const stored = editableMessage(params, chat);
    if (stored.message.text === undefined) throw badRequest('there is no text in the message to edit');
    const formatted = parseText(params);
    const markup = parseInlineMarkup(params.raw('reply_markup'));
    if (sameText(stored.formatted, formatted) && sameMarkup(stored.message.reply_markup, markup)) {
      throw badRequest(NOT_MODIFIED);
    }
    const message = { ...withMarkup(stored.message, markup), text: params.string('text'), edit_date: unixNow() };
    chat.replace({ message, sender: 'bot', formatted });
    return message;
  },

  editMessageReplyMarkup(params, state) {
    const chat = targetChat(params, state);
    const stored = editableMessage(params, chat);
    const markup = parseInlineMarkup(params.raw('reply_markup'));
    if (sameMarkup(stored.message.reply_markup, markup)) throw badRequest(NOT_MODIFIED);
    const message = { ...withMarkup(stored.message, markup), edit_date: unixNow() };
    chat.replace({ ...stored, message });
    return message;
  },

  deleteMessage(params, state) {
    const chat = targetChat(params, state);
    const messageId = params.integer('message_id');
    if (messageId === undefined) throw badRequest('message identifier is not specified');
    if (!chat.remove(messageId)) throw badRequest('message to delete not found');
    return true;
  },

  answerCallbackQuery(params, state) {
    const chatId = state.callbacks.answer(params.string('callback_query_id') ?? '');
    const chat = chatId === undefined ? undefined : state.chats.get(chatId);
    if (!chat) throw badRequest('query is too old and response timeout expired or query ID is invalid');
    const text = params.string('text');
    chat.log.append({
      type: 'toast',
      callbackQueryId: params.string('callback_query_id') ?? '',
      ...(text ? { text } : {}),
      showAlert: params.boolean('show_alert') ?? false,
    });
    return true;
  },

  sendChatAction(params, state) {
    const chat = targetChat(params, state);
    const action = params.string('action') ?? '';
    if (!CHAT_ACTIONS.has(action)) throw badRequest('wrong parameter action in request');
    chat.log.append({ type: 'typing', action });
    return true;
  },
};
