// Documents, application and status: /documents (the personal checklist: send a photo or PDF for
// each item, or say you cannot get it), submit with a reference, /status, withdraw.
// Every button names an application by id; the service re-checks that it is this person's.
import { InlineKeyboard } from 'grammy';
import { FeatureComposer } from '../composer.js';
import { createHash } from 'node:crypto';
import {
  currentApplication,
  getApplication,
  listApplications,
  markDocumentUnavailable,
  recordDocument,
  setTownship,
  submitApplication,
  validateUpload,
  withdrawApplication,
  type ApplicationView,
  type ChecklistEntry,
} from '../../domain/applications/index.js';
import { requestedDocumentArrived } from '../../domain/casework/index.js';
import { isLanguage, t, type Translate } from '../../i18n.js';
import { callbackData, callbackPattern } from '../callback-data.js';
import { describeError } from '../errors.js';
import { staffItemName } from '../views/casework.js';
import type { BotContext } from '../context.js';
import { checklistScreen, documentRequestScreen, itemName, statusScreen } from '../views/applications.js';
import { staleButton } from './shared.js';

export const applications = new FeatureComposer<BotContext>();
const privateChats = applications.chatType('private');

export async function showChecklist(ctx: BotContext, application: ApplicationView, mode: 'edit' | 'new'): Promise<void> {
  const screen = checklistScreen(ctx.t, application);
  if (mode === 'edit' && ctx.callbackQuery?.message) await ctx.editMessageText(screen.text, { reply_markup: screen.keyboard });
  else await ctx.reply(screen.text, { reply_markup: screen.keyboard });
}

/** `<applicationId>-<code>-<memberIndex>` → its parts; the service validates them. */
function parseEntry(arg: string | undefined): { applicationId: number; code: string; memberIndex: number } | null {
  const match = /^(\d+)-([a-z_]+)-(-?\d+)$/.exec(arg ?? '');
  return match ? { applicationId: Number(match[1]), code: match[2]!, memberIndex: Number(match[3]) } : null;
}

function findEntry(application: ApplicationView, code: string, memberIndex: number): ChecklistEntry | undefined {
  return application.checklist.find((e) => e.code === code && e.memberIndex === memberIndex);
}

privateChats.command('documents', async (ctx) => {
  if (!ctx.person) return ctx.reply(ctx.t('consent.required'));
  const application = await currentApplication(ctx.deps.db, ctx.person.id);
  if (!application) return ctx.reply(ctx.t('application.none'));
  await showChecklist(ctx, application, 'new');
});

async function showStatus(ctx: BotContext, mode: 'edit' | 'new'): Promise<void> {
  if (!ctx.person) {
    await ctx.reply(ctx.t('consent.required'));
    return;
  }
  const all = await listApplications(ctx.deps.db, ctx.person.id);
  const screen = statusScreen(ctx.t, ctx.lang, all, ctx.person.timeZone);
  if (mode === 'edit' && ctx.callbackQuery?.message) await ctx.editMessageText(screen.text, { reply_markup: screen.keyboard });
  else await ctx.reply(screen.text, { reply_markup: screen.keyboard });
}

privateChats.command('status', (ctx) => showStatus(ctx, 'new'));
privateChats.callbackQuery(callbackPattern('app', 'status'), async (ctx) => {
  await ctx.answerCallbackQuery();
  await showStatus(ctx, 'edit');
});

privateChats.callbackQuery(callbackPattern('app', 'list'), async (ctx) => {
  const application = ctx.person ? await getApplication(ctx.deps.db, ctx.person.id, Number(ctx.match[1])) : null;
  if (!application) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  ctx.session.awaitingDocument = undefined;
  await showChecklist(ctx, application, 'edit');
});

privateChats.callbackQuery(callbackPattern('app', 'doc'), async (ctx) => {
  const entry = parseEntry(ctx.match[1]);
  const application = ctx.person && entry ? await getApplication(ctx.deps.db, ctx.person.id, entry.applicationId) : null;
  const item = application && entry ? findEntry(application, entry.code, entry.memberIndex) : undefined;
  if (!application || !item) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  ctx.session.awaitingDocument = {
    applicationId: application.id,
    item: item.code,
    memberIndex: item.memberIndex,
    ...(ctx.callbackQuery.message ? { promptMessageId: ctx.callbackQuery.message.message_id } : {}),
  };
  const screen = documentRequestScreen(ctx.t, application, item);
  await ctx.editMessageText(screen.text, { reply_markup: screen.keyboard });
});

