/**
 * A small, lenient multipart/form-data parser.
 *
 * Why not `Request.formData()`: grammY writes part headers as
 * `content-disposition:form-data;name="x";filename=report.pdf` (no spaces, unquoted
 * filename), which Telegram accepts but Node's built-in parser rejects outright.
 * This parser accepts both that and what browsers send.
 */

export interface MultipartFile {
  /** The form field name (for grammY uploads: the random id referenced as `attach://<id>`). */
  field: string;
  filename: string;
  /** As declared by the sender; grammY always says application/octet-stream. */
  contentType: string;
  bytes: Uint8Array;
}

export interface MultipartBody {
  fields: Map<string, string>;
  files: Map<string, MultipartFile>;
}

export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MultipartError';
  }
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
const utf8 = new TextDecoder();

/** The boundary parameter of a multipart Content-Type header, if it is one. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\b/i.test(contentType)) return undefined;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

export function parseMultipart(body: Uint8Array, boundary: string): MultipartBody {
  const data = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundary}`);
  const result: MultipartBody = { fields: new Map(), files: new Map() };

  let position = data.indexOf(delimiter);
  if (position < 0) throw new MultipartError('multipart boundary not found');
  for (;;) {
    position += delimiter.length;
    if (data[position] === 0x2d && data[position + 1] === 0x2d) return result; // closing "--"
    position = skipLineBreak(data, position);
    const next = data.indexOf(Buffer.concat([CRLF, delimiter]), position);
    if (next < 0) throw new MultipartError('multipart body is truncated');
    addPart(result, data.subarray(position, next));
    position = next + CRLF.length;
  }
}

function skipLineBreak(data: Buffer, position: number): number {
  // Transport padding (spaces/tabs) may precede the CRLF after a boundary.
  let index = position;
  while (data[index] === 0x20 || data[index] === 0x09) index++;
  if (data[index] !== 0x0d || data[index + 1] !== 0x0a) {
    throw new MultipartError('malformed multipart boundary line');
  }
  return index + 2;
}

function addPart(result: MultipartBody, part: Buffer): void {
  const headerEnd = part.indexOf(HEADER_END);
  const headerText = utf8.decode(headerEnd < 0 ? part : part.subarray(0, headerEnd));
  const content = headerEnd < 0 ? Buffer.alloc(0) : part.subarray(headerEnd + HEADER_END.length);
  const headers = parseHeaders(headerText);
  const disposition = headers.get('content-disposition');
  if (!disposition) throw new MultipartError('multipart part without content-disposition');
  const params = parseDisposition(disposition);
  const field = params.get('name');
  if (field === undefined) throw new MultipartError('multipart part without a name');
  const filename = params.get('filename');
  if (filename === undefined) {
    result.fields.set(field, utf8.decode(content));
    return;
  }
  result.files.set(field, {
    field,
    filename,
    contentType: headers.get('content-type') ?? 'application/octet-stream',
    // Copy, so the (possibly large) request buffer is not kept alive by a slice.
    bytes: new Uint8Array(content),
  });
}

function parseHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/**
 * Parses `form-data; name="a"; filename="b"`. Quoted values may contain `\"`; an unquoted
 * filename runs to the end of the line, because grammY does not quote file names that
 * contain spaces or semicolons.
 */
function parseDisposition(value: string): Map<string, string> {
  const params = new Map<string, string>();
  let index = value.indexOf(';');
  while (index >= 0 && index < value.length) {
    while (value[index] === ';' || value[index] === ' ' || value[index] === '\t') index++;
    const equals = value.indexOf('=', index);
    if (equals < 0) break;
    const key = value.slice(index, equals).trim().toLowerCase();
    index = equals + 1;
    let parsed = '';
    if (value[index] === '"') {
      index++;
      while (index < value.length && value[index] !== '"') {
        if (value[index] === '\\' && index + 1 < value.length) index++;
        parsed += value[index];
        index++;
      }
      index++; // closing quote
    } else {
      const end = key === 'filename' ? value.length : indexOrEnd(value, ';', index);
      parsed = value.slice(index, end).trim();
      index = end;
    }
    params.set(key, parsed);
  }
  return params;
}

function indexOrEnd(text: string, search: string, from: number): number {
  const found = text.indexOf(search, from);
  return found < 0 ? text.length : found;
}
