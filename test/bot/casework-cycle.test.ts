// The caseworker console's second half in chat: staff invitations, the re-review of an approved
// case (the recipient updates their answers from the reminder, the caseworker adjusts the
// amount, the recipient is told in their language), standards by date, the investigation note,
// and every staff button and command refused to each kind of non-staff person.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decide, submitReviewUpdate } from '../../src/domain/casework/index.js';
import { saveDraft, submitApplication } from '../../src/domain/applications/index.js';
import { formatMoney, t } from '../../src/i18n.js';
import { renderReminder } from '../../src/bot/views/reminders.js';
import { parsePayload } from '../../src/domain/reminders/index.js';
import { screen, singleAdult } from '../domain/applications/support.js';
import { casePeople } from '../domain/casework/support.js';
import { createHarness, type Harness } from '../helpers/bot-harness.js';

const ADMIN = 900; // admin by configuration
const APPLICANT = 730; // writes in Spanish
const NEWCOMER = 731;
const CJK = /[\u4e00-\u9fff]/;
const money = (minor: number, lang: 'en' | 'es' = 'en') => formatMoney(lang, minor, 'CNY');

let h: Harness;
beforeEach(async () => {
  h = await createHarness({ adminTelegramIds: [ADMIN] });
});
afterEach(async () => {
  await h.close();
});

const userId = async (telegramId: number) => (await h.db.user.findUniqueOrThrow({ where: { telegramId: BigInt(telegramId) } })).id;
const lastButtons = (chatId: number) => h.lastMessage(chatId).buttons.map((b) => b.callback_data);
const lastTextTo = (chatId: number) => String(h.calls.filter((c) => c.method === 'sendMessage' && c.payload.chat_id === chatId).at(-1)?.payload.text ?? '');

/** An applicant (chat APPLICANT, Spanish) whose application the admin approved at 100.00 a month. */
async function approvedCase(): Promise<{ id: number; reference: string; applicantId: number; adminId: number }> {
  await h.onboard(APPLICANT, 'es', 'applicant');
  await h.onboard(ADMIN, 'en');
  const applicantId = await userId(APPLICANT);
  const adminId = await userId(ADMIN);
  const saved = await saveDraft(h.db, applicantId, singleAdult, screen(singleAdult));
  if (!saved.ok) throw new Error(saved.error);
  await casePeople(() => h.db, 50_000).completeChecklist(applicantId, saved.application);
  const submitted = await submitApplication(h.db, applicantId, saved.application.id);
  if (!submitted.ok) throw new Error(submitted.error);
  const approved = await decide(h.db, adminId, saved.application.id, { kind: 'approve', monthlyAmountMinor: 10_000 });
  expect(approved.ok).toBe(true);
  return { id: saved.application.id, reference: saved.application.reference, applicantId, adminId };
}

describe('staff invitations in chat', () => {
  it('the admin invites a caseworker for one township; the code works once; the new caseworker sees only that township', async () => {
    await h.onboard(ADMIN, 'en');
    await h.onboard(NEWCOMER, 'zh', 'volunteer');
    await h.send(ADMIN, '/invite');
    expect(h.lastMessage(ADMIN).text).toContain('/invite caseworker');
    await h.send(ADMIN, '/invite wizard');
    expect(h.sentMessages(ADMIN).at(-2)!.text).toBe(t('en', 'staff.invite.error.invalid_role'));
    await h.send(ADMIN, '/invite caseworker Hillview');
    const code = /\/join ([A-Z2-9]{5}-[A-Z2-9]{5})/.exec(h.lastMessage(ADMIN).text)?.[1];
    expect(code).toBeDefined();

    await h.send(NEWCOMER, `/join ${code}`);
    expect(h.sentMessages(NEWCOMER).at(-2)!.text).toMatch(CJK);
    expect(await h.db.user.findUniqueOrThrow({ where: { telegramId: BigInt(NEWCOMER) } })).toMatchObject({ staffRole: 'caseworker', staffTownships: 'hillview' });
    await h.send(NEWCOMER, `/join ${code}`);
    expect(h.lastMessage(NEWCOMER).text).toBe(t('zh', 'staff.join.error.invalid_code'));

    // /staff lists both, with a Remove button for the caseworker only.
    await h.send(ADMIN, '/staff');
    const newcomerId = await userId(NEWCOMER);
    expect(lastButtons(ADMIN)).toEqual([`v1:staff:rm:${newcomerId}`]);
    await h.press(ADMIN, { data: `v1:staff:rm:${newcomerId}` });
    await h.press(ADMIN, { data: `v1:staff:rmy:${newcomerId}` });
    expect((await h.db.user.findUniqueOrThrow({ where: { telegramId: BigInt(NEWCOMER) } })).staffRole).toBeNull();
    const actions = (await h.db.auditEvent.findMany({ where: { action: { startsWith: 'staff.' } } })).map((e) => e.action);
    expect(actions).toEqual(['staff.invited', 'staff.joined', 'staff.removed']);
  });
});

