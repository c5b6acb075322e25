// Named funds: seeding, the public list with totals against targets, what a fund has paid for
// (anonymous counts), and the admin's add and close. Names and descriptions are data, per language.
import { readFileSync } from 'node:fs';
import type { Db, DbTx } from '../../db/index.js';
import { readScreening } from '../applications/stored.js';
import { recordAudit } from '../audit/audit.js';
import { PROGRAMME_IDS, type ProgrammeId } from '../screening/index.js';
import { transaction } from '../transaction.js';
import { coordinatorRoleOf, isAdmin } from './access.js';

export const FUND_STATUSES = ['active', 'closed'] as const;
export type FundStatus = (typeof FUND_STATUSES)[number];

/** Lower-case letters, digits and underscores: it travels in commands, buttons and reminder payloads. */
export const FUND_CODE = /^[a-z][a-z0-9_]{1,29}$/;
export const MAX_FUND_NAME = 80;
/** Fund targets and totals are 32-bit integers of minor units in the database. */
export const MAX_TARGET_MINOR = 2_000_000_000;
/** Counts of people helped below this are shown as "fewer than" it: small numbers identify people. */
export const SMALL_COUNT = 5;

/** Text per language code; `pick` falls back to English, then to any language present. */
export type Localized = Readonly<Record<string, string>>;

export function pick(texts: Localized, lang: string): string {
  return texts[lang] ?? texts.en ?? Object.values(texts)[0] ?? '';
}

