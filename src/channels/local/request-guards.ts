/**
 * Protection for a local server without authentication, and a courtesy for shutdown.
 */
import type { MiddlewareHandler } from 'hono';

/**
 * A web page elsewhere can point its own host name at 127.0.0.1 (DNS rebinding) and then
 * read this server as "same origin"; only requests addressed to this server's own names
 * are answered. An empty set (bound to all interfaces on purpose) allows any name.
 */
export function onlyOwnHostNames(allowed: () => ReadonlySet<string>): MiddlewareHandler {
  return async (c, next) => {
    const names = allowed();
    if (names.size > 0 && !names.has(c.req.header('host') ?? '')) return c.text('Misdirected Request', 421);
    return next();
  };
}

/** The Host header values a browser or client may use for a server bound to `host`. */
export function hostNamesFor(host: string, port: number): Set<string> {
  if (host === '0.0.0.0' || host === '::') return new Set();
  const names = new Set([host.includes(':') ? `[${host}]` : host, 'localhost', '127.0.0.1', '[::1]']);
  return new Set([...names].map((name) => `${name}:${port}`));
}

/**
 * Browsers send Origin with every cross-site POST (say, a form on another site aimed at
 * this server), so a write from a foreign origin is refused. Tools (the test client) send none.
 */
export const onlySameOriginWrites: MiddlewareHandler = async (c, next) => {
  const origin = c.req.header('origin');
  const isRead = c.req.method === 'GET' || c.req.method === 'HEAD';
  if (!isRead && origin !== undefined && origin !== new URL(c.req.url).origin) {
    return c.json({ error: 'Requests from other sites are not allowed.' }, 403);
  }
  return next();
};

/** Once closing, answers end their connection, so answered long polls don't hold the server open. */
export function closeConnectionsWhen(closing: () => boolean): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (closing()) c.res.headers.set('connection', 'close');
  };
}