describe('re-review in chat', () => {
  it('the recipient updates their answers from the review reminder; the caseworker adjusts; the recipient is told in Spanish', async () => {
    const { id, reference, applicantId } = await approvedCase();

    // The review reminder, as the scheduler will render it, carries "Update my answers".
    const reminder = await h.db.reminder.findFirstOrThrow({ where: { personId: applicantId, kind: 'review_due' } });
    const message = renderReminder('es', { id: reminder.id, kind: reminder.kind, payload: parsePayload(reminder.payload) }, { timeZone: 'UTC' });
    expect(message.keyboard!.inline_keyboard[0]![0]).toMatchObject({ text: t('es', 'reminders.button.update_answers'), callback_data: `v1:scr:upd:${id}` });

    await h.press(APPLICANT, { data: `v1:scr:upd:${id}` });
    expect(h.sentMessages(APPLICANT).at(-2)!.text).toContain(reference);
    // The review screen with the stored answers: change the income to 350, see results, send.
    expect(h.lastMessage(APPLICANT).text).toContain(money(30_000, 'es'));
    const member = h.lastMessage(APPLICANT).buttons.find((b) => b.callback_data?.startsWith('v1:scr:member:'))!;
    await h.press(APPLICANT, { data: member.callback_data! });
    const income = h.lastMessage(APPLICANT).buttons.find((b) => b.callback_data?.includes('monthlyIncome'))!;
    await h.press(APPLICANT, { data: income.callback_data! });
    await h.send(APPLICANT, '350');
    await h.press(APPLICANT, t('es', 'screening.button.results'));
    await h.press(APPLICANT, t('es', 'screening.button.send_update'));
    expect(h.lastMessage(APPLICANT).text).toBe(t('es', 'screening.update.sent', { reference }));
    // The caseworker (the admin who approved) hears of it.
    expect(lastTextTo(ADMIN)).toBe(t('en', 'screening.update.staff_notice', { reference }));

    // /reviews lists nothing due yet (the review is months away); the case opens from the notice.
    await h.send(ADMIN, '/reviews');
    expect(h.lastMessage(ADMIN).text).toContain(t('en', 'reviews.list.empty'));
    await h.press(ADMIN, { data: `v1:rev:open:${id}` });
    expect(h.lastMessage(ADMIN).text).toContain(t('en', 'reviews.card.update', { amount: money(5_000) }).slice(0, 30));
    expect(lastButtons(ADMIN)).toEqual(expect.arrayContaining([`v1:rev:cont:${id}-0`, `v1:rev:ady:${id}-0-5000`, `v1:rev:end:${id}-0`]));
    await h.press(ADMIN, { data: `v1:rev:ady:${id}-0-5000` });
    expect(await h.db.application.findUniqueOrThrow({ where: { id } })).toMatchObject({ approvedMonthlyMinor: 5_000, reviewCount: 1, reviewHousehold: null });
    expect(lastTextTo(APPLICANT)).toContain(reference);
    expect(lastTextTo(APPLICANT)).toContain(money(5_000, 'es'));

    // The same button again (a double tap, or a colleague's old screen): refused, nothing changes.
    await h.press(ADMIN, { data: `v1:rev:cont:${id}-0` });
    expect(h.callsTo('answerCallbackQuery').at(-1)!.payload.text).toBe(t('en', 'reviews.error.already_reviewed'));
    expect((await h.db.application.findUniqueOrThrow({ where: { id } })).reviewCount).toBe(1);

    // Ending it: a reason, and the recipient is told why.
    await h.press(ADMIN, { data: `v1:rev:end:${id}-1` });
    await h.press(ADMIN, { data: `v1:rev:eny:${id}-1-not_resident` });
    expect((await h.db.application.findUniqueOrThrow({ where: { id } })).status).toBe('ended');
    expect(lastTextTo(APPLICANT)).toContain(t('es', 'casework.notify.reason.not_resident'));
    expect(await h.db.reminder.count({ where: { personId: applicantId, status: 'pending' } })).toBe(0);
    await h.send(APPLICANT, '/status');
    expect(h.lastMessage(APPLICANT).text).toContain(t('es', 'application.status.ended'));
  });

  it('an investigation note with verified income shows the recalculated allowance', async () => {
    const { id } = await approvedCase();
    await h.press(ADMIN, { data: `v1:case:inv:${id}` });
    await h.send(ADMIN, 'Home visit: pay slip shows 380 a month.');
    await h.send(ADMIN, 'lots');
    expect(h.lastMessage(ADMIN).text).toBe(t('en', 'casework.approve.bad_amount'));
    await h.send(ADMIN, '380');
    await h.press(ADMIN, { data: `v1:case:invs:${id}` }); // medical costs: not verified
    const saved = h.lastMessage(ADMIN).text;
    expect(saved).toContain('Home visit');
    expect(saved).toContain(money(2_000)); // 400 − 380
    const note = await h.db.caseNote.findFirstOrThrow({ where: { applicationId: id } });
    expect(note).toMatchObject({ verifiedIncomeMinor: 38_000, verifiedMedicalMinor: null });
  });
});

