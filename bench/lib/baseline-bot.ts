// The baseline of `npm run bench -- e2e`: a bare grammY bot with an in-memory session, answering
// every text with a trivial reply and inline keyboard and every button with answerCallbackQuery
// and an edit, over the same transport as the application (long polling through
// @grammyjs/runner, or a webhook). No database, no i18n, no features: the cost of the protocol.
import { createServer } from 'node:http';
import { run, sequentialize } from '@grammyjs/runner';
import { Bot, session, webhookCallback, type Context, type SessionFlavor } from 'grammy';

type BaselineContext = Context & SessionFlavor<{ count: number }>;

const token = process.env.BOT_TOKEN!;
const bot = new Bot<BaselineContext>(token, { client: { apiRoot: process.env.TELEGRAM_API_ROOT! } });
const keyboard = { inline_keyboard: [[{ text: 'Next', callback_data: 'next' }]] };

bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));
bot.use(session({ initial: () => ({ count: 0 }) }));
bot.on('message:text', async (ctx) => {
  ctx.session.count++;
  await ctx.reply(`Answer ${ctx.session.count}`, { reply_markup: keyboard });
});
bot.on('callback_query:data', async (ctx) => {
  ctx.session.count++;
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(`Answer ${ctx.session.count}`, { reply_markup: keyboard });
});

await bot.init();
if (process.env.WEBHOOK_URL) {
  const handle = webhookCallback(bot, 'http', { secretToken: process.env.WEBHOOK_SECRET! });
  const server = createServer((req, res) => {
    if (req.url === '/healthz') return void res.end('ok');
    void handle(req, res);
  });
  server.listen(Number(process.env.PORT), '127.0.0.1');
  await bot.api.setWebhook(process.env.WEBHOOK_URL, { secret_token: process.env.WEBHOOK_SECRET! });
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
} else {
  await bot.api.deleteWebhook();
  const runner = run(bot);
  process.once('SIGTERM', () => void runner.stop().then(() => process.exit(0)));
}
