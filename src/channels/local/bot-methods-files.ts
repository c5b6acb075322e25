/** Bot API methods for documents and photos, and getFile for downloading them. */
import type { Message } from 'grammy/types';
import { badRequest } from './bot-api-error.js';
import type { BotApiParams, InputFileParam } from './bot-api-params.js';
import type { BotApiMethods } from './bot-methods.js';
import { applyReplyKeyboard, inlineMarkupOf, replyTarget, targetChat } from './bot-methods-messages.js';
import type { ChatState } from './chat-store.js';
import { imageSize, mimeTypeFromName, sniffPhotoType, type FileKind, type StoredFile } from './file-store.js';
import {
  characterCount,
  explicitEntities,
  MAX_CAPTION_LENGTH,
  parseFormattedText,
  type FormattedText,
} from './formatting.js';
import type { GatewayState } from './gateway-state.js';
import { parseReplyMarkup } from './reply-markup.js';

const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

function resolveFile(input: InputFileParam | undefined, kind: FileKind, state: GatewayState): StoredFile {
  if (!input) throw badRequest(`there is no ${kind === 'photos' ? 'photo' : 'document'} in the request`);
  if (input.kind === 'reference') {
    // Telegram would also fetch http(s) URLs; this gateway is offline, so only file_ids work.
    const existing = state.files.byId(input.value);
    if (!existing) throw badRequest('wrong file identifier/HTTP URL specified');
    return existing;
  }
  const { filename, bytes } = input.file;
  if (bytes.byteLength === 0) throw badRequest('file must be non-empty');
  return state.files.add(kind, filename, mimeTypeFromName(filename), bytes);
}

function parseCaption(params: BotApiParams): FormattedText | undefined {
  const source = params.string('caption');
  if (source === undefined || source === '') return undefined;
  const parseMode = params.string('parse_mode');
  const formatted = !parseMode && params.has('caption_entities')
    ? explicitEntities(source, params.json('caption_entities'))
    : parseFormattedText(source, parseMode);
  if (characterCount(formatted.text) > MAX_CAPTION_LENGTH) throw badRequest('message caption is too long');
  return formatted;
}

/** The shared tail of sendDocument and sendPhoto: caption, keyboards, reply, store. */
function sendMedia(
  params: BotApiParams,
  chat: ChatState,
  media: Pick<Message, 'document' | 'photo'>,
): Message {
  const caption = parseCaption(params);
  const markup = parseReplyMarkup(params.raw('reply_markup'));
  const message = chat.newMessage('bot', {
    ...media,
    ...(caption ? { caption: params.string('caption') } : {}),
    ...inlineMarkupOf(markup),
    ...replyTarget(params, chat),
  });
  chat.add({ message, sender: 'bot', ...(caption ? { formatted: caption } : {}) });
  applyReplyKeyboard(chat, markup);
  return message;
}

export const fileMethods: BotApiMethods = {
  sendDocument(params, state) {
    const chat = targetChat(params, state);
    const file = resolveFile(params.inputFile('document'), 'documents', state);
    return sendMedia(params, chat, {
      document: {
        file_id: file.fileId,
        file_unique_id: file.fileUniqueId,
        file_name: file.fileName,
        mime_type: file.mimeType,
        file_size: file.bytes.byteLength,
      },
    });
  },

  sendPhoto(params, state) {
    const chat = targetChat(params, state);
    const file = resolveFile(params.inputFile('photo'), 'photos', state);
    const type = sniffPhotoType(file.bytes);
    if (!type) throw badRequest('IMAGE_PROCESS_FAILED');
    if (file.bytes.byteLength > MAX_PHOTO_BYTES) throw badRequest('file is too big');
    const size = imageSize(file.bytes, type) ?? { width: 0, height: 0 };
    return sendMedia(params, chat, {
      photo: [{ file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: file.bytes.byteLength, ...size }],
    });
  },

  getFile(params, state) {
    const file = state.files.byId(params.string('file_id') ?? '');
    if (!file) throw badRequest('invalid file_id');
    return {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      file_size: file.bytes.byteLength,
      file_path: file.filePath,
    };
  },
};
