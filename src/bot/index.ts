// createBot(): the one grammY bot, whatever channel carries its updates.
import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { Bot, type Api } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { setReachable } from '../domain/people/people.js';
import { detectBlockedChats, htmlByDefault, ignoreUnchangedEdits } from './api-transformers.js';
import type { BotContext, BotDeps } from './context.js';
import { handleBotError } from './errors.js';
import { fallback } from './features/fallback.js';
import { help } from './features/help.js';
import { membership } from './features/membership.js';
import { onboarding } from './features/onboarding.js';
import { announcements } from './features/announcements.js';
import { applications } from './features/applications.js';
import { casework } from './features/casework.js';
import { donations } from './features/donations.js';
import { coordination } from './features/coordination.js';
import { helpRequests } from './features/help-requests.js';
import { privacy } from './features/privacy.js';
import { questions } from './features/questions.js';
import { reminders } from './features/reminders.js';
import { reviews } from './features/reviews.js';
import { staff } from './features/staff.js';
import { standards } from './features/standards.js';
import { screening } from './features/screening.js';
import { statistics } from './features/statistics.js';
import { volunteering } from './features/volunteering.js';
import { loadPerson } from './middleware/person.js';
import { databaseSession, sessionKey } from './middleware/session.js';
import { botApiFetch } from './bot-api-fetch.js';

export interface CreateBotOptions {
  token: string;
  apiRoot: string;
  deps: BotDeps;
  /** Known bot identity: skips getMe at start (tests). */
  botInfo?: UserFromGetMe;
  /** Replaces HTTP for Bot API calls (tests capture outgoing calls with it); botApiFetch otherwise. */
  fetch?: typeof fetch;
}

export function createBot({ token, apiRoot, deps, botInfo, fetch }: CreateBotOptions): Bot<BotContext> {
  const bot = new Bot<BotContext>(token, {
    client: { apiRoot, fetch: fetch ?? (botApiFetch as unknown as typeof fetch) },
    ...(botInfo ? { botInfo } : {}),
  });
  installApiTransformers(bot.api, deps);

  // One update at a time per chat, so a double tap cannot race a session write.
  bot.use(sequentialize(sessionKey));
  // Inside the boundary an error is logged and answered with an apology, whatever the channel:
  // with webhooks an escaped error would make Telegram resend the same update again and again.
  const guarded = bot.errorBoundary(handleBotError(deps.logger));
  const filesRoot = `${apiRoot}/file/bot${token}/`;
  guarded.use(async (ctx, next) => {
    ctx.deps = deps;
    ctx.fileUrl = (filePath) => filesRoot + filePath;
    await next();
  });
  guarded.use(...databaseSession(deps.hotPath));
  guarded.use(loadPerson);

  // Features that take typed text in the middle of a task (casework, reviews, an announcement
  // being written, a donor's pledge form, a volunteer's report, a household's address) come
  // before screening and questions, which take free text too.
  guarded.use(onboarding, help, privacy, membership, staff, casework, reviews, announcements, statistics, standards, donations);
  guarded.use(volunteering, helpRequests, coordination, screening, applications, questions, reminders);
  guarded.use(fallback);

  bot.catch(handleBotError(deps.logger));
  return bot;
}

function installApiTransformers(api: Api, deps: BotDeps): void {
  // Installed first = innermost: the 403 detector sees the outcome after auto-retry gave up.
  api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 }));
  api.config.use(htmlByDefault);
  api.config.use(ignoreUnchangedEdits);
  api.config.use(detectBlockedChats((chatId) => setReachable(deps.db, chatId, false), deps.logger));
}
