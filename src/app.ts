// The composition root as a function: config → db → bot → channel. main.ts calls it and wires
// signals; tests call it to run the real application in-process.
import type { Bot } from 'grammy';
import { createBot } from './bot/index.js';
import { registerCommands } from './bot/commands.js';
import type { BotContext } from './bot/context.js';
import { DEMO_USERS, LOCAL_BOT_INFO } from './channels/local-demo.js';
import { startLocalGateway } from './channels/local/gateway.js';
import { startPolling } from './channels/polling.js';
import { startWebhook } from './channels/telegram/webhook.js';
import type { Config } from './config.js';
import { openDb } from './db/index.js';
import { seedFunds } from './domain/donations/funds.js';
import { defaultPolicy } from './domain/screening/index.js';
import type { Logger } from './logger.js';
import { startScheduler } from './scheduler/index.js';
import { sweepStaleClaims } from './domain/volunteering/stale.js';

export interface RunningApp {
  bot: Bot<BotContext>;
  /** Local mode: the web chat's address. */
  webChatUrl?: string;
  stop(): Promise<void>;
}

export async function startApp(config: Config, logger: Logger): Promise<RunningApp> {
  const database = await openDb(config.db);
  const stops: (() => Promise<unknown>)[] = [() => database.close()];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((err: unknown) => logger.warn({ err }, 'while stopping'));
  };

  try {
    // The funds of src/domain/donations/funds.json, created once; later starts leave them alone.
    await seedFunds(database.db, defaultPolicy.currency);
    let apiRoot = config.telegram.apiRoot;
    let webChatUrl: string | undefined;
    if (config.mode === 'local') {
      const gateway = await startLocalGateway({
        host: config.http.host,
        port: config.http.port,
        token: config.botToken,
        botInfo: LOCAL_BOT_INFO,
        demoUsers: DEMO_USERS,
        logger,
      });
      stops.push(() => gateway.close());
      apiRoot = gateway.apiRoot;
      webChatUrl = gateway.url;
    }

    const bot = createBot({
      token: config.botToken,
      apiRoot,
      deps: {
        db: database.db,
        hotPath: database.hotPath,
        logger,
        adminTelegramIds: config.adminTelegramIds,
        defaultLanguage: config.defaultLanguage,
        townships: config.townships,
        cases: config.cases,
        pledges: config.pledges,
        volunteering: config.volunteering,
      },
    });

    if (config.telegram.webhookUrl) {
      const webhook = await startWebhook(bot, {
        webhookUrl: config.telegram.webhookUrl,
        secretToken: config.telegram.webhookSecret,
        host: config.http.host,
        port: config.http.port,
      }, logger);
      stops.push(() => webhook.close());
      logger.info({ port: config.http.port }, 'webhook mode: listening for Telegram');
    } else {
      const runner = await startPolling(bot);
      stops.push(async () => {
        if (runner.isRunning()) await runner.stop();
      });
      logger.info({ mode: config.mode }, 'long polling');
    }
    await registerCommands(bot.api, config.defaultLanguage).catch((err: unknown) =>
      logger.warn({ err }, 'could not register the command menu'),
    );

    // Due reminders go out through the bot's API (auto-retry, HTML, 403 → inactive). Stopped
    // first (stops run in reverse): its unsent claims go back to the queue while the db is open.
    const scheduler = startScheduler({
      db: database.db,
      provider: database.provider,
      sender: bot.api,
      logger,
      tickSeconds: config.reminders.tickSeconds,
      settings: config.reminders,
      defaultLanguage: config.defaultLanguage,
      pledgeSettings: config.pledges,
      // Volunteer claims without an update: a check-in request, then release (idempotent, multi-instance safe).
      sweeps: [{ name: 'stale_volunteer_claims', run: (now) => sweepStaleClaims(database.db, now, config.volunteering) }],
    });
    stops.push(() => scheduler.stop());

    return { bot, ...(webChatUrl ? { webChatUrl } : {}), stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