privateChats.callbackQuery(callbackPattern('app', 'na'), async (ctx) => {
  const entry = parseEntry(ctx.match[1]);
  const application = ctx.person && entry ? await getApplication(ctx.deps.db, ctx.person.id, entry.applicationId) : null;
  const item = application && entry ? findEntry(application, entry.code, entry.memberIndex) : undefined;
  // A button from an older screen must not overwrite a document the person has since sent.
  if (!ctx.person || !entry || !item || item.document?.status === 'provided') return staleButton(ctx);
  const result = await markDocumentUnavailable(ctx.deps.db, ctx.person.id, entry.applicationId, entry.code, entry.memberIndex);
  if (!result.ok) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  ctx.session.awaitingDocument = undefined;
  await tellCaseworker(ctx, entry.applicationId, { code: entry.code, memberIndex: entry.memberIndex });
  await ctx.editMessageText(
    `${ctx.t('documents.unavailable_noted', { item: itemName(ctx.t, entry) })}\n\n${ctx.t(`documents.where.${entry.code}`)}`,
  );
  await showChecklist(ctx, result.application, 'new');
});

// A photo or a file: the document the person was asked for.
privateChats.on(['message:photo', 'message:document'], async (ctx, next) => {
  const awaiting = ctx.session.awaitingDocument;
  if (!ctx.person || !awaiting) {
    if (!ctx.person) return next();
    return ctx.reply(ctx.t('documents.which_first'));
  }
  const message = ctx.message;
  const photo = message.photo?.at(-1); // the largest size Telegram made
  const file = photo
    ? { fileId: photo.file_id, fileUniqueId: photo.file_unique_id, mimeType: 'image/jpeg', sizeBytes: photo.file_size ?? null, fileName: null }
    : {
        fileId: message.document!.file_id,
        fileUniqueId: message.document!.file_unique_id,
        mimeType: message.document!.mime_type ?? null,
        sizeBytes: message.document!.file_size ?? null,
        fileName: message.document!.file_name ?? null,
      };

  const valid = validateUpload(file);
  if (!valid.ok) return ctx.reply(ctx.t(`documents.error.${valid.error}`));

  await ctx.replyWithChatAction('typing');
  const sha256 = await fileSha256(ctx, file.fileId);
  const { applicationId, item, memberIndex } = awaiting;
  const result = await recordDocument(ctx.deps.db, ctx.person.id, applicationId, { item, memberIndex, ...file, sha256 });
  if (!result.ok) {
    ctx.session.awaitingDocument = undefined;
    const key = result.error === 'type_not_allowed' || result.error === 'too_large' || result.error === 'empty' ? result.error : 'not_accepted';
    return ctx.reply(ctx.t(`documents.error.${key}`));
  }
  ctx.session.awaitingDocument = undefined;
  // The request's buttons ("I don't have it") no longer apply once the document is here.
  if (awaiting.promptMessageId !== undefined) {
    await ctx.api.editMessageReplyMarkup(ctx.chat.id, awaiting.promptMessageId).catch(() => undefined);
  }
  await ctx.reply(ctx.t('documents.received', { item: itemName(ctx.t, { code: awaiting.item, memberIndex: awaiting.memberIndex }) }));
  await showChecklist(ctx, result.application, 'new');
  await tellCaseworker(ctx, applicationId, { code: item, memberIndex });
});

/** A document the caseworker asked for came in (or the applicant said they cannot get it): tell them. */
async function tellCaseworker(ctx: BotContext, applicationId: number, item: { code: string; memberIndex: number }): Promise<void> {
  if (!ctx.person) return;
  const notice = await requestedDocumentArrived(ctx.deps.db, ctx.person.id, applicationId, item);
  if (!notice) return;
  const lang = isLanguage(notice.language) ? notice.language : ctx.deps.defaultLanguage;
  const tr: Translate = (key, vars) => t(lang, key, vars);
  const text = t(lang, notice.answered === notice.requested ? 'casework.arrived.all' : 'casework.arrived.one', {
    reference: notice.reference,
    item: staffItemName(tr, notice.item),
    answered: notice.answered,
    requested: notice.requested,
  });
  await ctx.api
    .sendMessage(notice.chatId, text, { reply_markup: new InlineKeyboard().text(t(lang, 'casework.button.open_case'), callbackData('case', 'open', applicationId)) })
    .catch((error: unknown) => ctx.deps.logger.warn({ error: describeError(error) }, 'could not tell a caseworker about a document'));
}

/** Fingerprint of the file, so a caseworker can tell the same document sent twice. */
async function fileSha256(ctx: BotContext, fileId: string): Promise<string | null> {
  try {
    const file = await ctx.api.getFile(fileId);
    if (!file.file_path) return null;
    const response = await fetch(ctx.fileUrl(file.file_path));
    if (!response.ok || !response.body) return null;
    const hash = createHash('sha256');
    for await (const chunk of response.body) hash.update(chunk);
    return hash.digest('hex');
  } catch (error) {
    // The fingerprint helps caseworkers but is not worth losing the document over.
    ctx.deps.logger.warn({ error: error instanceof Error ? error.message : 'unknown' }, 'could not fingerprint a document');
    return null;
  }
}

