// Donations on a real database (SQLite, or PostgreSQL with TEST_DATABASE_URL): pledges and their
// instalments and reminders, reporting and confirming payments (once, even when confirmed twice at
// the same moment), the fund total, the overdue sweep, coordinators' rights, and the donor's data.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/db/index.js';
import {
  addFund,
  cancelPledge,
  changePledgeAmount,
  closeFund,
  confirmInstalment,
  createPledge,
  DEFAULT_PLEDGE_SETTINGS,
  fundProgress,
  listFunds,
  myPledge,
  myReceipt,
  overdueList,
  pausePledge,
  paymentsToConfirm,
  programmeOutcome,
  recordOfflineDonation,
  reportPaid,
  resumePledge,
  seedFunds,
  sweepPledges,
  type PledgeInput,
} from '../../../src/domain/donations/index.js';
import { erasePerson, exportPersonalData, registerConsent } from '../../../src/domain/people/people.js';
import type { StaffRole } from '../../../src/domain/people/roles.js';
import { createTestDb, type TestDb } from '../../helpers/db.js';
import { hardship, screen } from '../applications/support.js';

let testDb: TestDb;
let db: Db;
beforeAll(async () => {
  testDb = await createTestDb();
  db = testDb.db;
  await seedFunds(db, 'CNY');
});
afterAll(async () => {
  await testDb?.close();
});

let nextTelegramId = 7000;
async function person(opts: { staffRole?: StaffRole; firstName?: string; timeZone?: string } = {}): Promise<number> {
  const id = nextTelegramId++;
  const p = await registerConsent(db, { telegramId: id, chatId: id, language: 'en', firstName: opts.firstName ?? 'Mei', staffRole: opts.staffRole ?? null });
  if (opts.timeZone) await db.user.update({ where: { id: p.id }, data: { timeZone: opts.timeZone } });
  return p.id;
}

const NOW = new Date('2027-01-10T08:00:00Z');
const annualGift = (overrides: Partial<PledgeInput> = {}): PledgeInput => ({
  fundCode: 'childrens_home',
  amountMinor: 1_200_00,
  frequency: 'annual',
  startDate: '2027-01-20',
  anonymous: false,
  ...overrides,
});

async function fundTotal(code: string): Promise<number> {
  return (await db.fund.findUniqueOrThrow({ where: { code } })).totalMinor;
}

async function pledgeReminders(pledgeId: number) {
  return db.reminder.findMany({ where: { dedupeKey: { startsWith: `pledge:${pledgeId}:` } }, orderBy: { dueAt: 'asc' } });
}

let donor: number;
let coordinator: number;
beforeEach(async () => {
  donor = await person({ firstName: 'Mei' });
  coordinator = await person({ staffRole: 'coordinator', firstName: 'Lin' });
});

describe('funds', () => {
  it('are seeded once, with a name and description in every language', async () => {
    expect(await seedFunds(db, 'CNY')).toBe(0);
    const funds = await listFunds(db);
    expect(funds.map((f) => f.code)).toEqual(['temporary_relief', 'childrens_home', 'elderly_home', 'general']);
    for (const fund of funds) {
      expect(Object.keys(fund.names).sort()).toEqual(['ar', 'en', 'es', 'uk', 'zh']);
      expect(Object.keys(fund.descriptions).sort()).toEqual(['ar', 'en', 'es', 'uk', 'zh']);
      expect(fund.currency).toBe('CNY');
    }
    expect(funds[0]!.outcomeProgramme).toBe('temporary_assistance');
  });

  it('are added and closed by admins only; a closed fund takes no pledge', async () => {
    const admin = await person({ staffRole: 'admin' });
    expect(await addFund(db, coordinator, { code: 'winter_coats', targetMinor: 5_000_00, name: 'Winter coats', currency: 'CNY' })).toEqual({ ok: false, error: 'not_admin' });
    expect(await addFund(db, admin, { code: 'Bad Code', targetMinor: 5_000_00, name: 'x', currency: 'CNY' })).toEqual({ ok: false, error: 'invalid_code' });
    const added = await addFund(db, admin, { code: 'winter_coats', targetMinor: 5_000_00, name: 'Winter coats', currency: 'CNY' });
    expect(added.ok).toBe(true);
    expect(await addFund(db, admin, { code: 'winter_coats', targetMinor: 1, name: 'Again', currency: 'CNY' })).toEqual({ ok: false, error: 'exists' });
    expect(await closeFund(db, donor, 'winter_coats')).toEqual({ ok: false, error: 'not_admin' });
    expect((await closeFund(db, admin, 'winter_coats')).ok).toBe(true);
    expect(await closeFund(db, admin, 'winter_coats')).toEqual({ ok: false, error: 'already_closed' });
    expect(await createPledge(db, donor, annualGift({ fundCode: 'winter_coats' }), DEFAULT_PLEDGE_SETTINGS, NOW)).toEqual({ ok: false, error: 'fund_closed' });
    expect((await listFunds(db)).some((f) => f.code === 'winter_coats')).toBe(false);
  });
});