describe('standards in chat', () => {
  it('the admin adds a standard by date and sees the affected cases; a caseworker cannot', async () => {
    const { reference } = await approvedCase();
    await h.send(ADMIN, '/standard urban 450 2030-01-01');
    const reply = h.lastMessage(ADMIN).text;
    expect(reply).toContain(reference);
    expect(reply).toContain(`${money(10_000)} → ${money(15_000)}`);
    await h.send(ADMIN, '/standard urban 450 2030-01-01');
    expect(h.lastMessage(ADMIN).text).toBe(t('en', 'standards.error.already_exists'));
    await h.send(ADMIN, '/standard urban 450 1/1/2030');
    expect(h.sentMessages(ADMIN).at(-2)!.text).toBe(t('en', 'standards.error.invalid_date'));
    await h.send(ADMIN, '/standards');
    expect(h.lastMessage(ADMIN).text).toContain(money(45_000));

    await h.onboard(NEWCOMER, 'en');
    await h.db.user.update({ where: { telegramId: BigInt(NEWCOMER) }, data: { staffRole: 'caseworker' } });
    await h.send(NEWCOMER, '/standard rural 300 2030-01-01');
    expect(h.lastMessage(NEWCOMER).text).toBe(t('en', 'casework.not_available'));
    expect(await h.db.livingStandard.count()).toBe(1);
  });
});

describe('authorisation of every staff action', () => {
  it('refuses each staff button and command to an applicant, a volunteer, a donor and a person with no role, changing nothing', async () => {
    const { id, reference, applicantId } = await approvedCase();
    await submitReviewUpdate(h.db, applicantId, singleAdult, screen(singleAdult));
    const people = [
      [APPLICANT, 'es'],
      [801, 'zh'],
      [802, 'ar'],
      [803, 'uk'],
    ] as const;
    await h.onboard(801, 'zh', 'volunteer');
    await h.onboard(802, 'ar', 'donor');
    await h.onboard(803, 'uk');
    const adminId = await userId(ADMIN);
    const before = await h.db.application.findUniqueOrThrow({ where: { id } });
    const auditBefore = await h.db.auditEvent.count();
    const buttons = [
      'v1:case:q:all-all-0',
      `v1:case:open:${id}`,
      `v1:case:apv:${id}-100-3-t`,
      `v1:case:apy:${id}-100-3-t`,
      `v1:case:inv:${id}`,
      `v1:case:invs:${id}`,
      `v1:rev:open:${id}`,
      `v1:rev:cont:${id}-0`,
      `v1:rev:adj:${id}-0`,
      `v1:rev:ady:${id}-0-1`,
      `v1:rev:end:${id}-0`,
      `v1:rev:eny:${id}-0-other`,
      `v1:staff:rm:${adminId}`,
      `v1:staff:rmy:${adminId}`,
      'v1:staff:list',
    ];
    const commands = ['/queue', '/reviews', `/audit ${reference}`, '/invite admin', '/staff', '/standard urban 1 2030-01-01', '/standards'];
    for (const [who, lang] of people) {
      const answersBefore = h.callsTo('answerCallbackQuery').length;
      for (const data of buttons) await h.press(who, { data });
      const answers = h.callsTo('answerCallbackQuery').slice(answersBefore).map((c) => c.payload.text);
      expect(answers).toEqual(Array(buttons.length).fill(t(lang, 'casework.not_available')));
      for (const command of commands) {
        await h.send(who, command);
        expect(h.lastMessage(who).text, `${command} as ${who}`).toBe(t(lang, 'casework.not_available'));
      }
    }
    expect(await h.db.application.findUniqueOrThrow({ where: { id } })).toEqual(before);
    expect(await h.db.auditEvent.count()).toBe(auditBefore);
    expect(await h.db.staffInvite.count()).toBe(0);
    expect(await h.db.livingStandard.count()).toBe(0);
    expect((await h.db.user.findUniqueOrThrow({ where: { id: adminId } })).staffRole).toBe('admin');
  });
});

describe('unchanged edits', () => {
  it('pressing the choice already shown (Telegram: "message is not modified") is not an error', async () => {
    const { id } = await approvedCase();
    await h.press(ADMIN, { data: `v1:case:open:${id}` });
    h.failWith('editMessageText', 400, 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same');
    const before = h.sentMessages(ADMIN).length;
    await h.press(ADMIN, { data: `v1:case:open:${id}` });
    // No apology: the screen is already what it should be.
    expect(h.sentMessages(ADMIN).slice(before).map((m) => m.text)).not.toContain(t('en', 'errors.apology'));
    expect(h.callsTo('answerCallbackQuery').at(-1)!.payload.text).toBeUndefined();
  });
});