privateChats.callbackQuery(callbackPattern('app', 'submit'), async (ctx) => {
  const application = ctx.person ? await getApplication(ctx.deps.db, ctx.person.id, Number(ctx.match[1])) : null;
  if (!application || application.status !== 'draft') return staleButton(ctx);
  await ctx.answerCallbackQuery();
  // Which township: it decides which caseworkers see the case.
  if (application.township === null && ctx.deps.townships.length > 0) {
    const keyboard = new InlineKeyboard();
    ctx.deps.townships.forEach((place, i) => {
      keyboard.text(place.name, callbackData('app', 'town', `${application.id}-${i}`));
      if (i % 2 === 1) keyboard.row();
    });
    keyboard.row().text(ctx.t('application.township.not_sure'), callbackData('app', 'town', `${application.id}-x`));
    await ctx.editMessageText(ctx.t('application.township.question'), { reply_markup: keyboard });
    return;
  }
  await confirmSubmit(ctx, application);
});

// The township chosen (by its place in the configured list), or "not sure": then the confirmation.
privateChats.callbackQuery(callbackPattern('app', 'town'), async (ctx) => {
  const match = /^(\d{1,10})-(\d{1,2}|x)$/.exec(ctx.match[1] ?? '');
  const place = match && match[2] !== 'x' ? ctx.deps.townships[Number(match[2])] : undefined;
  if (!ctx.person || !match || (match[2] !== 'x' && !place)) return staleButton(ctx);
  const applicationId = Number(match[1]);
  const known = ctx.deps.townships.map((p) => p.code);
  const result = await setTownship(ctx.deps.db, ctx.person.id, applicationId, place?.code ?? null, known);
  const application = result.ok ? await getApplication(ctx.deps.db, ctx.person.id, applicationId) : null;
  if (!application) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  await confirmSubmit(ctx, application);
});

async function confirmSubmit(ctx: BotContext, application: ApplicationView): Promise<void> {
  const keyboard = new InlineKeyboard()
    .text(ctx.t('application.button.confirm_submit'), callbackData('app', 'submit_yes', application.id))
    .row()
    .text(ctx.t('application.button.not_yet'), callbackData('app', 'list', application.id));
  await ctx.editMessageText(ctx.t('application.confirm_submit', { reference: application.reference }), { reply_markup: keyboard });
}

privateChats.callbackQuery(callbackPattern('app', 'submit_yes'), async (ctx) => {
  if (!ctx.person) return staleButton(ctx);
  const result = await submitApplication(ctx.deps.db, ctx.person.id, Number(ctx.match[1]));
  if (!result.ok && result.error === 'not_found') return staleButton(ctx);
  await ctx.answerCallbackQuery();
  if (result.ok) {
    await ctx.editMessageText(ctx.t('application.submitted', { reference: result.application.reference }));
    return;
  }
  if (result.error === 'checklist_incomplete') {
    const missing = result.missing.map((item) => `• ${itemName(ctx.t, item)}`).join('\n');
    await ctx.editMessageText(`${ctx.t('application.checklist_incomplete')}\n${missing}`);
    const application = await getApplication(ctx.deps.db, ctx.person.id, Number(ctx.match[1]));
    if (application) await showChecklist(ctx, application, 'new');
    return;
  }
  await ctx.editMessageText(ctx.t('application.cannot_change'));
});

privateChats.callbackQuery(callbackPattern('app', 'withdraw'), async (ctx) => {
  const application = ctx.person ? await getApplication(ctx.deps.db, ctx.person.id, Number(ctx.match[1])) : null;
  if (!application) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  const keyboard = new InlineKeyboard()
    .text(ctx.t('application.button.confirm_withdraw'), callbackData('app', 'withdraw_yes', application.id))
    .row()
    .text(ctx.t('application.button.keep'), callbackData('app', 'status'));
  await ctx.editMessageText(ctx.t('application.confirm_withdraw', { reference: application.reference }), { reply_markup: keyboard });
});

privateChats.callbackQuery(callbackPattern('app', 'withdraw_yes'), async (ctx) => {
  if (!ctx.person) return staleButton(ctx);
  const result = await withdrawApplication(ctx.deps.db, ctx.person.id, Number(ctx.match[1]));
  if (!result.ok && result.error === 'not_found') return staleButton(ctx);
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(
    result.ok ? ctx.t('application.withdrawn', { reference: result.application.reference }) : ctx.t('application.cannot_change'),
  );
});
