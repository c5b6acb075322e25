// The HTTP client for Bot API calls. grammY calls `fetch(url, init)` and reads `res.json()`; on
// Node its default is node-fetch, which builds a Request, Headers, a body stream and a Response
// for every call. Almost every call the bot makes is a small JSON POST (sendMessage,
// editMessageText, answerCallbackQuery): this client sends them with `http(s).request` on a
// keep-alive agent and nothing else. The e2e benchmark showed node-fetch and the HTTP stack at
// about a fifth of the bot's CPU per update (issue 8). A multipart upload (sendDocument) comes as a stream and is piped the same way.
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';

/** The part of a fetch Response that grammY reads. */
export interface JsonResponse {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}

/** How grammY calls fetch: a POST whose body is JSON text or a multipart stream. */
export interface BotApiRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal | null;
}

const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

export function botApiFetch(url: string, init: BotApiRequest = {}): Promise<JsonResponse> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const { body } = init;
  const headers: Record<string, string | number> = { ...init.headers };
  if (typeof body === 'string') headers['content-length'] = Buffer.byteLength(body);
  else if (body !== undefined && !(body instanceof Readable)) {
    return Promise.reject(new TypeError('botApiFetch sends text or a stream'));
  }
  return new Promise<JsonResponse>((resolve, reject) => {
    const request = (secure ? https : http).request(
      target,
      { method: init.method ?? 'GET', agent: secure ? agents.https : agents.http, headers, signal: init.signal ?? undefined },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString('utf8');
          // Parsed when asked, as fetch does: a body that is not JSON rejects there.
          resolve({ ok: status >= 200 && status < 300, status, json: async () => JSON.parse(text) as unknown });
        });
      },
    );
    request.on('error', reject);
    if (body instanceof Readable) {
      // A failing upload stream fails the call (grammY also reports the stream's own error).
      body.on('error', (err) => request.destroy(err));
      body.pipe(request);
    } else {
      request.end(body);
    }
  });
}