describe('making a pledge', () => {
  it('records it with a reference, its first instalment and reminders before, on and after the due day', async () => {
    const result = await createPledge(db, donor, annualGift({ dedication: '  In memory of my mother ' }), DEFAULT_PLEDGE_SETTINGS, NOW);
    if (!result.ok) throw new Error(result.error);
    const { pledge } = result;
    expect(pledge.reference).toMatch(/^PL-\d{4}-\d{6}$/);
    expect(pledge.currency).toBe('CNY');
    expect(pledge.dedication).toBe('In memory of my mother');
    expect(pledge.instalments.map((i) => [i.dueDate, i.amountMinor, i.status])).toEqual([['2027-01-20', 1_200_00, 'pending']]);
    const reminders = await pledgeReminders(pledge.id);
    // 10:00 UTC (the donor's zone) three days before, on the day, and three days after.
    expect(reminders.map((r) => [r.kind, r.dueAt.toISOString(), JSON.parse(r.payload).stage])).toEqual([
      ['pledge_instalment', '2027-01-17T10:00:00.000Z', 'before'],
      ['pledge_instalment', '2027-01-20T10:00:00.000Z', 'due'],
      ['pledge_instalment', '2027-01-23T10:00:00.000Z', 'gentle'],
    ]);
    expect(JSON.parse(reminders[0]!.payload)).toEqual({
      fund: 'childrens_home',
      amountMinor: 1_200_00,
      currency: 'CNY',
      instalmentId: pledge.instalments[0]!.id,
      date: '2027-01-20',
      stage: 'before',
    });
    // The audit keeps codes and amounts, never the dedication.
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'pledge.created', subjectId: String(pledge.id) } });
    expect(audit.details).not.toContain('mother');
  });

  it('times reminders in the donor’s zone, and reminds at once when the first payment is due today', async () => {
    const shanghai = await person({ timeZone: 'Asia/Shanghai' });
    const result = await createPledge(db, shanghai, annualGift({ startDate: '2027-01-10' }), DEFAULT_PLEDGE_SETTINGS, new Date('2027-01-10T05:00:00Z'));
    if (!result.ok) throw new Error(result.error);
    const reminders = await pledgeReminders(result.pledge.id);
    // Due today in Shanghai (13:00 there): the due-day reminder goes now; no "before" one.
    expect(reminders.map((r) => [JSON.parse(r.payload).stage, r.dueAt.toISOString()])).toEqual([
      ['due', '2027-01-10T05:00:00.000Z'],
      ['gentle', '2027-01-13T02:00:00.000Z'],
    ]);
  });

  it('refuses bad input', async () => {
    const refuse = (input: Partial<PledgeInput>) => createPledge(db, donor, annualGift(input), DEFAULT_PLEDGE_SETTINGS, NOW);
    expect(await refuse({ amountMinor: 0 })).toEqual({ ok: false, error: 'invalid_amount' });
    expect(await refuse({ amountMinor: 1.5 })).toEqual({ ok: false, error: 'invalid_amount' });
    expect(await refuse({ amountMinor: 1_000_000_01 })).toEqual({ ok: false, error: 'invalid_amount' });
    expect(await refuse({ frequency: 'weekly' as never })).toEqual({ ok: false, error: 'invalid_frequency' });
    expect(await refuse({ startDate: '2027-01-09' })).toEqual({ ok: false, error: 'invalid_start' });
    expect(await refuse({ startDate: '2028-02-30' })).toEqual({ ok: false, error: 'invalid_start' });
    expect(await refuse({ startDate: '2028-06-01' })).toEqual({ ok: false, error: 'invalid_start' });
    expect(await refuse({ endDate: '2027-01-19' })).toEqual({ ok: false, error: 'invalid_end' });
    expect(await refuse({ frequency: 'one_time', endDate: '2027-05-01' })).toEqual({ ok: false, error: 'invalid_end' });
    expect(await refuse({ dedication: 'x'.repeat(201) })).toEqual({ ok: false, error: 'dedication_too_long' });
    expect(await refuse({ fundCode: 'nope' })).toEqual({ ok: false, error: 'fund_not_found' });
    expect(await createPledge(db, 999_999, annualGift(), DEFAULT_PLEDGE_SETTINGS, NOW)).toEqual({ ok: false, error: 'not_found' });
    expect(await db.pledge.count({ where: { personId: donor } })).toBe(0);
  });

  it('generates monthly instalments ahead by the sweep, anchored to the 31st', async () => {
    const start = new Date('2027-01-25T08:00:00Z');
    const result = await createPledge(db, donor, annualGift({ frequency: 'monthly', startDate: '2027-01-31', amountMinor: 100_00 }), DEFAULT_PLEDGE_SETTINGS, start);
    if (!result.ok) throw new Error(result.error);
    // 45 days ahead of Jan 25: Jan 31 and Feb 28.
    expect(result.pledge.instalments.map((i) => i.dueDate).sort()).toEqual(['2027-01-31', '2027-02-28']);
    await sweepPledges(db, DEFAULT_PLEDGE_SETTINGS, new Date('2027-02-20T08:00:00Z'));
    await sweepPledges(db, DEFAULT_PLEDGE_SETTINGS, new Date('2027-02-20T08:00:00Z'));
    const later = await myPledge(db, donor, result.pledge.id);
    expect(later!.instalments.map((i) => i.dueDate).sort()).toEqual(['2027-01-31', '2027-02-28', '2027-03-31']);
  });
});

