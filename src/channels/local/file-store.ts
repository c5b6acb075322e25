/**
 * Files sent by the bot or by people, kept in memory for the process lifetime (uploads are
 * size-capped), addressed by Telegram-style file_id and file_path.
 */
import { randomBytes } from 'node:crypto';

export type FileKind = 'documents' | 'photos' | 'stickers';

export interface StoredFile {
  fileId: string;
  fileUniqueId: string;
  /** Relative path for `getFile` and the download URL, e.g. `documents/file_3.pdf`. */
  filePath: string;
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

/** Telegram's file_id prefixes, so ids look familiar in logs and debuggers. */
const FILE_ID_PREFIX: Record<FileKind, string> = { documents: 'BQAC', photos: 'AgAC', stickers: 'CAAC' };

export class FileStore {
  private readonly byFileId = new Map<string, StoredFile>();
  private readonly byFilePath = new Map<string, StoredFile>();
  private count = 0;

  add(kind: FileKind, fileName: string, mimeType: string, bytes: Uint8Array): StoredFile {
    this.count++;
    const extension = /\.([a-z0-9]{1,8})$/i.exec(fileName)?.[1]?.toLowerCase() ?? 'dat';
    const file: StoredFile = {
      fileId: `${FILE_ID_PREFIX[kind]}${randomBytes(24).toString('base64url')}`,
      fileUniqueId: randomBytes(9).toString('base64url'),
      filePath: `${kind}/file_${this.count}.${extension}`,
      fileName,
      mimeType,
      bytes,
    };
    this.byFileId.set(file.fileId, file);
    this.byFilePath.set(file.filePath, file);
    return file;
  }

  byId(fileId: string): StoredFile | undefined {
    return this.byFileId.get(fileId);
  }

  byPath(filePath: string): StoredFile | undefined {
    return this.byFilePath.get(filePath);
  }
}

const MIME_BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  txt: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
};

/** grammY uploads everything as application/octet-stream, so the name is the best hint. */
export function mimeTypeFromName(fileName: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  return MIME_BY_EXTENSION[extension] ?? 'application/octet-stream';
}

/** Photos are recognised by content, never by a claimed type (an "image" could be HTML). */
export type PhotoMimeType = 'image/jpeg' | 'image/png' | 'image/webp';

export function sniffPhotoType(bytes: Uint8Array): PhotoMimeType | undefined {
  const ascii = (from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1');
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'image/png';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}

export interface ImageSize {
  width: number;
  height: number;
}

/** Pixel size from the image header (PhotoSize needs it); undefined if it can't be read. */
export function imageSize(bytes: Uint8Array, type: PhotoMimeType): ImageSize | undefined {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    if (type === 'image/png') return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
    if (type === 'image/webp') return webpSize(data);
    return jpegSize(data);
  } catch (error) {
    if (error instanceof RangeError) return undefined; // truncated header
    throw error;
  }
}

function jpegSize(data: Buffer): ImageSize | undefined {
  let offset = 2;
  while (offset + 9 < data.length) {
    if (data[offset] !== 0xff) return undefined;
    const marker = data[offset + 1] ?? 0;
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isStartOfFrame) return { height: data.readUInt16BE(offset + 5), width: data.readUInt16BE(offset + 7) };
    offset += 2 + data.readUInt16BE(offset + 2);
  }
  return undefined;
}

function webpSize(data: Buffer): ImageSize | undefined {
  const chunk = data.toString('latin1', 12, 16);
  if (chunk === 'VP8X') return { width: 1 + data.readUIntLE(24, 3), height: 1 + data.readUIntLE(27, 3) };
  if (chunk === 'VP8 ') return { width: data.readUInt16LE(26) & 0x3fff, height: data.readUInt16LE(28) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = data.readUInt32LE(21);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
  }
  return undefined;
}
