// Statistics on a real database (SQLite, or PostgreSQL with TEST_DATABASE_URL): households and
// persons by status, programme, area and township; the allowance total; drafts left out; the
// township filter; sections from other features as pluggable providers; staff rights; the public
// summary with its small counts hidden.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/db/index.js';
import { registerConsent } from '../../../src/domain/people/people.js';
import type { StaffRole } from '../../../src/domain/people/roles.js';
import type { QuestionnaireHousehold } from '../../../src/domain/questionnaire/index.js';
import {
  collectStatistics,
  DEFAULT_PROVIDERS,
  staffStatistics,
  statisticsCsv,
  transparencyCsv,
  transparencySummary,
} from '../../../src/domain/statistics/index.js';
import { createTestDb, type TestDb } from '../../helpers/db.js';
import { family, newcomers, screen, singleAdult, wellOff } from '../applications/support.js';

let testDb: TestDb;
let db: Db;
beforeAll(async () => {
  testDb = await createTestDb();
  db = testDb.db;
});
afterAll(async () => {
  await testDb?.close();
});
beforeEach(async () => {
  await db.application.deleteMany();
  await db.user.deleteMany();
});

let nextId = 7000;
async function person(staffRole: StaffRole | null = null, role: string | null = 'applicant'): Promise<number> {
  const id = nextId++;
  const p = await registerConsent(db, { telegramId: id, chatId: id, language: 'en', firstName: null, staffRole });
  if (role) await db.user.update({ where: { id: p.id }, data: { role } });
  return p.id;
}

let nextRef = 1;
async function application(h: QuestionnaireHousehold, status: string, opts: { township?: string | null; amount?: number } = {}) {
  const personId = await person();
  await db.application.create({
    data: {
      reference: `SN-2026-${String(nextRef++).padStart(6, '0')}`,
      personId,
      status,
      household: JSON.stringify(h),
      screening: JSON.stringify(screen(h)),
      area: h.area,
      township: opts.township ?? null,
      approvedMonthlyMinor: opts.amount ?? null,
    },
  });
}

const TOWNSHIPS = ['riverside', 'hillview', 'eastgate', 'lakeside'];

describe('collectStatistics', () => {
  it('counts households and persons by status, programme, area and township, and sums the allowance', async () => {
    await application(singleAdult, 'approved', { township: 'riverside', amount: 10_000 }); // 1 person, urban
    await application(family, 'approved', { township: 'riverside', amount: 50_000 }); // 4 persons, urban
    await application(newcomers, 'submitted', { township: 'hillview' }); // 2 persons, rural
    await application(wellOff, 'rejected'); // 1 person, urban, no township
    await application(family, 'draft', { township: 'riverside' }); // not counted

    const s = await collectStatistics(db, { townships: TOWNSHIPS });
    expect(s.applications.total).toEqual({ households: 4, persons: 8 });
    expect(s.applications.byStatus.approved).toEqual({ households: 2, persons: 5 });
    expect(s.applications.byStatus.submitted).toEqual({ households: 1, persons: 2 });
    expect(s.applications.byStatus.rejected).toEqual({ households: 1, persons: 1 });
    expect(s.applications.byStatus.withdrawn).toEqual({ households: 0, persons: 0 });
    expect(s.byArea).toEqual([
      { area: 'urban', tally: expect.objectContaining({ total: { households: 3, persons: 6 } }) },
      { area: 'rural', tally: expect.objectContaining({ total: { households: 1, persons: 2 } }) },
    ]);
    // Configured townships in their order (zeros included), "not recorded" last.
    expect(s.byTownship.map((t) => [t.township, t.tally.total.households])).toEqual([
      ['riverside', 2],
      ['hillview', 1],
      ['eastgate', 0],
      ['lakeside', 0],
      [null, 1],
    ]);
    // Programmes: every eligible result counts; the well-off household counts nowhere.
    const mla = s.byProgramme.find((p) => p.programme === 'minimum_living_allowance')!.tally;
    const eligibleForMla = [singleAdult, family, newcomers].filter((h) => screen(h).results.some((r) => r.programme === 'minimum_living_allowance' && r.status === 'eligible'));
    expect(mla.total.households).toBe(eligibleForMla.length);
    expect(s.byProgramme.map((p) => p.programme)).toHaveLength(8);
    expect(s.allowance).toEqual([{ currency: 'CNY', households: 2, persons: 5, monthlyMinor: 60_000 }]);
    // No fund yet: donations are available, and nothing has come in.
    expect(s.funds).toEqual({ available: true, value: { pledged: [], received: [] } });
    expect(s.volunteers).toEqual({ available: true, value: { active: 0 } });
    expect(s.unreadable).toBe(0);
    // A fund's running total is what was received.
    await db.fund.create({ data: { code: 'general', names: '{"en":"General"}', targetMinor: 1_000_000, totalMinor: 12_345, currency: 'CNY' } });
    expect((await collectStatistics(db, { townships: TOWNSHIPS })).funds).toEqual({
      available: true,
      value: { pledged: [], received: [{ currency: 'CNY', amountMinor: 12_345 }] },
    });
    await db.fund.deleteMany();
  });

  it('limits everything to one township when asked (the seam for staff scope)', async () => {
    await application(singleAdult, 'approved', { township: 'riverside', amount: 10_000 });
    await application(newcomers, 'submitted', { township: 'hillview' });
    const s = await collectStatistics(db, { township: 'hillview', townships: TOWNSHIPS });
    expect(s.township).toBe('hillview');
    expect(s.applications.total).toEqual({ households: 1, persons: 2 });
    expect(s.byTownship.map((t) => t.township)).toEqual(['hillview']);
    expect(s.allowance).toEqual([]);
  });

  it('counts an application whose household cannot be read, without persons, and says so', async () => {
    await application(singleAdult, 'submitted');
    await db.application.updateMany({ data: { household: '{"broken":' } });
    const s = await collectStatistics(db);
    expect(s.applications.total).toEqual({ households: 1, persons: 0 });
    expect(s.unreadable).toBe(1);
  });

  it('shows what a plugged-in provider reports for funds and volunteers', async () => {
    const s = await collectStatistics(db, {
      providers: {
        ...DEFAULT_PROVIDERS,
        funds: async () => ({ available: true, value: { pledged: [{ currency: 'CNY', amountMinor: 1_000_00 }], received: [] } }),
        volunteers: async (_db, scope) => ({ available: true, value: { active: scope.township ? 1 : 12 } }),
      },
    });
    expect(s.funds).toEqual({ available: true, value: { pledged: [{ currency: 'CNY', amountMinor: 100_000 }], received: [] } });
    expect(s.volunteers).toEqual({ available: true, value: { active: 12 } });
    const csv = statisticsCsv(s, (c) => c);
    expect(csv).toContain('funds,CNY,all,pledged,1000.00\r\n');
    expect(csv).toContain('volunteers,all,all,active,12\r\n');
  });
});