async function pledgeWithInstalment(input: Partial<PledgeInput> = {}, owner = donor) {
  const result = await createPledge(db, owner, annualGift(input), DEFAULT_PLEDGE_SETTINGS, NOW);
  if (!result.ok) throw new Error(result.error);
  return { pledge: result.pledge, instalment: result.pledge.instalments[0]! };
}

describe('paying an instalment', () => {
  it('goes reported → confirmed; the fund total moves once and the donor gets a receipt', async () => {
    const { pledge, instalment } = await pledgeWithInstalment();
    const before = await fundTotal('childrens_home');
    const reported = await reportPaid(db, donor, instalment.id, ' TX-889 ', NOW);
    expect(reported.ok && reported.instalment.status).toBe('reported');
    // The reminders stop: pending ones cancelled.
    expect((await pledgeReminders(pledge.id)).map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(await reportPaid(db, donor, instalment.id, 'again', NOW)).toEqual({ ok: false, error: 'not_open' });
    expect((await paymentsToConfirm(db, coordinator))!.some((i) => i.instalment.id === instalment.id && i.instalment.paymentReference === 'TX-889')).toBe(true);

    const confirmed = await confirmInstalment(db, coordinator, instalment.id, NOW);
    if (!confirmed.ok) throw new Error(confirmed.error);
    expect(confirmed.receipt).toMatchObject({
      receiptNumber: `${pledge.reference}-1`,
      pledgeReference: pledge.reference,
      amountMinor: 1_200_00,
      currency: 'CNY',
      dueDate: '2027-01-20',
      donorName: 'Mei',
    });
    expect(confirmed.receipt.fund.code).toBe('childrens_home');
    expect(await fundTotal('childrens_home')).toBe(before + 1_200_00);

    const again = await confirmInstalment(db, coordinator, instalment.id, NOW);
    expect(again).toMatchObject({ ok: false, error: 'already_confirmed', confirmedById: coordinator });
    expect(await fundTotal('childrens_home')).toBe(before + 1_200_00);
    expect(await db.auditEvent.count({ where: { action: 'pledge.instalment_confirmed', subjectId: String(pledge.id) } })).toBe(1);
    expect((await myReceipt(db, donor, instalment.id))?.receiptNumber).toBe(`${pledge.reference}-1`);
    expect(await myReceipt(db, coordinator, instalment.id)).toBeNull();
  });

  it('records two confirmations at the same moment once', async () => {
    const { instalment } = await pledgeWithInstalment({ fundCode: 'general', amountMinor: 300_00 });
    const other = await person({ staffRole: 'admin' });
    const before = await fundTotal('general');
    const results = await Promise.all([
      confirmInstalment(db, coordinator, instalment.id, NOW),
      confirmInstalment(db, other, instalment.id, NOW),
      confirmInstalment(db, coordinator, instalment.id, NOW),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error)).toEqual(['already_confirmed', 'already_confirmed']);
    expect(await fundTotal('general')).toBe(before + 300_00);
  });

  it('refuses a confirmation that would overflow the fund total, changing nothing', async () => {
    const admin = await person({ staffRole: 'admin' });
    await addFund(db, admin, { code: 'nearly_full', targetMinor: 1_000_00, name: 'Nearly full', currency: 'CNY' });
    await db.fund.update({ where: { code: 'nearly_full' }, data: { totalMinor: 1_999_999_000 } });
    const { instalment } = await pledgeWithInstalment({ fundCode: 'nearly_full', amountMinor: 100_00 });
    expect(await confirmInstalment(db, coordinator, instalment.id, NOW)).toEqual({ ok: false, error: 'total_overflow' });
    expect(await fundTotal('nearly_full')).toBe(1_999_999_000);
    expect((await db.pledgeInstalment.findUniqueOrThrow({ where: { id: instalment.id } })).status).toBe('pending');
  });

  it('shows the donor’s name on the receipt only when the pledge is not anonymous', async () => {
    const { instalment } = await pledgeWithInstalment({ anonymous: true });
    const confirmed = await confirmInstalment(db, coordinator, instalment.id, NOW);
    expect(confirmed.ok && confirmed.receipt.donorName).toBeNull();
    const listed = await paymentsToConfirm(db, coordinator);
    expect(listed!.every((i) => i.instalment.id !== instalment.id)).toBe(true);
  });

  it('completes a one-time pledge when its only instalment is confirmed', async () => {
    const { pledge, instalment } = await pledgeWithInstalment({ frequency: 'one_time' });
    await confirmInstalment(db, coordinator, instalment.id, NOW);
    expect((await myPledge(db, donor, pledge.id))!.status).toBe('completed');
  });

  it('is reported only by the donor', async () => {
    const { instalment } = await pledgeWithInstalment();
    const stranger = await person();
    expect(await reportPaid(db, stranger, instalment.id, 'TX', NOW)).toEqual({ ok: false, error: 'not_found' });
    expect(await reportPaid(db, donor, instalment.id, '   ', NOW)).toEqual({ ok: false, error: 'invalid_reference' });
    expect(await reportPaid(db, donor, instalment.id, 'x'.repeat(101), NOW)).toEqual({ ok: false, error: 'invalid_reference' });
  });
});

describe('coordinator actions', () => {
  it('are refused to donors and caseworkers, and allowed to coordinators and admins', async () => {
    const caseworker = await person({ staffRole: 'caseworker' });
    const admin = await person({ staffRole: 'admin' });
    const { instalment } = await pledgeWithInstalment();
    const before = await fundTotal('childrens_home');
    for (const actor of [donor, caseworker, 0, -1, 999_999]) {
      expect(await confirmInstalment(db, actor, instalment.id, NOW)).toEqual({ ok: false, error: 'not_coordinator' });
      expect(await recordOfflineDonation(db, actor, { fundCode: 'general', amountMinor: 100 })).toEqual({ ok: false, error: 'not_coordinator' });
      expect(await overdueList(db, actor)).toBeNull();
      expect(await paymentsToConfirm(db, actor)).toBeNull();
      expect(await fundProgress(db, actor)).toBeNull();
    }
    expect(await fundTotal('childrens_home')).toBe(before);
    expect(await overdueList(db, admin)).toEqual(expect.any(Array));
    expect(await fundProgress(db, coordinator)).toEqual(expect.any(Array));
    expect((await confirmInstalment(db, admin, instalment.id, NOW)).ok).toBe(true);
  });

  it('record offline donations, which move the fund total', async () => {
    const before = await fundTotal('elderly_home');
    const result = await recordOfflineDonation(db, coordinator, { fundCode: 'elderly_home', amountMinor: 5_000_00, reference: 'Book 12 / 7' });
    expect(result.ok && result.fund.totalMinor).toBe(before + 5_000_00);
    expect(await recordOfflineDonation(db, coordinator, { fundCode: 'elderly_home', amountMinor: 0 })).toEqual({ ok: false, error: 'invalid_amount' });
    expect(await recordOfflineDonation(db, coordinator, { fundCode: 'nope', amountMinor: 1 })).toEqual({ ok: false, error: 'fund_not_found' });
    const stats = await fundProgress(db, coordinator);
    expect(stats!.find((s) => s.fund.code === 'elderly_home')!.offlineMinor).toBeGreaterThanOrEqual(5_000_00);
  });
});

describe('overdue', () => {
  it('comes after the gentle reminder, once, and leaves reported and paid instalments alone', async () => {
    const late = await pledgeWithInstalment({ fundCode: 'general' });
    const reported = await pledgeWithInstalment({ fundCode: 'general' });
    await reportPaid(db, donor, reported.instalment.id, 'TX-1', NOW);
    const gentle = (await pledgeReminders(late.pledge.id)).find((r) => JSON.parse(r.payload).stage === 'gentle')!;
    // Due Jan 20; gentle reminder Jan 23; overdue from Jan 28 (7 days after).
    expect(gentle.dueAt.toISOString()).toBe('2027-01-23T10:00:00.000Z');
    await sweepPledges(db, DEFAULT_PLEDGE_SETTINGS, new Date('2027-01-27T12:00:00Z'));
    expect((await db.pledgeInstalment.findUniqueOrThrow({ where: { id: late.instalment.id } })).status).toBe('pending');

    const sweepAt = new Date('2027-01-28T00:30:00Z');
    const reports = await Promise.all([sweepPledges(db, DEFAULT_PLEDGE_SETTINGS, sweepAt), sweepPledges(db, DEFAULT_PLEDGE_SETTINGS, sweepAt)]);
    expect(reports.reduce((n, r) => n + r.overdue, 0)).toBeGreaterThanOrEqual(1);
    expect((await db.pledgeInstalment.findUniqueOrThrow({ where: { id: late.instalment.id } })).status).toBe('overdue');
    expect((await db.pledgeInstalment.findUniqueOrThrow({ where: { id: reported.instalment.id } })).status).toBe('reported');
    expect(await db.auditEvent.count({ where: { action: 'pledge.instalment_overdue', details: { contains: `"instalmentId":${late.instalment.id},` } } })).toBe(1);
    expect((await overdueList(db, coordinator))!.some((i) => i.instalment.id === late.instalment.id)).toBe(true);

    // An overdue instalment can still be paid and confirmed.
    expect((await reportPaid(db, donor, late.instalment.id, 'TX-late', NOW)).ok).toBe(true);
    expect((await confirmInstalment(db, coordinator, late.instalment.id, NOW)).ok).toBe(true);
  });

  it('follows the configured days', async () => {
    const { instalment } = await pledgeWithInstalment({ fundCode: 'general' });
    const settings = { remindDaysBefore: 1, gentleReminderDays: 1, overdueDays: 2 };
    await sweepPledges(db, settings, new Date('2027-01-22T12:00:00Z'));
    expect((await db.pledgeInstalment.findUniqueOrThrow({ where: { id: instalment.id } })).status).toBe('pending');
    await sweepPledges(db, settings, new Date('2027-01-23T12:00:00Z'));
    expect((await db.pledgeInstalment.findUniqueOrThrow({ where: { id: instalment.id } })).status).toBe('overdue');
  });
});

describe('the donor changes a pledge', () => {
  it('pauses (future instalments and reminders go), resumes (they come back), changes the amount and cancels', async () => {
    const monthlyNow = new Date('2027-01-10T08:00:00Z');
    const created = await createPledge(db, donor, annualGift({ frequency: 'monthly', startDate: '2027-01-31', amountMinor: 50_00 }), DEFAULT_PLEDGE_SETTINGS, monthlyNow);
    if (!created.ok) throw new Error(created.error);
    const id = created.pledge.id;
    expect(created.pledge.instalments).toHaveLength(1);
    const stranger = await person();
    expect(await pausePledge(db, stranger, id, monthlyNow)).toEqual({ ok: false, error: 'not_found' });

    const paused = await pausePledge(db, donor, id, monthlyNow);
    expect(paused.ok && paused.pledge.status).toBe('paused');
    expect(paused.ok && paused.pledge.instalments).toEqual([]);
    expect((await pledgeReminders(id)).every((r) => r.status === 'cancelled')).toBe(true);
    expect(await pausePledge(db, donor, id, monthlyNow)).toMatchObject({ ok: false, error: 'invalid_state' });

    const resumed = await resumePledge(db, donor, id, DEFAULT_PLEDGE_SETTINGS, new Date('2027-02-01T08:00:00Z'));
    if (!resumed.ok) throw new Error(resumed.error);
    // Jan 31 was skipped while paused; generated again up to 45 days ahead of Feb 1.
    expect(resumed.pledge.instalments.map((i) => i.dueDate).sort()).toEqual(['2027-02-28']);
    expect((await pledgeReminders(id)).filter((r) => r.status === 'pending').length).toBeGreaterThan(0);

    const changed = await changePledgeAmount(db, donor, id, 80_00);
    expect(changed.ok && changed.pledge.instalments.every((i) => i.amountMinor === 80_00)).toBe(true);
    for (const r of (await pledgeReminders(id)).filter((x) => x.status === 'pending')) expect(JSON.parse(r.payload).amountMinor).toBe(80_00);
    expect(await changePledgeAmount(db, donor, id, -5)).toEqual({ ok: false, error: 'invalid_amount' });

    const cancelled = await cancelPledge(db, donor, id);
    expect(cancelled.ok && cancelled.pledge.status).toBe('cancelled');
    expect(cancelled.ok && cancelled.pledge.instalments.every((i) => i.status === 'cancelled')).toBe(true);
    expect((await pledgeReminders(id)).some((r) => r.status === 'pending')).toBe(false);
    expect(await cancelPledge(db, donor, id)).toMatchObject({ ok: false, error: 'invalid_state' });
    expect(await confirmInstalment(db, coordinator, cancelled.ok ? cancelled.pledge.instalments[0]!.id : 0, NOW)).toEqual({ ok: false, error: 'not_confirmable' });
  });
});

describe('personal data', () => {
  it('exports pledges with their instalments, and erases them while the fund keeps what it received', async () => {
    const { instalment, pledge } = await pledgeWithInstalment({ fundCode: 'temporary_relief', dedication: 'For Grandma' });
    await reportPaid(db, donor, instalment.id, 'TX-42', NOW);
    await confirmInstalment(db, coordinator, instalment.id, NOW);
    const exported = await exportPersonalData(db, donor);
    expect(exported.pledges).toEqual([
      expect.objectContaining({
        reference: pledge.reference,
        fund: 'temporary_relief',
        dedication: 'For Grandma',
        instalments: [expect.objectContaining({ status: 'confirmed', paymentReference: 'TX-42', receiptNumber: `${pledge.reference}-1` })],
      }),
    ]);
    const total = await fundTotal('temporary_relief');
    await erasePerson(db, donor);
    expect(await db.pledge.count({ where: { id: pledge.id } })).toBe(0);
    expect(await db.pledgeInstalment.count({ where: { id: instalment.id } })).toBe(0);
    expect(await db.reminder.count({ where: { dedupeKey: { startsWith: `pledge:${pledge.id}:` } } })).toBe(0);
    expect(await fundTotal('temporary_relief')).toBe(total);
    const events = await db.auditEvent.findMany({ where: { subjectType: 'pledge', subjectId: String(pledge.id) } });
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(e.details).not.toMatch(/Grandma|TX-42|Mei/);
  });
});

describe('what a fund paid for', () => {
  it('counts approved applications for the programme this month and hides counts below five', async () => {
    const programme = 'temporary_assistance' as const;
    const month = new Date('2031-05-15T00:00:00Z');
    const screening = JSON.stringify(screen(hardship));
    expect(screen(hardship).results.find((r) => r.programme === programme)?.status).toBe('eligible');
    const applicant = await person();
    const add = (n: number, decidedAt: Date, status = 'approved') =>
      Promise.all(
        Array.from({ length: n }, (_, i) =>
          db.application.create({
            data: { reference: `T-${decidedAt.getTime()}-${status}-${i}`, personId: applicant, status, household: '{}', screening, area: 'urban', decidedAt },
          }),
        ),
      );
    await add(4, new Date('2031-05-03T00:00:00Z'));
    await add(3, new Date('2031-04-30T23:00:00Z'));
    await add(2, new Date('2031-05-04T00:00:00Z'), 'rejected');
    expect(await programmeOutcome(db, programme, month)).toEqual({ programme, month: '2031-05', fewerThan: 5 });
    await add(1, new Date('2031-05-31T23:59:00Z'));
    expect(await programmeOutcome(db, programme, month)).toEqual({ programme, month: '2031-05', count: 5 });
  });
});
