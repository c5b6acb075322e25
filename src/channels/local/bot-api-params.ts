/**
 * Method parameters as Telegram accepts them: from the query string, a JSON body, a
 * urlencoded form or multipart/form-data (where objects arrive as JSON strings and files
 * as parts referenced by `attach://<name>`). Accessors are lenient about representation
 * ("42" and 42 are both an integer) and strict about meaning, with Telegram's errors.
 */
import { badRequest } from './bot-api-error.js';
import { multipartBoundary, MultipartError, parseMultipart, type MultipartFile } from './multipart.js';
import { readBody } from './request-body.js';

/** A file parameter: freshly uploaded bytes, or a file_id (or URL) given as a string. */
export type InputFileParam = { kind: 'upload'; file: MultipartFile } | { kind: 'reference'; value: string };

export class BotApiParams {
  constructor(
    private readonly values: ReadonlyMap<string, unknown>,
    private readonly files: ReadonlyMap<string, MultipartFile> = new Map(),
  ) {}

  has(name: string): boolean {
    const value = this.values.get(name);
    return value !== undefined && value !== null && value !== '';
  }

  /** The raw value (object, array, string …) for parsers that know its shape. */
  raw(name: string): unknown {
    const value = this.values.get(name);
    return value === null ? undefined : value;
  }

  string(name: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw badRequest(`field "${name}" must be of type String`);
  }

  integer(name: string): number | undefined {
    const value = this.raw(name);
    if (value === undefined || value === '') return undefined;
    const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isSafeInteger(number)) {
      throw badRequest(`field "${name}" must be of type Integer`);
    }
    return number;
  }

  boolean(name: string): boolean | undefined {
    const value = this.raw(name);
    if (value === undefined || value === '') return undefined;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === '1' || value === 1) return true;
    if (value === 'false' || value === '0' || value === 0) return false;
    throw badRequest(`field "${name}" must be of type Boolean`);
  }

  /** Objects and arrays may arrive JSON-encoded (multipart, forms, query strings). */
  json(name: string): unknown {
    const value = this.raw(name);
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw badRequest(`can't parse JSON object of the field "${name}"`);
    }
  }

  inputFile(name: string): InputFileParam | undefined {
    const direct = this.files.get(name);
    if (direct) return { kind: 'upload', file: direct };
    const value = this.string(name);
    if (value === undefined || value === '') return undefined;
    if (value.startsWith('attach://')) {
      const attached = this.files.get(value.slice('attach://'.length));
      if (!attached) throw badRequest(`can't find the attached file "${value}"`);
      return { kind: 'upload', file: attached };
    }
    return { kind: 'reference', value };
  }
}

/**
 * Reads all parameters of a Bot API request (GET or POST, any of Telegram's encodings).
 * Throws BodyTooLargeError past `maxBytes`.
 */
export async function readBotApiParams(request: Request, maxBytes: number): Promise<BotApiParams> {
  const values = new Map<string, unknown>(new URL(request.url).searchParams);
  if (request.method !== 'POST') return new BotApiParams(values);

  const contentType = request.headers.get('content-type') ?? '';
  const raw = await readBody(request, maxBytes);
  const boundary = multipartBoundary(contentType);
  if (boundary) {
    try {
      const body = parseMultipart(raw, boundary);
      for (const [name, value] of body.fields) values.set(name, value);
      return new BotApiParams(values, body.files);
    } catch (error) {
      if (error instanceof MultipartError) throw badRequest(`can't parse multipart/form-data: ${error.message}`);
      throw error;
    }
  }
  const text = new TextDecoder().decode(raw);
  if (text.trim() === '') return new BotApiParams(values);
  if (/application\/x-www-form-urlencoded/i.test(contentType)) {
    for (const [name, value] of new URLSearchParams(text)) values.set(name, value);
    return new BotApiParams(values);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw badRequest("can't parse JSON request body");
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw badRequest('request body must be a JSON object');
  }
  for (const [name, value] of Object.entries(json)) values.set(name, value);
  return new BotApiParams(values);
}
