/**
 * What a person does in the web chat, turned into the Telegram updates the bot receives.
 * Errors are WebChatActionError with a message meant for that person (shown in the page).
 */
import type { Message, MessageEntity, PhotoSize } from 'grammy/types';
import type { ChatState } from './chat-store.js';
import { unixNow } from './chat-store.js';
import { imageSize, mimeTypeFromName, sniffPhotoType } from './file-store.js';
import { characterCount, MAX_CAPTION_LENGTH, MAX_TEXT_LENGTH } from './formatting.js';
import type { GatewayState } from './gateway-state.js';
import { detectEntities } from './user-entities.js';
import type { WebChatMessage } from './webchat-types.js';
import { toWebChatMessage } from './webchat-view.js';

export class WebChatActionError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 413,
    message: string,
  ) {
    super(message);
    this.name = 'WebChatActionError';
  }
}

export interface Upload {
  fileName: string;
  /** As the browser declared it; only trusted for documents, photos are recognised by content. */
  contentType: string;
  bytes: Uint8Array;
  caption?: string;
  /** Send an image as a file rather than a (compressed) photo, like Telegram's "send as file". */
  asDocument?: boolean;
}

/** "12.5 MB", "10 MB", "300 KB": sizes as a person reads them. */
export function readableSize(bytes: number): string {
  const megabytes = bytes / (1024 * 1024);
  if (megabytes >= 1) return `${megabytes.toFixed(1).replace(/\.0$/, '')} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function requireUnblocked(chat: ChatState): void {
  if (chat.blocked) throw new WebChatActionError(409, 'You have blocked the bot. Unblock it to send messages.');
}

function checkText(text: string, limit: number, what: string): void {
  if (characterCount(text) > limit) {
    throw new WebChatActionError(400, `${what} is too long: at most ${limit} characters.`);
  }
}

/** Entities go only where Telegram puts them: omitted when there are none. */
function withEntities<K extends 'entities' | 'caption_entities'>(key: K, text: string): Partial<Record<K, MessageEntity[]>> {
  const entities = detectEntities(text);
  return entities.length > 0 ? ({ [key]: entities } as Record<K, MessageEntity[]>) : {};
}

function replyTo(chat: ChatState, messageId: number | undefined): Pick<Message, 'reply_to_message'> {
  if (messageId === undefined) return {};
  const replied = chat.get(messageId);
  if (!replied) throw new WebChatActionError(404, 'The message you are replying to no longer exists.');
  return { reply_to_message: { ...replied.message, reply_to_message: undefined } };
}

/** Stores the person's message and hands it to the bot as a `message` update. */
function deliver(state: GatewayState, chat: ChatState, message: Message): WebChatMessage {
  const stored = { message, sender: 'user' as const };
  chat.add(stored);
  state.updates.push({ message: { ...message, from: chat.user, chat: chat.chat } });
  return toWebChatMessage(stored);
}

export function sendText(state: GatewayState, chat: ChatState, text: string, replyToMessageId?: number): WebChatMessage {
  requireUnblocked(chat);
  if (text.trim() === '') throw new WebChatActionError(400, 'Type a message first.');
  checkText(text, MAX_TEXT_LENGTH, 'The message');
  const message = chat.newMessage('user', { text, ...withEntities('entities', text), ...replyTo(chat, replyToMessageId) });
  return deliver(state, chat, message);
}

export function editText(state: GatewayState, chat: ChatState, messageId: number, text: string): WebChatMessage {
  requireUnblocked(chat);
  const stored = chat.get(messageId);
  if (!stored) throw new WebChatActionError(404, 'That message no longer exists.');
  if (stored.sender !== 'user' || stored.message.text === undefined) {
    throw new WebChatActionError(400, 'Only your own text messages can be edited.');
  }
  if (text.trim() === '') throw new WebChatActionError(400, 'A message cannot be empty.');
  checkText(text, MAX_TEXT_LENGTH, 'The message');
  const { entities: _old, ...rest } = stored.message;
  const editDate = unixNow();
  const message: Message = { ...rest, text, ...withEntities('entities', text), edit_date: editDate };
  const updated = { message, sender: 'user' as const };
  chat.replace(updated);
  state.updates.push({ edited_message: { ...message, from: chat.user, chat: chat.chat, edit_date: editDate } });
  return toWebChatMessage(updated);
}

/** Returns the callback query id; the bot's answer arrives later as a `toast` event. */
export function pressButton(state: GatewayState, chat: ChatState, messageId: number, data: string): string {
  requireUnblocked(chat);
  const stored = chat.get(messageId);
  if (!stored) throw new WebChatActionError(404, 'That message no longer exists.');
  const hasButton = stored.message.reply_markup?.inline_keyboard
    .some((row) => row.some((button) => 'callback_data' in button && button.callback_data === data));
  if (!hasButton) throw new WebChatActionError(409, 'That button is no longer there.');
  const id = state.callbacks.create(chat.chat.id);
  state.updates.push({
    callback_query: {
      id,
      from: chat.user,
      message: stored.message,
      // Stable per chat, like Telegram's; bots use it to recognise games across chats.
      chat_instance: String(chat.chat.id),
      data,
    },
  });
  return id;
}

export function uploadFile(state: GatewayState, chat: ChatState, upload: Upload): WebChatMessage {
  requireUnblocked(chat);
  const { bytes, fileName } = upload;
  if (bytes.byteLength === 0) throw new WebChatActionError(400, 'The file is empty.');
  if (bytes.byteLength > state.maxUploadBytes) {
    throw new WebChatActionError(
      413,
      `The file is too large (${readableSize(bytes.byteLength)}). You can send files up to ${readableSize(state.maxUploadBytes)}.`,
    );
  }
  const caption = upload.caption?.trim() ? upload.caption : undefined;
  if (caption !== undefined) checkText(caption, MAX_CAPTION_LENGTH, 'The caption');
  const captionFields = caption === undefined ? {} : { caption, ...withEntities('caption_entities', caption) };
  const photoType = upload.asDocument ? undefined : sniffPhotoType(bytes);
  if (photoType) {
    const file = state.files.add('photos', fileName, photoType, bytes);
    const photo: PhotoSize = {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      file_size: bytes.byteLength,
      ...(imageSize(bytes, photoType) ?? { width: 0, height: 0 }),
    };
    return deliver(state, chat, chat.newMessage('user', { photo: [photo], ...captionFields }));
  }
  const declared = upload.contentType.split(';')[0]?.trim() ?? '';
  const mimeType = declared && declared !== 'application/octet-stream' ? declared : mimeTypeFromName(fileName);
  const file = state.files.add('documents', fileName, mimeType, bytes);
  const document = {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    file_name: fileName,
    mime_type: mimeType,
    file_size: bytes.byteLength,
  };
  return deliver(state, chat, chat.newMessage('user', { document, ...captionFields }));
}

/** Something most bots don't handle, to see what the bot does with unexpected content. */
export function sendSticker(state: GatewayState, chat: ChatState, emoji: string): WebChatMessage {
  requireUnblocked(chat);
  const file = state.files.add('stickers', 'sticker.webp', 'image/webp', new Uint8Array());
  const sticker = {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    type: 'regular' as const,
    width: 512,
    height: 512,
    is_animated: false,
    is_video: false,
    emoji,
  };
  return deliver(state, chat, chat.newMessage('user', { sticker }));
}

/** A `request_contact` keyboard button: shares a fictional phone number for the demo user. */
export function shareContact(state: GatewayState, chat: ChatState): WebChatMessage {
  requireUnblocked(chat);
  const contact = {
    phone_number: `+1555${String(chat.user.id % 10_000_000).padStart(7, '0')}`,
    first_name: chat.user.first_name,
    user_id: chat.user.id,
  };
  return deliver(state, chat, chat.newMessage('user', { contact }));
}

/** Blocking the bot makes its sends fail with 403; the bot learns it from `my_chat_member`. */
export function setBlocked(state: GatewayState, chat: ChatState, blocked: boolean): void {
  if (chat.blocked === blocked) return;
  chat.setBlocked(blocked);
  const member = { status: 'member' as const, user: state.botUser };
  const kicked = { status: 'kicked' as const, user: state.botUser, until_date: 0 };
  state.updates.push({
    my_chat_member: {
      chat: chat.chat,
      from: chat.user,
      date: unixNow(),
      old_chat_member: blocked ? member : kicked,
      new_chat_member: blocked ? kicked : member,
    },
  });
}
