// Donations in the chat, in-process: a donor (writing in Chinese) pledges an annual gift to a named
// fund, is reminded by the scheduler, reports it paid; the coordinator (an admin) confirms it, the
// donor receives a receipt (message and document), and the fund's total moves, once. Staff
// buttons forged by the donor change nothing. Amounts are read and written in the person's language.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { day, fundsScreen, progressBar, receiptDocument, receiptMessage } from '../../src/bot/views/donations.js';
import { seedFunds, type FundView, type Receipt } from '../../src/domain/donations/index.js';
import { formatMoney, t, translator } from '../../src/i18n.js';
import { silentLogger } from '../../src/logger.js';
import { ReminderScheduler } from '../../src/scheduler/index.js';
import { createHarness, type Harness } from '../helpers/bot-harness.js';

const STAFF = 900; // admin by configuration
const DONOR = 731; // writes in Chinese
const OTHER = 732;
let h: Harness;

beforeEach(async () => {
  h = await createHarness({ adminTelegramIds: [STAFF] });
  await seedFunds(h.db, 'CNY');
});
afterEach(async () => {
  await h.close();
});

/** The scheduler a day ahead, without quiet hours: whatever the hour, the first reminders are due. */
function scheduler(): ReminderScheduler {
  let now = new Date(Date.now() + 86_400_000);
  return new ReminderScheduler({
    db: h.db,
    provider: process.env.TEST_DATABASE_URL ? 'postgresql' : 'sqlite',
    sender: h.bot.api,
    logger: silentLogger,
    clock: { now: () => now, sleepUntil: async (ms: number) => void (now = new Date(Math.max(ms, now.getTime()))) },
    settings: { ratePerSecond: 1000, quietHours: null },
  });
}

const buttons = (chatId: number) => h.lastMessage(chatId).buttons.map((b) => b.callback_data);
const total = async (code: string) => (await h.db.fund.findUniqueOrThrow({ where: { code } })).totalMinor;
const documentsTo = (chatId: number) => h.callsTo('sendDocument').filter((c) => c.payload.chat_id === chatId);
const answers = () => h.callsTo('answerCallbackQuery').map((c) => c.payload.text);

async function pledgeAnnualGift(): Promise<{ id: number; reference: string; instalmentId: number }> {
  await h.onboard(DONOR, 'zh', 'donor');
  // The donor's menu leads to the pledge form too.
  expect(buttons(DONOR)).toContain('v1:pledge:start');
  await h.send(DONOR, '/pledge');
  expect(buttons(DONOR)).toContain('v1:pledge:fund:childrens_home');
  await h.press(DONOR, { data: 'v1:pledge:fund:childrens_home' });
  await h.send(DONOR, '1200,50');
  await h.press(DONOR, { data: 'v1:pledge:freq:annual' });
  await h.press(DONOR, { data: 'v1:pledge:start_on:today' });
  await h.press(DONOR, { data: 'v1:pledge:end:none' });
  await h.press(DONOR, { data: 'v1:pledge:anon:no' });
  await h.send(DONOR, '<b>纪念外婆</b>');
  const summary = h.lastMessage(DONOR).text;
  expect(summary).toContain('&lt;b&gt;纪念外婆&lt;/b&gt;');
  expect(summary).toContain(formatMoney('zh', 1200_50, 'CNY'));
  expect(summary).toContain(t('zh', 'donations.frequency.annual'));
  await h.press(DONOR, { data: 'v1:pledge:ok' });
  const pledge = await h.db.pledge.findFirstOrThrow({ include: { instalments: true } });
  expect(pledge).toMatchObject({ amountMinor: 1200_50, currency: 'CNY', frequency: 'annual', anonymous: false, dedication: '<b>纪念外婆</b>' });
  expect(pledge.instalments).toHaveLength(1);
  expect(h.sentMessages(DONOR).some((m) => m.text.includes(pledge.reference))).toBe(true);
  return { id: pledge.id, reference: pledge.reference, instalmentId: pledge.instalments[0]!.id };
}

