// The caseworker console in the chat: a caseworker takes a case from /queue, asks for a document,
// the applicant (who writes in Chinese) is told in Chinese and sends it, and the caseworker approves
// with a typed amount. Staff buttons forged by anybody else are refused and change nothing.
// Assertions are on data, chats and callback data, not on English wording.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addMonths, todayDate } from '../../src/domain/casework/index.js';
import { PROGRAMME_IDS } from '../../src/domain/screening/index.js';
import { t } from '../../src/i18n.js';
import { createHarness, type Harness } from '../helpers/bot-harness.js';

const STAFF = 900; // admin by configuration
const APPLICANT = 720; // writes in Chinese
const DONOR = 722;
const COLLEAGUE = 901;
const CJK = /[\u4e00-\u9fff]/;

let h: Harness;
beforeEach(async () => {
  h = await createHarness({ adminTelegramIds: [STAFF] });
});
afterEach(async () => {
  await h.close();
});

function sendPhoto(id: number, fileId: string) {
  return h.update({
    message: {
      message_id: 5000,
      date: Math.floor(Date.now() / 1000),
      chat: { id, type: 'private', first_name: 'T' },
      from: { id, is_bot: false, first_name: 'T' },
      photo: [{ file_id: fileId, file_unique_id: `u-${fileId}`, width: 1280, height: 960, file_size: 200_000 }],
    },
  });
}

/** The applicant screens (a single adult in town, eligible for the allowance), gathers documents and submits. */
async function applicantSubmits(): Promise<{ id: number; reference: string }> {
  await h.onboard(APPLICANT, 'zh', 'applicant');
  await h.screenEligibleAdultAndApply(APPLICANT, 'zh');
  const app = await h.db.application.findFirstOrThrow();
  await h.press(APPLICANT, { data: `v1:app:doc:${app.id}-identity-0` });
  await sendPhoto(APPLICANT, 'id-photo-1');
  // The rest: "I don't have it".
  for (const entry of ['household_register--1', 'income_proof-0', 'medical_bills--1', 'bank_account--1']) {
    await h.press(APPLICANT, { data: `v1:app:doc:${app.id}-${entry}` });
    await h.press(APPLICANT, { data: `v1:app:na:${app.id}-${entry}` });
  }
  await h.press(APPLICANT, { data: `v1:app:submit_yes:${app.id}` });
  const row = await h.db.application.findUniqueOrThrow({ where: { id: app.id } });
  expect(row.status).toBe('submitted');
  return { id: row.id, reference: row.reference };
}

const sentTo = (chatId: number) => h.calls.filter((c) => c.method === 'sendMessage' && c.payload.chat_id === chatId);
const hasButton = (data: string, chatId = STAFF) => h.sentMessages(chatId).some((m) => m.buttons.some((b) => b.callback_data === data));
const lastButtons = (chatId = STAFF) => h.lastMessage(chatId).buttons.map((b) => b.callback_data);

