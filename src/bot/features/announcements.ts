// Announcements in the chat. Staff who may announce (admins, coordinators; see the service):
// /announce → write the text → add translations (language, then its text; repeat) → choose the
// audience (groups or a township) → preview, exactly as each language will receive it, with the
// recipient count → Send or Cancel. The draft lives in the session, so a restart resumes it; the
// announcement's key is made when the draft starts, so a double-tapped Send sends once.
// Everybody: "Stop announcements" under each announcement, and /announcements on|off.
import { FeatureComposer } from '../composer.js';
import {
  MAX_ANNOUNCEMENT_TEXT,
  mayAnnounce,
  newAnnouncementKey,
  parseAudienceCode,
  previewAnnouncement,
  sendAnnouncement,
  setAnnouncementsOptOut,
  announcementsOptedOut,
  validAnnouncementText,
  type AnnouncementAudience,
} from '../../domain/announcements/index.js';
import { isLanguage, LANGUAGE_NAMES } from '../../i18n.js';
import { callbackPattern } from '../callback-data.js';
import type { BotContext } from '../context.js';
import {
  audienceScreen,
  draftScreen,
  FEATURE,
  optOutScreen,
  previewMessage,
  previewSummary,
  readAnnounceSession,
  translationLanguageScreen,
  writeTextScreen,
  type AnnounceSession,
} from '../views/announcements.js';
import type { Screen } from '../views/questionnaire.js';

export const announcements = new FeatureComposer<BotContext>();
const privateChats = announcements.chatType('private');

const notAvailable = (ctx: BotContext) => ctx.answerCallbackQuery({ text: ctx.t('announce.not_available'), show_alert: true });
const townshipCodes = (ctx: BotContext) => ctx.deps.townships.map((t) => t.code);

function draftOf(ctx: BotContext): AnnounceSession | undefined {
  const draft = readAnnounceSession(ctx.session.announce);
  if (!draft && ctx.session.announce !== undefined) ctx.session.announce = undefined;
  return draft;
}

function save(ctx: BotContext, draft: AnnounceSession | undefined): void {
  ctx.session.announce = draft;
}

async function show(ctx: BotContext, screen: Screen, mode: 'edit' | 'new'): Promise<void> {
  if (mode === 'edit' && ctx.callbackQuery?.message) await ctx.editMessageText(screen.text, { reply_markup: screen.keyboard });
  else await ctx.reply(screen.text, { reply_markup: screen.keyboard });
}

/** The draft behind a wizard button, for a person who may still announce; else "not available". */
async function wizardStep(ctx: BotContext): Promise<AnnounceSession | null> {
  const draft = draftOf(ctx);
  if (!ctx.person || !draft || !(await mayAnnounce(ctx.deps.db, ctx.person.id))) {
    await notAvailable(ctx);
    return null;
  }
  await ctx.answerCallbackQuery();
  return draft;
}

/** Where a resumed or edited draft continues: its text first, then the draft with its buttons. */
function currentScreen(ctx: BotContext, draft: AnnounceSession): Screen {
  return draft.text === undefined ? writeTextScreen(ctx.t, MAX_ANNOUNCEMENT_TEXT) : draftScreen(ctx.t, draft);
}

// --- Writing -----------------------------------------------------------------------------------

privateChats.command('announce', async (ctx) => {
  if (!ctx.person || !(await mayAnnounce(ctx.deps.db, ctx.person.id))) return ctx.reply(ctx.t('announce.not_available'));
  let draft = draftOf(ctx);
  if (draft) {
    // A draft in progress (perhaps from before a restart) is resumed, not lost.
    if (draft.step === 'translation') draft = { ...draft, step: draft.text === undefined ? 'text' : 'buttons', translating: undefined };
    save(ctx, draft);
    await ctx.reply(ctx.t('announce.resumed'));
    return show(ctx, currentScreen(ctx, draft), 'new');
  }
  const lang = isLanguage(ctx.lang) ? ctx.lang : ctx.deps.defaultLanguage;
  save(ctx, { key: newAnnouncementKey(ctx.person.id), language: lang, step: 'text', translations: {} });
  await show(ctx, writeTextScreen(ctx.t, MAX_ANNOUNCEMENT_TEXT), 'new');
});

// Before the FAQ and the questionnaire: the text, or a translation, the staff member was asked for.
privateChats.on('message:text', async (ctx, next) => {
  const draft = draftOf(ctx);
  if (!draft || draft.step === 'buttons' || !ctx.person) return next();
  const text = ctx.message.text;
  if (text.startsWith('/')) {
    // Another command: stop waiting for text; a written draft stays for /announce to resume.
    save(ctx, draft.text === undefined ? undefined : { ...draft, step: 'buttons', translating: undefined });
    return next();
  }
  if (!(await mayAnnounce(ctx.deps.db, ctx.person.id))) {
    save(ctx, undefined);
    return next();
  }
  if (!validAnnouncementText(text)) return ctx.reply(ctx.t('announce.too_long', { max: MAX_ANNOUNCEMENT_TEXT }));
  const updated: AnnounceSession =
    draft.step === 'translation' && draft.translating
      ? { ...draft, step: 'buttons', translating: undefined, translations: { ...draft.translations, [draft.translating]: text } }
      : { ...draft, step: 'buttons', text };
  save(ctx, updated);
  await show(ctx, draftScreen(ctx.t, updated), 'new');
});