describe('a donor’s annual gift, end to end in the chat', () => {
  it('is pledged, reminded, reported paid, confirmed once, receipted, and moves the fund total', async () => {
    await h.onboard(STAFF, 'en', 'volunteer');
    const before = await total('childrens_home');
    const pledge = await pledgeAnnualGift();

    // The calendar names the fund in the donor's language, not by its code.
    await h.send(DONOR, '/calendar');
    expect(h.lastMessage(DONOR).text).toContain('儿童福利院');
    expect(h.lastMessage(DONOR).text).not.toContain('childrens_home');

    // A second tap on Confirm finds no form: still one pledge.
    await h.press(DONOR, { data: 'v1:pledge:ok' });
    expect(await h.db.pledge.count()).toBe(1);

    // The due-day reminder: in Chinese, with the fund's Chinese name and an "I've paid" button.
    h.clearCalls();
    await scheduler().tick();
    const reminder = h.lastMessage(DONOR);
    expect(reminder.text).toContain('儿童福利院');
    expect(reminder.text).toContain(formatMoney('zh', 1200_50, 'CNY'));
    expect(reminder.buttons.map((b) => b.callback_data)).toContain(`v1:pledge:paid:${pledge.instalmentId}`);

    // Unpaid instalments reach coordinators through /overdue, not as one escalation per reminder.
    const sent = await h.db.reminder.findMany({ where: { status: 'sent', kind: 'pledge_instalment' } });
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((r) => r.escalationDueAt === null)).toBe(true);

    await h.press(DONOR, { data: `v1:pledge:paid:${pledge.instalmentId}` });
    expect(h.lastMessage(DONOR).text).toBe(t('zh', 'donations.paid.ask_reference'));
    await h.send(DONOR, 'ICBC-2027-0042');
    expect((await h.db.pledgeInstalment.findUniqueOrThrow({ where: { id: pledge.instalmentId } })).status).toBe('reported');
    // The coordinator hears of it.
    expect(h.lastMessage(STAFF).text).toBe(t('en', 'donations.staff.reported', { reference: pledge.reference }));

    // The donor forges the coordinator's button: nothing happens.
    await h.update({
      callback_query: {
        id: 'forged',
        chat_instance: 'x',
        from: { id: DONOR, is_bot: false, first_name: 'Mei' },
        data: `v1:don:confirm:${pledge.instalmentId}`,
        message: { message_id: 1, date: 0, chat: { id: DONOR, type: 'private', first_name: 'Mei' }, text: '' },
      },
    } as never);
    expect(answers()).toContain(t('zh', 'errors.stale_button'));
    expect((await h.db.pledgeInstalment.findUniqueOrThrow({ where: { id: pledge.instalmentId } })).status).toBe('reported');
    expect(await total('childrens_home')).toBe(before);

    await h.send(STAFF, '/donations');
    expect(buttons(STAFF)).toEqual([`v1:don:confirm:${pledge.instalmentId}`]);
    expect(h.lastMessage(STAFF).text).toContain('ICBC-2027-0042');
    await h.press(STAFF, { data: `v1:don:confirm:${pledge.instalmentId}` });
    expect(await total('childrens_home')).toBe(before + 1200_50);

    // The receipt: a document in Chinese with the reference, fund, amount and the donor's name.
    const [receipt] = documentsTo(DONOR);
    expect(receipt).toBeDefined();
    const body = String(receipt!.payload.multipart);
    expect(body).toContain(`receipt-${pledge.reference}-1.html`);
    expect(body).toContain(pledge.reference);
    expect(body).toContain('儿童福利院');
    expect(body).toContain(formatMoney('zh', 1200_50, 'CNY'));
    expect(body).toContain('Test'); // the donor's first name: the pledge is not anonymous
    expect(body).toContain(t('zh', 'donations.receipt.title'));

    // Confirming again records nothing more.
    await h.press(STAFF, { data: `v1:don:confirm:${pledge.instalmentId}` });
    expect(answers()).toContain(t('en', 'donations.staff.already_confirmed'));
    expect(await total('childrens_home')).toBe(before + 1200_50);
    expect(documentsTo(DONOR)).toHaveLength(1);

    // /funds shows the new total; /my_pledges the history and the receipt again.
    await h.send(DONOR, '/funds');
    expect(h.lastMessage(DONOR).text).toContain(formatMoney('zh', before + 1200_50, 'CNY'));
    await h.send(DONOR, '/my_pledges');
    await h.press(DONOR, { data: `v1:pledge:show:${pledge.id}` });
    expect(h.lastMessage(DONOR).text).toContain(t('zh', 'donations.instalment_status.confirmed'));
    // The next annual gift is a year after the first, on the same day.
    const first = (await h.db.pledgeInstalment.findUniqueOrThrow({ where: { id: pledge.instalmentId } })).dueDate;
    const nextYear = `${Number(first.slice(0, 4)) + 1}${first.slice(4)}`.replace(/-02-29$/, '-02-28');
    expect(h.lastMessage(DONOR).text).toContain(t('zh', 'donations.mine.next', { date: day('zh', nextYear) }));
    await h.press(DONOR, { data: `v1:pledge:receipt:${pledge.instalmentId}` });
    expect(documentsTo(DONOR)).toHaveLength(2);
  });

  it('keeps other people out of a donor’s pledge and staff commands', async () => {
    const pledge = await pledgeAnnualGift();
    await h.onboard(OTHER, 'es', 'donor');
    h.clearCalls();
    for (const data of [
      `v1:pledge:show:${pledge.id}`,
      `v1:pledge:paid:${pledge.instalmentId}`,
      `v1:pledge:receipt:${pledge.instalmentId}`,
      `v1:pledge:pause:${pledge.id}`,
      `v1:pledge:stop_yes:${pledge.id}`,
      `v1:pledge:amount:${pledge.id}`,
      `v1:don:confirm:${pledge.instalmentId}`,
      'v1:pledge:fund:no_such_fund',
      'v1:pledge:freq:annual',
    ]) {
      await h.update({
        callback_query: {
          id: data,
          chat_instance: 'x',
          from: { id: OTHER, is_bot: false, first_name: 'Lucía' },
          data,
          message: { message_id: 1, date: 0, chat: { id: OTHER, type: 'private', first_name: 'Lucía' }, text: '' },
        },
      } as never);
    }
    expect(answers().every((text) => text === t('es', 'errors.stale_button'))).toBe(true);
    expect(h.callsTo('answerCallbackQuery')).toHaveLength(9);
    expect(h.sentMessages(OTHER)).toEqual([]);
    for (const command of ['/donations', '/overdue', '/record_donation general 500', '/fund_close general']) {
      await h.send(OTHER, command);
      expect(h.lastMessage(OTHER).text).toBe(t('es', 'donations.staff.not_available'));
    }
    const row = await h.db.pledge.findUniqueOrThrow({ where: { id: pledge.id }, include: { instalments: true } });
    expect(row.status).toBe('active');
    expect(row.instalments[0]!.status).toBe('pending');
    expect((await h.db.fund.findUniqueOrThrow({ where: { code: 'general' } })).status).toBe('active');
  });

  it('lets the donor pause, resume, change the amount (typed the Ukrainian way) and cancel', async () => {
    await h.onboard(OTHER, 'uk', 'donor');
    await h.send(OTHER, '/pledge');
    await h.press(OTHER, { data: 'v1:pledge:fund:general' });
    await h.send(OTHER, 'сто'); // not a number
    expect(h.lastMessage(OTHER).text).toBe(t('uk', 'donations.form.bad_amount'));
    await h.send(OTHER, '1 000,50');
    await h.press(OTHER, { data: 'v1:pledge:freq:monthly' });
    await h.send(OTHER, '2020-01-01'); // in the past
    expect(h.lastMessage(OTHER).text).toBe(t('uk', 'donations.form.bad_date'));
    await h.press(OTHER, { data: 'v1:pledge:start_on:next_month' });
    await h.press(OTHER, { data: 'v1:pledge:end:none' });
    await h.press(OTHER, { data: 'v1:pledge:anon:yes' });
    await h.press(OTHER, { data: 'v1:pledge:ded:skip' });
    await h.press(OTHER, { data: 'v1:pledge:ok' });
    const pledge = await h.db.pledge.findFirstOrThrow();
    expect(pledge).toMatchObject({ amountMinor: 1000_50, frequency: 'monthly', anonymous: true, dedication: null });

    await h.press(OTHER, { data: `v1:pledge:pause:${pledge.id}` });
    expect((await h.db.pledge.findUniqueOrThrow({ where: { id: pledge.id } })).status).toBe('paused');
    await h.press(OTHER, { data: `v1:pledge:resume:${pledge.id}` });
    expect((await h.db.pledge.findUniqueOrThrow({ where: { id: pledge.id } })).status).toBe('active');
    await h.press(OTHER, { data: `v1:pledge:amount:${pledge.id}` });
    await h.send(OTHER, '2 500');
    expect((await h.db.pledge.findUniqueOrThrow({ where: { id: pledge.id } })).amountMinor).toBe(2500_00);
    await h.press(OTHER, { data: `v1:pledge:stop:${pledge.id}` });
    await h.press(OTHER, { data: `v1:pledge:stop_yes:${pledge.id}` });
    expect((await h.db.pledge.findUniqueOrThrow({ where: { id: pledge.id } })).status).toBe('cancelled');
    // A second tap on "Yes, cancel" changes nothing more and says so.
    await h.press(OTHER, { data: `v1:pledge:stop_yes:${pledge.id}` });
    expect(answers().at(-1)).toBe(t('uk', 'donations.error.invalid_state'));
  });

  it('lets a coordinator record an offline donation and see fund progress', async () => {
    await h.onboard(STAFF, 'es', 'volunteer');
    const before = await total('elderly_home');
    await h.send(STAFF, '/record_donation elderly_home 1.234,50 Libro-7');
    expect(await total('elderly_home')).toBe(before + 1234_50);
    // An amount written with a space keeps its thousands; the rest is the reference.
    await h.send(STAFF, '/record_donation elderly_home 1 000 Caja 12');
    expect(await total('elderly_home')).toBe(before + 2234_50);
    expect((await h.db.offlineDonation.findFirstOrThrow({ orderBy: { id: 'desc' } })).reference).toBe('Caja 12');
    await h.send(STAFF, '/record_donation elderly_home cero');
    expect(h.lastMessage(STAFF).text).toBe(t('es', 'donations.staff.record_error.invalid_amount'));
    await h.send(STAFF, '/funds');
    const text = h.lastMessage(STAFF).text;
    expect(text).toContain(t('es', 'donations.staff.progress_title'));
    expect(text).toContain(formatMoney('es', before + 2234_50, 'CNY'));
    // What the Temporary Relief Fund paid for, without personal data: a small count is hidden.
    expect(text).toContain(t('es', 'donations.funds.outcome_few', { number: '5', programme: t('es', 'screening.programme.temporary_assistance') }));
    expect(await h.db.offlineDonation.count()).toBe(2);
  });
});

