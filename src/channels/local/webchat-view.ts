/** How a stored Telegram message looks to the page: plain text, entities, buttons, files. */
import type { InlineKeyboardButton, Message } from 'grammy/types';
import type { StoredMessage } from './chat-store.js';
import type { WebChatInlineButton, WebChatMessage } from './webchat-types.js';

export const fileDownloadPath = (fileId: string): string => `/api/files/${encodeURIComponent(fileId)}`;

export function toWebChatMessage({ message, sender, formatted }: StoredMessage): WebChatMessage {
  const view: WebChatMessage = { id: message.message_id, from: sender, date: message.date };
  if (message.edit_date !== undefined) view.editDate = message.edit_date;
  const text = formatted?.text ?? message.text ?? message.caption;
  if (text !== undefined) view.text = text;
  if (formatted && formatted.entities.length > 0) view.entities = formatted.entities;
  if (message.reply_to_message) view.replyToMessageId = message.reply_to_message.message_id;
  const keyboard = message.reply_markup?.inline_keyboard;
  if (keyboard && keyboard.length > 0) view.inlineKeyboard = keyboard.map((row) => row.map(toButton));
  addAttachments(view, message);
  return view;
}

function toButton(button: InlineKeyboardButton): WebChatInlineButton {
  return {
    text: button.text,
    ...('callback_data' in button ? { callbackData: button.callback_data } : {}),
    ...('url' in button ? { url: button.url } : {}),
  };
}

function addAttachments(view: WebChatMessage, message: Message): void {
  if (message.document) {
    const { file_id, file_name, mime_type, file_size } = message.document;
    view.document = {
      fileId: file_id,
      fileName: file_name ?? 'file',
      mimeType: mime_type ?? 'application/octet-stream',
      size: file_size ?? 0,
      url: fileDownloadPath(file_id),
    };
  }
  const photo = message.photo?.at(-1);
  if (photo) {
    view.photo = {
      fileId: photo.file_id,
      size: photo.file_size ?? 0,
      url: fileDownloadPath(photo.file_id),
      width: photo.width,
      height: photo.height,
    };
  }
  if (message.sticker) view.sticker = { emoji: message.sticker.emoji ?? '' };
  if (message.contact) {
    view.contact = { phoneNumber: message.contact.phone_number, firstName: message.contact.first_name };
  }
}
