/** The web chat page is small, self-contained and locked down; the API refuses other sites. */
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLocalGateway, type LocalGateway } from '../../../src/channels/local/gateway.js';
import { WebChat } from '../../helpers/webchat.js';
import { BOT_INFO, DEMO_USERS, TOKEN, VOLUNTEER } from './test-bot.js';

let gateway: LocalGateway;

beforeEach(async () => {
  gateway = await startLocalGateway({ host: '127.0.0.1', port: 0, token: TOKEN, botInfo: BOT_INFO, demoUsers: DEMO_USERS });
});

afterEach(async () => {
  await gateway.close();
});

/** A raw GET, because fetch does not let a test choose the Host header. */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('the web chat page', () => {
  it('is one small page with no outside resources and a strict content security policy', async () => {
    const response = await fetch(gateway.url, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    const html = await response.text();
    expect(html.length).toBeLessThan(40_000);
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//i);
    expect(html).toContain('aria-live="polite"');
    expect(html).not.toMatch(/innerHTML/);
  });

  it('travels gzip-compressed to browsers that accept it', async () => {
    const { encoding, compressed } = await new Promise<{ encoding?: string; compressed: Buffer }>((resolve, reject) => {
      request(gateway.url, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ encoding: response.headers['content-encoding'], compressed: Buffer.concat(chunks) }));
      }).on('error', reject).end();
    });
    expect(encoding).toBe('gzip');
    expect(compressed.length).toBeLessThan(12_000);
    expect(gunzipSync(compressed).toString()).toContain('<!doctype html>');
  });
});

describe('protection of a local, unauthenticated server', () => {
  it('answers only requests addressed to its own host names', async () => {
    const port = new URL(gateway.url).port;
    expect(await getWithHost(`${gateway.url}/api/users`, `127.0.0.1:${port}`)).toBe(200);
    expect(await getWithHost(`${gateway.url}/api/users`, `localhost:${port}`)).toBe(200);
    expect(await getWithHost(`${gateway.url}/api/users`, `attacker.example:${port}`)).toBe(421);
  });

  it('refuses changes requested by pages on other sites', async () => {
    const response = await fetch(`${gateway.url}/api/chats/${VOLUNTEER.id}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://attacker.example' },
      body: JSON.stringify({ text: 'hi' }),
    });
    expect(response.status).toBe(403);
    const sameSite = await fetch(`${gateway.url}/api/chats/${VOLUNTEER.id}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: gateway.url },
      body: JSON.stringify({ text: 'hi' }),
    });
    expect(sameSite.status).toBe(201);
  });

  it('serves uploaded files that are not photos as downloads, never as pages', async () => {
    const chat = new WebChat(gateway.url, VOLUNTEER.id);
    const uploaded = await chat.upload('evil.html', new TextEncoder().encode('<script>alert(1)</script>'), 'text/html');
    const response = await fetch(new URL(uploaded.document?.url ?? '', gateway.url));
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