function readLocalized(json: string): Localized {
  try {
    const value: unknown = JSON.parse(json);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

export interface FundView {
  id: number;
  code: string;
  names: Localized;
  descriptions: Localized;
  targetMinor: number;
  totalMinor: number;
  currency: string;
  status: FundStatus;
  outcomeProgramme: ProgrammeId | null;
}

type FundRow = NonNullable<Awaited<ReturnType<Db['fund']['findFirst']>>>;

export function fundView(row: FundRow): FundView {
  return {
    id: row.id,
    code: row.code,
    names: readLocalized(row.names),
    descriptions: readLocalized(row.descriptions),
    targetMinor: row.targetMinor,
    totalMinor: row.totalMinor,
    currency: row.currency,
    status: row.status === 'closed' ? 'closed' : 'active',
    outcomeProgramme: isProgrammeId(row.outcomeProgramme) ? row.outcomeProgramme : null,
  };
}

function isProgrammeId(value: unknown): value is ProgrammeId {
  return typeof value === 'string' && (PROGRAMME_IDS as readonly string[]).includes(value);
}

// --- Seeding ---------------------------------------------------------------------------------

interface SeedFund {
  code: string;
  targetMinor: number;
  outcomeProgramme: string | null;
  names: Record<string, string>;
  descriptions: Record<string, string>;
}

export function seedFundsFile(): SeedFund[] {
  const file = new URL('./funds.json', import.meta.url);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { funds: SeedFund[] };
  return parsed.funds;
}

/**
 * Creates the funds of funds.json that do not exist yet; funds already there (and admins'
 * changes to them) are left alone, so it runs at every start. Returns how many were created.
 */
export async function seedFunds(db: Db, currency: string, funds: readonly SeedFund[] = seedFundsFile()): Promise<number> {
  let created = 0;
  for (const [position, fund] of funds.entries()) {
    if (!FUND_CODE.test(fund.code)) throw new Error(`funds.json: bad fund code ${JSON.stringify(fund.code)}`);
    const exists = await db.fund.findUnique({ where: { code: fund.code }, select: { id: true } });
    if (exists) continue;
    try {
      await db.$transaction(async (tx) => {
        await tx.fund.create({
          data: {
            code: fund.code,
            names: JSON.stringify(fund.names),
            descriptions: JSON.stringify(fund.descriptions),
            targetMinor: fund.targetMinor,
            currency,
            outcomeProgramme: fund.outcomeProgramme,
            position,
          },
        });
        await recordAudit(tx, { actorId: null, action: 'fund.seeded', subjectType: 'fund', subjectId: fund.code });
      });
      created++;
    } catch (err) {
      // Another instance seeded it at the same moment.
      if ((err as { code?: unknown }).code !== 'P2002') throw err;
    }
  }
  return created;
}

// --- Reading ---------------------------------------------------------------------------------

export async function listFunds(db: Db | DbTx, options: { includeClosed?: boolean } = {}): Promise<FundView[]> {
  const rows = await db.fund.findMany({
    where: options.includeClosed ? {} : { status: 'active' },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
  });
  return rows.map(fundView);
}

export async function findFund(db: Db | DbTx, code: string): Promise<FundView | null> {
  if (typeof code !== 'string' || !FUND_CODE.test(code)) return null;
  const row = await db.fund.findUnique({ where: { code } });
  return row ? fundView(row) : null;
}

/** Fund names by code, for reminders put into words at send time. */
export async function fundNames(db: Db, codes: readonly string[]): Promise<Map<string, Localized>> {
  const wanted = [...new Set(codes.filter((c) => FUND_CODE.test(c)))];
  if (wanted.length === 0) return new Map();
  const rows = await db.fund.findMany({ where: { code: { in: wanted } }, select: { code: true, names: true } });
  return new Map(rows.map((r) => [r.code, readLocalized(r.names)]));
}

/** Whole percent of the target reached, 0–100 (a fund past its target shows 100). */
export function percentOf(totalMinor: number, targetMinor: number): number {
  if (targetMinor <= 0) return 0;
  return Math.min(100, Math.floor((totalMinor * 100) / targetMinor));
}

/** How many households the fund's programme helped this month, without personal data. */
export type Outcome =
  | { programme: ProgrammeId; month: string; count: number }
  | { programme: ProgrammeId; month: string; fewerThan: number };

/** UTC month `YYYY-MM` and its bounds. */
function monthOf(now: Date): { month: string; from: Date; to: Date } {
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { month: from.toISOString().slice(0, 7), from, to };
}

function eligibleFor(row: { id: number; screening: string }, programme: ProgrammeId): boolean {
  try {
    return readScreening(row.id, row.screening).results.some((x) => x.programme === programme && x.status === 'eligible');
  } catch {
    // A stored screening that no longer reads (an old format) is not counted rather than
    // taking /funds down; casework reports it where it matters.
    return false;
  }
}

/**
 * Applications approved this month whose screening found the household eligible for the
 * programme. Counts below SMALL_COUNT are reported as "fewer than": a count of 1 in a small
 * township points at a family.
 */
export async function programmeOutcome(db: Db, programme: ProgrammeId, now = new Date()): Promise<Outcome> {
  const { month, from, to } = monthOf(now);
  const rows = await db.application.findMany({
    where: { status: 'approved', decidedAt: { gte: from, lt: to } },
    select: { id: true, screening: true },
  });
  const count = rows.filter((r) => eligibleFor(r, programme)).length;
  return count < SMALL_COUNT ? { programme, month, fewerThan: SMALL_COUNT } : { programme, month, count };
}

export interface FundStats {
  fund: FundView;
  activePledges: number;
  awaitingConfirmation: number;
  overdue: number;
  offlineMinor: number;
}

/** Coordinators' view of every fund (closed ones too); null when the actor is not a coordinator. */
export async function fundProgress(db: Db, staffId: number): Promise<FundStats[] | null> {
  if (!(await coordinatorRoleOf(db, staffId))) return null;
  const funds = await listFunds(db, { includeClosed: true });
  const out: FundStats[] = [];
  for (const fund of funds) {
    const [activePledges, awaitingConfirmation, overdue, offline] = await Promise.all([
      db.pledge.count({ where: { fundId: fund.id, status: 'active' } }),
      db.pledgeInstalment.count({ where: { status: 'reported', pledge: { fundId: fund.id } } }),
      db.pledgeInstalment.count({ where: { status: 'overdue', pledge: { fundId: fund.id } } }),
      db.offlineDonation.aggregate({ where: { fundId: fund.id }, _sum: { amountMinor: true } }),
    ]);
    out.push({ fund, activePledges, awaitingConfirmation, overdue, offlineMinor: offline._sum.amountMinor ?? 0 });
  }
  return out;
}

// --- Admin: add and close --------------------------------------------------------------------

export type FundChangeResult =
  | { ok: true; fund: FundView }
  | { ok: false; error: 'not_admin' | 'invalid_code' | 'invalid_target' | 'invalid_name' | 'exists' | 'not_found' | 'already_closed' };

/** A new fund with one name for every language (translations can be added to its row later). */
export async function addFund(
  db: Db,
  actorId: number,
  input: { code: string; targetMinor: number; name: string; currency: string },
): Promise<FundChangeResult> {
  return transaction<FundChangeResult>(db, async (tx, rollback) => {
    if (!(await isAdmin(tx, actorId))) return rollback({ ok: false, error: 'not_admin' });
    if (!FUND_CODE.test(input.code)) return rollback({ ok: false, error: 'invalid_code' });
    if (!Number.isSafeInteger(input.targetMinor) || input.targetMinor <= 0 || input.targetMinor > MAX_TARGET_MINOR) {
      return rollback({ ok: false, error: 'invalid_target' });
    }
    const name = input.name.trim();
    if (name === '' || name.length > MAX_FUND_NAME) return rollback({ ok: false, error: 'invalid_name' });
    if (await tx.fund.findUnique({ where: { code: input.code }, select: { id: true } })) return rollback({ ok: false, error: 'exists' });
    const last = await tx.fund.aggregate({ _max: { position: true } });
    const row = await tx.fund.create({
      data: {
        code: input.code,
        names: JSON.stringify({ en: name }),
        targetMinor: input.targetMinor,
        currency: input.currency,
        position: (last._max.position ?? 0) + 1,
      },
    });
    await recordAudit(tx, {
      actorId,
      action: 'fund.added',
      subjectType: 'fund',
      subjectId: row.code,
      details: { targetMinor: row.targetMinor, currency: row.currency },
    });
    return { ok: true, fund: fundView(row) };
  });
}

/** Closes a fund to new pledges; pledges already made run on. */
export async function closeFund(db: Db, actorId: number, code: string): Promise<FundChangeResult> {
  return transaction<FundChangeResult>(db, async (tx, rollback) => {
    if (!(await isAdmin(tx, actorId))) return rollback({ ok: false, error: 'not_admin' });
    if (!FUND_CODE.test(code)) return rollback({ ok: false, error: 'not_found' });
    const { count } = await tx.fund.updateMany({ where: { code, status: 'active' }, data: { status: 'closed', closedAt: new Date() } });
    if (count === 0) {
      const exists = await tx.fund.findUnique({ where: { code }, select: { id: true } });
      return rollback({ ok: false, error: exists ? 'already_closed' : 'not_found' });
    }
    await recordAudit(tx, { actorId, action: 'fund.closed', subjectType: 'fund', subjectId: code, details: { before: 'active', after: 'closed' } });
    return { ok: true, fund: fundView(await tx.fund.findUniqueOrThrow({ where: { code } })) };
  });
}
