/** The multipart parser accepts grammY's unusual part headers as well as browsers'. */
import { describe, expect, it } from 'vitest';
import { multipartBoundary, MultipartError, parseMultipart } from '../../../src/channels/local/multipart.js';

const encode = (text: string) => new TextEncoder().encode(text);

describe('parseMultipart', () => {
  it("reads grammY's unquoted, space-less headers and a browser's quoted UTF-8 ones", () => {
    const body = encode(
      '--XyZ\r\ncontent-disposition:form-data;name="chat_id"\r\n\r\n42\r\n' +
        '--XyZ\r\ncontent-disposition:form-data;name="abc";filename=my form; v2.pdf\r\ncontent-type:application/octet-stream\r\n\r\n%PDF\r\n\r\n' +
        '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="عقد \\"final\\".png"\r\nContent-Type: image/png\r\n\r\nPNG\r\n' +
        '--XyZ--\r\n',
    );
    const parsed = parseMultipart(body, 'XyZ');
    expect(parsed.fields).toEqual(new Map([['chat_id', '42']]));
    expect(parsed.files.get('abc')).toEqual({
      field: 'abc',
      filename: 'my form; v2.pdf',
      contentType: 'application/octet-stream',
      bytes: encode('%PDF\r\n'),
    });
    expect(parsed.files.get('file')).toMatchObject({ filename: 'عقد "final".png', contentType: 'image/png', bytes: encode('PNG') });
  });

  it('finds the boundary in the content type and refuses truncated bodies', () => {
    expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(multipartBoundary('multipart/form-data;boundary=----x')).toBe('----x');
    expect(multipartBoundary('application/json')).toBeUndefined();
    expect(() => parseMultipart(encode('--b\r\ncontent-disposition: form-data; name="x"\r\n\r\nno end'), 'b')).toThrow(MultipartError);
  });
});