privateChats.callbackQuery(callbackPattern(FEATURE, 'edit'), async (ctx) => {
  const draft = await wizardStep(ctx);
  if (!draft) return;
  const updated: AnnounceSession = { ...draft, step: draft.text === undefined ? 'text' : 'buttons', translating: undefined };
  save(ctx, updated);
  await show(ctx, currentScreen(ctx, updated), 'edit');
});

privateChats.callbackQuery(callbackPattern(FEATURE, 'cancel'), async (ctx) => {
  const draft = await wizardStep(ctx);
  if (!draft) return;
  save(ctx, undefined);
  await ctx.editMessageText(ctx.t('announce.cancelled'));
});

// --- Translations --------------------------------------------------------------------------------

privateChats.callbackQuery(callbackPattern(FEATURE, 'tr'), async (ctx) => {
  const draft = await wizardStep(ctx);
  if (!draft || draft.text === undefined) return;
  await show(ctx, translationLanguageScreen(ctx.t, draft), 'edit');
});

privateChats.callbackQuery(callbackPattern(FEATURE, 'trl'), async (ctx) => {
  const lang = ctx.match[1];
  if (!isLanguage(lang)) return notAvailable(ctx);
  const draft = await wizardStep(ctx);
  if (!draft || draft.text === undefined || lang === draft.language) return;
  save(ctx, { ...draft, step: 'translation', translating: lang });
  await ctx.reply(ctx.t('announce.translation.write', { language: LANGUAGE_NAMES[lang], max: MAX_ANNOUNCEMENT_TEXT }));
});

// --- Audience, preview, send -------------------------------------------------------------------

privateChats.callbackQuery(callbackPattern(FEATURE, 'aud'), async (ctx) => {
  const draft = await wizardStep(ctx);
  if (!draft || draft.text === undefined) return;
  await show(ctx, audienceScreen(ctx.t, ctx.deps.townships), 'edit');
});

privateChats.callbackQuery(callbackPattern(FEATURE, 'to'), async (ctx) => {
  const audience = parseAudienceCode(ctx.match[1] ?? '');
  const draft = draftOf(ctx);
  if (!ctx.person || !draft || draft.text === undefined || !audience) return notAvailable(ctx);
  const preview = await previewAnnouncement(ctx.deps.db, ctx.person.id, audience, townshipCodes(ctx));
  if (!preview.ok) return notAvailable(ctx);
  await ctx.answerCallbackQuery();
  const updated = { ...draft, step: 'buttons' as const, audience: ctx.match[1] };
  save(ctx, updated);
  await showPreview(ctx, updated, audience, preview);
});

async function showPreview(
  ctx: BotContext,
  draft: AnnounceSession,
  audience: AnnouncementAudience,
  preview: { recipients: number; byLanguage: { language: string; count: number }[] },
): Promise<void> {
  // One message per language the audience reads, as it will arrive; then the count and the buttons.
  for (const { language, count } of preview.byLanguage) {
    const lang = isLanguage(language) ? language : ctx.deps.defaultLanguage;
    await ctx.reply(previewMessage(ctx.t, lang, count, draft));
  }
  await show(ctx, previewSummary(ctx.t, ctx.deps.townships, audience, preview.recipients, preview.byLanguage), 'new');
}

privateChats.callbackQuery(callbackPattern(FEATURE, 'send'), async (ctx) => {
  const draft = draftOf(ctx);
  const audience = draft?.audience ? parseAudienceCode(draft.audience) : null;
  // A second tap finds no draft: the first one sent it and cleared it.
  if (!ctx.person || !draft || draft.text === undefined || !audience) return notAvailable(ctx);
  const result = await sendAnnouncement(
    ctx.deps.db,
    ctx.person.id,
    { key: draft.key, text: draft.text, translations: draft.translations, audience },
    townshipCodes(ctx),
  );
  if (!result.ok) {
    if (result.error === 'no_recipients') return ctx.answerCallbackQuery({ text: ctx.t('announce.preview.nobody'), show_alert: true });
    return notAvailable(ctx);
  }
  save(ctx, undefined);
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t('announce.sent', { count: result.scheduled + result.alreadyScheduled }));
});

// --- Stop and resume: everybody's choice -------------------------------------------------------

async function setOptOut(ctx: BotContext, optOut: boolean): Promise<void> {
  const result = ctx.person ? await setAnnouncementsOptOut(ctx.deps.db, ctx.person.id, optOut) : null;
  if (!result?.ok) {
    if (ctx.callbackQuery) await notAvailable(ctx);
    else await ctx.reply(ctx.t('consent.required'));
    return;
  }
  if (ctx.callbackQuery) await ctx.answerCallbackQuery();
  // A new message, so the announcement it was pressed under stays as it was.
  await show(ctx, optOutScreen(ctx.t, result.optedOut), 'new');
}

privateChats.callbackQuery(callbackPattern(FEATURE, 'off'), (ctx) => setOptOut(ctx, true));
privateChats.callbackQuery(callbackPattern(FEATURE, 'on'), (ctx) => setOptOut(ctx, false));

privateChats.command('announcements', async (ctx) => {
  if (!ctx.person) return ctx.reply(ctx.t('consent.required'));
  const arg = ctx.match.trim().toLowerCase();
  if (arg === 'off' || arg === 'on') return setOptOut(ctx, arg === 'off');
  const optedOut = await announcementsOptedOut(ctx.deps.db, ctx.person.id);
  await show(ctx, optOutScreen(ctx.t, optedOut), 'new');
});