const spaced = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('words for money and progress', () => {
  const fund: FundView = {
    id: 1,
    code: 'general',
    names: { en: 'General Fund', zh: '综合基金', es: 'Fondo General', ar: 'الصندوق العام', uk: 'Загальний фонд' },
    descriptions: {},
    targetMinor: 10_000_000_00,
    totalMinor: 3_456_789_12,
    currency: 'CNY',
    status: 'active',
    outcomeProgramme: null,
  };

  it('formats totals and targets the way each language writes money', () => {
    // Intl separates with no-break spaces where a language writes spaces; compare them as spaces.
    const raised = (lang: 'en' | 'zh' | 'es' | 'ar' | 'uk') => spaced(fundsScreen(translator(lang), lang, [fund], new Map()).text);
    expect(raised('en')).toContain('Raised ¥3,456,789.12 of ¥10,000,000.00');
    expect(raised('zh')).toContain('已筹 ¥3,456,789.12，目标 ¥10,000,000.00');
    expect(raised('es')).toContain('Recaudado 3.456.789,12 ¥ de 10.000.000,00 ¥');
    expect(raised('uk')).toContain('Зібрано 3 456 789,12 ¥ з 10 000 000,00 ¥');
    expect(raised('ar')).toContain('3,456,789.12');
    expect(raised('ar')).toContain('الصندوق العام');
  });

  it('draws a ten-cell progress bar that never overflows', () => {
    expect(progressBar('en', 3_456_789_12, 10_000_000_00)).toBe('▓▓▓░░░░░░░ 34%');
    expect(progressBar('en', 0, 100)).toBe('░░░░░░░░░░ 0%');
    expect(progressBar('en', 250, 100)).toBe('▓▓▓▓▓▓▓▓▓▓ 100%');
    expect(progressBar('uk', 99, 100)).toBe('▓▓▓▓▓▓▓▓▓░ 99%');
  });

  it('writes an anonymous receipt without a name, right to left in Arabic', () => {
    const receipt: Receipt = {
      receiptNumber: 'PL-2027-000001-1',
      pledgeReference: 'PL-2027-000001',
      fund,
      amountMinor: 500_00,
      currency: 'CNY',
      frequency: 'annual',
      dueDate: '2027-01-20',
      confirmedAt: new Date('2027-01-21T09:00:00Z'),
      donorName: null,
      dedication: null,
    };
    const doc = receiptDocument('ar', receipt, 'UTC').content.toString('utf8');
    expect(doc).toContain('dir="rtl"');
    expect(doc).toContain(t('ar', 'donations.anonymous'));
    expect(receiptMessage('en', { ...receipt, donorName: '<Mei>' }, 'UTC')).toContain('&lt;Mei&gt;');
    expect(spaced(receiptMessage('es', receipt, 'UTC'))).toContain('Importe: 500,00 ¥');
  });
});