describe('caseworker console', () => {
  it('queue → assign → request a document → the applicant is told in Chinese and sends it → approve with a typed amount', async () => {
    const { id, reference } = await applicantSubmits();
    await h.onboard(STAFF, 'en');
    h.clearCalls();

    // The queue lists the case, with filter buttons by status and area.
    await h.send(STAFF, '/queue');
    expect(h.lastMessage(STAFF).text).toContain(reference);
    expect(lastButtons()).toEqual(
      expect.arrayContaining([
        'v1:case:q:all-all',
        'v1:case:q:submitted-all',
        'v1:case:q:under_review-all',
        'v1:case:q:needs_documents-all',
        'v1:case:q:all-urban',
        'v1:case:q:all-rural',
        `v1:case:open:${id}`,
      ]),
    );
    await h.press(STAFF, { data: 'v1:case:q:all-rural' });
    expect(h.lastMessage(STAFF).text).not.toContain(reference);
    await h.press(STAFF, { data: 'v1:case:q:submitted-urban' });
    expect(h.lastMessage(STAFF).text).toContain(reference);
    // By programme: eligible for the allowance, yes; for housing assistance, no.
    await h.press(STAFF, { data: 'v1:case:qp:submitted-urban' });
    expect(lastButtons()).toContain('v1:case:q:submitted-urban-p0');
    await h.press(STAFF, { data: 'v1:case:q:submitted-urban-p0' });
    expect(h.lastMessage(STAFF).text).toContain(reference);
    const housing = PROGRAMME_IDS.indexOf('housing_assistance');
    await h.press(STAFF, { data: `v1:case:q:submitted-urban-p${housing}` });
    expect(h.lastMessage(STAFF).text).not.toContain(reference);
    // By township: the applicant chose none, so the case is in no township's list.
    await h.press(STAFF, { data: 'v1:case:q:all-all-1' });
    expect(h.lastMessage(STAFF).text).not.toContain(reference);

    // The card: household, screening and checklist, with the caseworker's buttons.
    await h.press(STAFF, { data: `v1:case:open:${id}` });
    const card = h.lastMessage(STAFF);
    expect(card.text).toContain(reference);
    expect(card.text).toContain('✅');
    expect(card.text).toContain('➖');
    expect(card.buttons.map((b) => b.callback_data)).toEqual(
      expect.arrayContaining([
        `v1:case:assign:${id}`,
        `v1:case:approve:${id}`,
        `v1:case:reject:${id}`,
        `v1:case:rq:${id}-0`,
        `v1:case:files:${id}`,
        `v1:case:hist:${reference}`,
      ]),
    );

    // Assign to me: under review; the applicant hears of it in Chinese.
    await h.press(STAFF, { data: `v1:case:assign:${id}` });
    const staffUser = await h.db.user.findUniqueOrThrow({ where: { telegramId: BigInt(STAFF) } });
    expect(await h.db.application.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'under_review',
      assignedToId: staffUser.id,
    });
    const underReview = sentTo(APPLICANT).at(-1)!;
    expect(String(underReview.payload.text)).toContain(reference);
    expect(String(underReview.payload.text)).toBe(t('zh', 'casework.notify.under_review', { reference }));
    expect(String(underReview.payload.text)).toMatch(CJK);

    // The documents the applicant sent, re-sent to the caseworker by file id.
    await h.press(STAFF, { data: `v1:case:files:${id}` });
    const file = h.calls.find((c) => (c.method === 'sendPhoto' || c.method === 'sendDocument') && c.payload.chat_id === STAFF);
    expect(file?.payload).toMatchObject({ photo: 'id-photo-1' });

    // Request documents: tick the ID card (provided) and the bank passbook (unavailable), add a note, send.
    await h.press(STAFF, { data: `v1:case:rq:${id}-0` });
    const toggles = lastButtons().filter((d) => d?.startsWith(`v1:case:rq:${id}-`));
    expect(toggles).toHaveLength(5);
    await h.press(STAFF, { data: `v1:case:rq:${id}-1` }); // identity (item 0)
    await h.press(STAFF, { data: `v1:case:rq:${id}-11` }); // + bank passbook (item 4)
    expect(lastButtons()).toContain(`v1:case:rqs:${id}-11`);
    await h.press(STAFF, { data: `v1:case:note:${id}-d11` });
    await h.send(STAFF, 'Please send a clearer photo of the ID card.');
    expect(lastButtons()).toContain(`v1:case:rqs:${id}-11`);
    await h.press(STAFF, { data: `v1:case:rqs:${id}-11` });
    const requested = await h.db.application.findUniqueOrThrow({ where: { id } });
    expect(requested.status).toBe('needs_documents');
    expect(JSON.parse(requested.requestedDocuments!)).toEqual([
      { code: 'identity', memberIndex: 0 },
      { code: 'bank_account', memberIndex: -1 },
    ]);

    // The applicant's message: in Chinese, with the note and a button per requested document.
    const needs = sentTo(APPLICANT).at(-1)!;
    const needsText = String(needs.payload.text);
    expect(needsText).toContain(reference);
    expect(needsText).toContain(t('zh', 'documents.item.identity'));
    expect(needsText).toContain(t('zh', 'documents.item.bank_account'));
    expect(needsText).toContain('Please send a clearer photo of the ID card.');
    expect(needsText).toContain(t('zh', 'casework.notify.needs_documents', { reference }));
    expect(needsText.replace('Please send a clearer photo of the ID card.', '')).toMatch(CJK);
    expect(hasButton(`v1:app:doc:${id}-identity-0`, APPLICANT)).toBe(true);
    expect(hasButton(`v1:app:list:${id}`, APPLICANT)).toBe(true);

    // The applicant sends a new ID photo through the button.
    await h.press(APPLICANT, { data: `v1:app:doc:${id}-identity-0` });
    await sendPhoto(APPLICANT, 'id-photo-2');
    const identity = await h.db.applicationDocument.findFirstOrThrow({ where: { applicationId: id, item: 'identity' } });
    expect(identity.fileId).toBe('id-photo-2');

    // Approve: the screening's amount is offered; the caseworker types another one instead.
    await h.press(STAFF, { data: `v1:case:open:${id}` });
    await h.press(STAFF, { data: `v1:case:approve:${id}` });
    const suggested = lastButtons().find((d) => d?.startsWith(`v1:case:apy:${id}-`));
    // Amount, review interval (6 months for a town case) and start (today) travel in the button.
    expect(suggested).toMatch(new RegExp(`^v1:case:apy:${id}-[1-9]\\d*-6-t$`));
    await h.press(STAFF, { data: `v1:case:amt:${id}` });
    await h.send(STAFF, 'abc');
    expect(lastButtons()).toEqual([]); // asked again, nothing decided
    await h.send(STAFF, '1,500.50');
    expect(lastButtons()).toContain(`v1:case:apy:${id}-150050-6-t`);
    // Another interval and a start on the first of next month: the same screen, new choice.
    expect(lastButtons()).toContain(`v1:case:apv:${id}-150050-12-t`);
    await h.press(STAFF, { data: `v1:case:apv:${id}-150050-12-n` });
    expect(lastButtons()).toContain(`v1:case:apy:${id}-150050-12-n`);
    await h.press(STAFF, { data: `v1:case:apy:${id}-150050-12-n` });
    expect(await h.db.application.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'approved',
      approvedMonthlyMinor: 150050,
      decidedById: staffUser.id,
    });
    const approved = sentTo(APPLICANT).at(-1)!;
    expect(approved.payload.chat_id).toBe(APPLICANT);
    expect(String(approved.payload.text)).toContain(reference);
    expect(String(approved.payload.text)).toContain('1,500.50');
    expect(String(approved.payload.text)).toMatch(CJK);
    const nextMonth = addMonths(`${todayDate().slice(0, 8)}01`, 1);
    expect(await h.db.application.findUniqueOrThrow({ where: { id } })).toMatchObject({
      startDate: nextMonth,
      reviewIntervalMonths: 12,
      nextReviewDate: addMonths(nextMonth, 12),
    });
    // The recipient's review notice and monthly payment day, the caseworker's review day.
    const applicantRow = await h.db.user.findUniqueOrThrow({ where: { telegramId: BigInt(APPLICANT) } });
    const kinds = (await h.db.reminder.findMany({ where: { personId: applicantRow.id, status: 'pending' } })).map((r) => [r.kind, r.recurrence]);
    expect(kinds).toEqual(expect.arrayContaining([['review_due', null], ['payment_day', 'monthly']]));
    expect(await h.db.reminder.count({ where: { personId: staffUser.id, kind: 'review_due' } })).toBe(1);

    // Every change is in the history, by /audit and by the button.
    await h.send(STAFF, `/audit ${reference}`);
    const history = h.lastMessage(STAFF).text;
    expect(history).toContain(reference);
    const actions = (await h.db.auditEvent.findMany({ where: { subjectType: 'application', subjectId: String(id) } })).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'casework.assigned',
        'casework.review_started',
        'casework.documents_viewed',
        'casework.documents_requested',
        'casework.approved',
      ]),
    );
    await h.press(STAFF, { data: `v1:case:hist:${reference}` });
    expect(h.lastMessage(STAFF).text).toBe(history);
  });

  it('rejects with a reason; a colleague who decides the same case later is told it is already decided', async () => {
    const { id, reference } = await applicantSubmits();
    await h.onboard(STAFF, 'en');
    await h.onboard(COLLEAGUE, 'en');
    await h.db.user.update({ where: { telegramId: BigInt(COLLEAGUE) }, data: { staffRole: 'caseworker' } });

    await h.send(COLLEAGUE, '/queue');
    await h.press(COLLEAGUE, { data: `v1:case:open:${id}` });
    await h.press(COLLEAGUE, { data: `v1:case:approve:${id}` });

    await h.send(STAFF, '/queue');
    await h.press(STAFF, { data: `v1:case:open:${id}` });
    await h.press(STAFF, { data: `v1:case:reject:${id}` });
    expect(lastButtons()).toContain(`v1:case:rsn:${id}-savings_above_limit`);
    await h.press(STAFF, { data: `v1:case:rsn:${id}-savings_above_limit` });
    await h.press(STAFF, { data: `v1:case:rjy:${id}-savings_above_limit` });
    expect(await h.db.application.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'rejected',
      decisionReason: 'savings_above_limit',
    });
    const rejected = String(sentTo(APPLICANT).at(-1)!.payload.text);
    expect(rejected).toContain(reference);
    expect(rejected).toContain('/check');
    expect(rejected).toMatch(CJK);

    // The colleague's approval screen is still open: pressing it changes nothing.
    const applicantMessages = sentTo(APPLICANT).length;
    const approve = h.lastMessage(COLLEAGUE).buttons.find((b) => b.callback_data?.startsWith(`v1:case:apy:${id}-`))!;
    await h.press(COLLEAGUE, { data: approve.callback_data! });
    expect((await h.db.application.findUniqueOrThrow({ where: { id } })).status).toBe('rejected');
    expect(sentTo(APPLICANT)).toHaveLength(applicantMessages);
    const staffUser = await h.db.user.findUniqueOrThrow({ where: { telegramId: BigInt(STAFF) } });
    expect(h.lastMessage(COLLEAGUE).text).toContain(`#${staffUser.id}`);
  });

  it('refuses forged staff buttons and commands to an applicant and a donor, and changes nothing', async () => {
    const { id, reference } = await applicantSubmits();
    await h.onboard(DONOR, 'en', 'donor');
    const before = await h.db.application.findUniqueOrThrow({ where: { id } });
    const auditBefore = await h.db.auditEvent.count();
    h.clearCalls();

    const forged = [
      'v1:case:q:all-all',
      'v1:case:qp:all-all',
      `v1:case:open:${id}`,
      `v1:case:assign:${id}`,
      `v1:case:approve:${id}`,
      `v1:case:amt:${id}`,
      `v1:case:apy:${id}-100000-6-t`,
      `v1:case:apv:${id}-100000-3-n`,
      `v1:case:inv:${id}`,
      `v1:case:invs:${id}`,
      `v1:case:reject:${id}`,
      `v1:case:rsn:${id}-other`,
      `v1:case:rjy:${id}-other`,
      `v1:case:rq:${id}-1`,
      `v1:case:rqs:${id}-1`,
      `v1:case:note:${id}-rother`,
      `v1:case:files:${id}`,
      `v1:case:hist:${reference}`,
    ];
    for (const [who, lang] of [
      [APPLICANT, 'zh'],
      [DONOR, 'en'],
    ] as const) {
      const answersBefore = h.callsTo('answerCallbackQuery').length;
      for (const data of forged) await h.press(who, { data });
      const answers = h.callsTo('answerCallbackQuery').slice(answersBefore);
      expect(answers.map((c) => c.payload.text)).toEqual(Array(forged.length).fill(t(lang, 'casework.not_available')));
      await h.send(who, '/queue');
      expect(h.lastMessage(who).text).toBe(t(lang, 'casework.not_available'));
      await h.send(who, `/audit ${reference}`);
      expect(h.lastMessage(who).text).toBe(t(lang, 'casework.not_available'));
    }

    expect(await h.db.application.findUniqueOrThrow({ where: { id } })).toEqual(before);
    expect(await h.db.auditEvent.count()).toBe(auditBefore);
    expect(h.calls.filter((c) => c.method === 'sendPhoto' || c.method === 'sendDocument')).toEqual([]);
    expect(h.calls.filter((c) => c.method === 'editMessageText')).toEqual([]);
  });
});
