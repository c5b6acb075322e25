/**
 * The local channel: an embedded, in-memory stand-in for Telegram's Bot API plus a web
 * chat, so the same grammY bot runs without a BOT_TOKEN and people (or end-to-end tests)
 * talk to it in a browser.
 *
 * One HTTP server serves:
 *   /            the web chat page (page.ts)
 *   /api/…       the web chat API (webchat-api.ts)
 *   /telegram/…  the Bot API subset the bot calls; `apiRoot` points here (bot-api.ts)
 *
 * Everything lives in memory for the process lifetime. There is no authentication: bind
 * it to 127.0.0.1 (request-guards.ts refuses other host names and cross-site writes).
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { UserFromGetMe } from 'grammy/types';
import { Hono } from 'hono';
import { botApiRoutes } from './bot-api.js';
import { CallbackQueries } from './callback-queries.js';
import { ChatStore, type DemoUser } from './chat-store.js';
import { CommandRegistry } from './command-registry.js';
import { FileStore } from './file-store.js';
import type { GatewayState } from './gateway-state.js';
import { silentLogger, type GatewayLogger } from './logger.js';
import { pageRoutes } from './page.js';
import { closeConnectionsWhen, hostNamesFor, onlyOwnHostNames, onlySameOriginWrites } from './request-guards.js';
import { UpdateQueue } from './update-queue.js';
import { webChatRoutes } from './webchat-api.js';

export type { DemoUser } from './chat-store.js';
export type { GatewayLogger } from './logger.js';

export interface LocalGatewayOptions {
  /** Interface to bind, e.g. '127.0.0.1'. */
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** The fake bot token the bot uses, e.g. 'local:safety-net'. */
  token: string;
  botInfo: { id: number; first_name: string; username: string };
  demoUsers: DemoUser[];
  /** pino-compatible. The gateway never logs message text or file contents. */
  logger?: GatewayLogger;
  /** Largest file a person may upload in the web chat; default 10 MB. */
  maxUploadBytes?: number;
}

export interface LocalGateway {
  /** http://host:port — the web chat page. */
  url: string;
  /** The value for grammY's `client.apiRoot`. */
  apiRoot: string;
  /** Answers pending long polls, then closes the server and its connections. */
  close(): Promise<void>;
}

const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** How long close() lets answered long polls flush before cutting connections. */
const CLOSE_GRACE_MS = 1000;

export async function startLocalGateway(opts: LocalGatewayOptions): Promise<LocalGateway> {
  const logger = opts.logger ?? silentLogger;
  validateOptions(opts);
  const bot: UserFromGetMe = {
    ...opts.botInfo,
    is_bot: true,
    can_join_groups: false,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  };
  const botUser = { id: bot.id, is_bot: true, first_name: bot.first_name, username: bot.username };
  const state: GatewayState = {
    bot,
    botUser,
    chats: new ChatStore(opts.demoUsers, botUser),
    updates: new UpdateQueue(),
    files: new FileStore(),
    commands: new CommandRegistry(),
    callbacks: new CallbackQueries(),
    maxUploadBytes: opts.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
  };

  const app = new Hono();
  // Filled in once the port is known; the placeholder matches no Host header.
  let allowedHosts: ReadonlySet<string> = new Set(['(not listening yet)']);
  let closing = false;
  app.use('*', onlyOwnHostNames(() => allowedHosts));
  app.use('*', closeConnectionsWhen(() => closing));
  app.use('/api/*', onlySameOriginWrites);
  app.route('/telegram', botApiRoutes(state, opts.token, logger));
  app.route('/api', webChatRoutes(state, logger));
  app.route('/', pageRoutes());

  const server = await listen(app, opts.host, opts.port);
  const { port } = server.address() as AddressInfo;
  allowedHosts = hostNamesFor(opts.host, port);
  const hostForUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const url = `http://${hostForUrl}:${port}`;
  logger.info({ url, demoUsers: opts.demoUsers.length }, 'local gateway: web chat listening');

  let shutdown: Promise<void> | undefined;
  return {
    url,
    apiRoot: `${url}/telegram`,
    close: () => {
      closing = true;
      return (shutdown ??= shutDown(server, state, logger));
    },
  };
}

function validateOptions(opts: LocalGatewayOptions): void {
  if (!opts.token || /[/?#\s]/.test(opts.token)) {
    throw new Error('local gateway: the token must be non-empty and usable in a URL path');
  }
  const ids = new Set(opts.demoUsers.map((user) => user.id));
  if (ids.size !== opts.demoUsers.length) throw new Error('local gateway: demo user ids must be unique');
  if (ids.has(opts.botInfo.id)) throw new Error('local gateway: a demo user cannot have the bot id');
}

function listen(app: Hono, host: string, port: number): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    // Not replacing the process-wide Request/Response: the bot and others share them.
    const server = serve({ fetch: app.fetch, hostname: host, port, overrideGlobalObjects: false }, () => {
      server.off('error', reject);
      resolve(server);
    });
    server.once('error', reject);
  });
}

async function shutDown(server: ServerType, state: GatewayState, logger: GatewayLogger): Promise<void> {
  state.updates.close();
  state.chats.close();
  await new Promise<void>((resolve) => {
    const forceClose = setTimeout(() => {
      if ('closeAllConnections' in server) server.closeAllConnections();
    }, CLOSE_GRACE_MS);
    server.close(() => {
      clearTimeout(forceClose);
      resolve();
    });
    // Keep-alive sockets with no request in flight would otherwise hold close() open.
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  });
  logger.info({}, 'local gateway: closed');
}
