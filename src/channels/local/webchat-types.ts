/**
 * The JSON shapes of the web chat API (see webchat-api.ts for the routes). Shared by the
 * server, the page script (as plain JavaScript) and the test client in test/helpers.
 */
import type { TextEntity } from './formatting.js';
import type { ReplyKeyboard } from './reply-markup.js';

export type { TextEntity, TextEntityType } from './formatting.js';
export type { ReplyKeyboard, ReplyKeyboardButton } from './reply-markup.js';

export interface WebChatUser {
  id: number;
  firstName: string;
  /** The demo role shown in the switcher, e.g. "Applicant". */
  label: string;
  languageCode?: string;
  /** The person "blocked the bot": the bot's sends fail with 403 until unblocked. */
  blocked: boolean;
}

export interface WebChatFile {
  fileId: string;
  fileName: string;
  mimeType: string;
  size: number;
  /** Relative download URL on the gateway, e.g. `/api/files/<fileId>`. */
  url: string;
}

export interface WebChatPhoto {
  fileId: string;
  size: number;
  url: string;
  width: number;
  height: number;
}

export interface WebChatInlineButton {
  text: string;
  /** Pressing the button sends this to the bot as a callback query. */
  callbackData?: string;
  /** The button opens this http(s)/tg link. */
  url?: string;
}

export interface WebChatMessage {
  /** Telegram's message_id, increasing per chat. */
  id: number;
  from: 'bot' | 'user';
  /** Unix seconds. */
  date: number;
  editDate?: number;
  /** Plain text (markup already applied as `entities`): the text, or a file's caption. */
  text?: string;
  entities?: TextEntity[];
  inlineKeyboard?: WebChatInlineButton[][];
  replyToMessageId?: number;
  document?: WebChatFile;
  photo?: WebChatPhoto;
  sticker?: { emoji: string };
  contact?: { phoneNumber: string; firstName: string };
}

export type ChatEventBody =
  /** A new message in the chat, from the bot or from the person (e.g. in another tab). */
  | { type: 'message'; message: WebChatMessage }
  /** A message's text, caption or inline keyboard changed. */
  | { type: 'edit'; message: WebChatMessage }
  | { type: 'delete'; messageId: number }
  /** The bot answered a callback query; `text` is shown as a toast, or as an alert if showAlert. */
  | { type: 'toast'; callbackQueryId: string; text?: string; showAlert: boolean }
  /** sendChatAction, e.g. "typing". */
  | { type: 'typing'; action: string }
  /** The reply keyboard shown above the input; null when the bot removed it. */
  | { type: 'reply_keyboard'; keyboard: ReplyKeyboard | null }
  | { type: 'blocked'; blocked: boolean };

export type ChatEvent = ChatEventBody & { seq: number };

export interface ChatSnapshot {
  user: WebChatUser;
  messages: WebChatMessage[];
  replyKeyboard: ReplyKeyboard | null;
  /** Pass to the events endpoint to receive what happens after this snapshot. */
  cursor: number;
}

export type ChatEventsResponse =
  | { cursor: number; events: ChatEvent[] }
  /** The cursor is too old (or from before a restart): fetch the snapshot again. */
  | { cursor: number; resync: true };

export interface WebChatBotCommand {
  command: string;
  description: string;
}