describe('staffStatistics', () => {
  it('is for every staff role, and nobody else', async () => {
    for (const staffRole of ['caseworker', 'coordinator', 'admin'] as const) {
      expect((await staffStatistics(db, await person(staffRole, null))).ok).toBe(true);
    }
    for (const role of ['applicant', 'volunteer', 'donor', null]) {
      expect(await staffStatistics(db, await person(null, role))).toEqual({ ok: false, error: 'not_staff' });
    }
    expect(await staffStatistics(db, 0)).toEqual({ ok: false, error: 'not_staff' });
    expect(await staffStatistics(db, 99_999_999)).toEqual({ ok: false, error: 'not_staff' });
  });
});

describe('the public transparency summary', () => {
  it('hides counts below 5 and one more where a hidden count could be worked out', async () => {
    for (let i = 0; i < 7; i++) await application(singleAdult, 'approved', { township: 'riverside', amount: 10_000 });
    for (let i = 0; i < 6; i++) await application(singleAdult, 'submitted', { township: 'riverside' });
    await application(newcomers, 'approved', { township: 'hillview', amount: 30_000 }); // a lone rural household

    const summary = await transparencySummary(db, { townships: TOWNSHIPS });
    expect(summary.applications.total).toBe(14);
    // approved 8, submitted 6, everything else 0: the zeros are hidden; they add up to 0, which
    // would give them away, so the smallest shown status (submitted, 6) is hidden as well.
    const status = Object.fromEntries(summary.applications.byStatus.map((s) => [s.status, s.households]));
    expect(status).toEqual({ submitted: null, under_review: null, needs_documents: null, approved: 8, rejected: null, withdrawn: null, ended: null });
    expect(summary.recipients.households).toBe(8);
    expect(summary.recipients.persons).toBe(9);
    // Rural: 1 household (hidden); urban 7 would reveal it from the total 8, so urban is hidden too.
    expect(summary.recipients.byArea).toEqual([
      { key: 'urban', households: null, persons: null },
      { key: 'rural', households: null, persons: null },
    ]);
    const riverside = summary.recipients.byTownship.find((t) => t.key === 'riverside')!;
    const hillview = summary.recipients.byTownship.find((t) => t.key === 'hillview')!;
    expect(hillview.households).toBeNull();
    expect(riverside.households).toBe(7);
    // Hillview (1) and the empty townships (0) are hidden together: not recoverable from 8 − 7.
    expect(summary.recipients.byTownship.filter((t) => t.households === null).length).toBeGreaterThan(1);
    expect(summary.allowance).toEqual([{ currency: 'CNY', monthlyMinor: 100_000 }]);

    const csv = transparencyCsv(summary, (c) => c[0]!.toUpperCase() + c.slice(1));
    expect(csv.split('\r\n')[0]).toBe('section,category,status,measure,value');
    expect(csv).toContain('township,Hillview,approved,households,<5\r\n');
    expect(csv).toContain('township,Riverside,approved,households,7\r\n');
    expect(csv).not.toContain('funds,all,all,pledged,not_available');
    // No values that could only come from one household: every number in it is 5 or more.
    const numbers = csv.split('\r\n').slice(1).filter(Boolean).map((line) => line.split(',').pop()!).filter((v) => /^\d+$/.test(v)).map(Number);
    expect(numbers.every((n) => n >= 5)).toBe(true);
  });

  it('hides the allowance total paid to fewer than 5 households', async () => {
    await application(singleAdult, 'approved', { amount: 10_000 });
    const summary = await transparencySummary(db);
    expect(summary.allowance).toEqual([{ currency: 'CNY', monthlyMinor: null }]);
    expect(summary.recipients.households).toBeNull();
  });
});
