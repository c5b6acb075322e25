// The programme's figures for staff: households (applications) and persons (members of their
// households) by status, by programme, by area and by township; the monthly allowance paid to
// approved households; and the sections other features provide (funds, volunteers).
//
// Drafts are not counted: a draft is a person's work in progress, not an application. A household
// counts under every programme its stored screening found it eligible for, so programme rows do
// not add up to the total. Framework-free: codes and numbers; bot/ and the CLI word them.
import type { Db } from '../../db/index.js';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../applications/applications.js';
import { isStaffRole } from '../people/roles.js';
import { AREAS, type Area } from '../questionnaire/answers.js';
import { PROGRAMME_IDS, type ProgrammeId } from '../screening/index.js';
import { isId } from '../transaction.js';
import { DEFAULT_PROVIDERS, type FundsFigures, type Section, type StatisticsProviders, type VolunteerFigures } from './providers.js';

/** Every status but draft. */
export const COUNTED_STATUSES = APPLICATION_STATUSES.filter((s) => s !== 'draft') as Exclude<ApplicationStatus, 'draft'>[];
export type CountedStatus = (typeof COUNTED_STATUSES)[number];

export interface Tally {
  households: number;
  persons: number;
}

/** A tally in all and per status. */
export interface StatusTally {
  total: Tally;
  byStatus: Record<CountedStatus, Tally>;
}

export interface AllowanceTotal {
  currency: string;
  /** Approved households with a monthly amount in this currency, and their members. */
  households: number;
  persons: number;
  /** Sum of their approved monthly amounts, in minor units. */
  monthlyMinor: number;
}

export interface Statistics {
  generatedAt: Date;
  /** The township the figures are limited to; null: the whole district. */
  township: string | null;
  applications: StatusTally;
  /** Every programme, in the policy's order. */
  byProgramme: { programme: ProgrammeId; tally: StatusTally }[];
  byArea: { area: Area; tally: StatusTally }[];
  /** Configured townships in their order (zeros included), then codes no longer configured; null: not recorded. */
  byTownship: { township: string | null; tally: StatusTally }[];
  allowance: AllowanceTotal[];
  funds: Section<FundsFigures>;
  volunteers: Section<VolunteerFigures>;
  /** Applications whose stored household could not be read: counted as households, with no persons. */
  unreadable: number;
}

export interface StatisticsOptions {
  /** Only this township (code). Staff scope plugs in here. */
  township?: string;
  /** Configured township codes, in the order to list them. */
  townships?: readonly string[];
  providers?: StatisticsProviders;
  now?: Date;
}

function emptyTally(): StatusTally {
  const byStatus = Object.fromEntries(COUNTED_STATUSES.map((s) => [s, { households: 0, persons: 0 }])) as Record<CountedStatus, Tally>;
  return { total: { households: 0, persons: 0 }, byStatus };
}

function add(tally: StatusTally, status: CountedStatus, persons: number): void {
  tally.total.households += 1;
  tally.total.persons += persons;
  tally.byStatus[status].households += 1;
  tally.byStatus[status].persons += persons;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isProgramme = (v: unknown): v is ProgrammeId => typeof v === 'string' && (PROGRAMME_IDS as readonly string[]).includes(v);

/** Members in a stored household, or null when it cannot be read. Only what is counted is checked. */
function memberCount(text: string): number | null {
  const household = parse(text);
  return isObject(household) && Array.isArray(household.members) && household.members.length > 0 ? household.members.length : null;
}

/** The programmes a stored screening found the household eligible for, and its currency. */
function screeningFacts(text: string): { eligible: ProgrammeId[]; currency: string | null } {
  const screening = parse(text);
  if (!isObject(screening) || !Array.isArray(screening.results)) return { eligible: [], currency: null };
  const eligible = screening.results.filter((r): r is { programme: ProgrammeId } => isObject(r) && r.status === 'eligible' && isProgramme(r.programme)).map((r) => r.programme);
  const currency = typeof screening.currency === 'string' && /^[A-Z]{3}$/.test(screening.currency) ? screening.currency : null;
  return { eligible: [...new Set(eligible)], currency };
}

const isCounted = (status: string): status is CountedStatus => (COUNTED_STATUSES as string[]).includes(status);
const isArea = (area: string): area is Area => (AREAS as readonly string[]).includes(area);

/** Configured townships first, in their order; then stored codes no longer configured; "not recorded" last. */
function townshipRank(code: string | null, configured: readonly string[]): number {
  if (code === null) return configured.length + 1;
  const index = configured.indexOf(code);
  return index >= 0 ? index : configured.length;
}

/** Reads applications a page at a time: a district's worth never sits in memory at once. */
const PAGE = 2000;

/** The figures, for whoever may see them: callers check rights (see staffStatistics). */
export async function collectStatistics(db: Db, options: StatisticsOptions = {}): Promise<Statistics> {
  const applications = emptyTally();
  const programmes = new Map(PROGRAMME_IDS.map((p) => [p, emptyTally()]));
  const areas = new Map(AREAS.map((a) => [a, emptyTally()]));
  const townships = new Map<string | null, StatusTally>((options.townships ?? []).map((t) => [t, emptyTally()]));
  const allowance = new Map<string, AllowanceTotal>();
  let unreadable = 0;

  const where = { status: { in: COUNTED_STATUSES as string[] }, ...(options.township ? { township: options.township } : {}) };
  for (let cursor = 0; ; ) {
    const rows = await db.application.findMany({
      where: { ...where, id: { gt: cursor } },
      orderBy: { id: 'asc' },
      take: PAGE,
      select: { id: true, status: true, area: true, township: true, household: true, screening: true, approvedMonthlyMinor: true },
    });
    for (const row of rows) {
      if (!isCounted(row.status)) continue;
      // A light read, not the full schema check of stored.ts: statistics need the member count,
      // the eligible programmes and the currency, and full validation cost most of the time.
      const members = memberCount(row.household);
      if (members === null) unreadable++;
      const persons = members ?? 0;
      const screening = screeningFacts(row.screening);
      add(applications, row.status, persons);
      if (isArea(row.area)) add(areas.get(row.area)!, row.status, persons);
      if (!townships.has(row.township)) townships.set(row.township, emptyTally());
      add(townships.get(row.township)!, row.status, persons);
      for (const programme of screening.eligible) add(programmes.get(programme)!, row.status, persons);
      if (row.status === 'approved' && row.approvedMonthlyMinor !== null && screening.currency) {
        const currency = screening.currency;
        const total = allowance.get(currency) ?? { currency, households: 0, persons: 0, monthlyMinor: 0 };
        total.households += 1;
        total.persons += persons;
        total.monthlyMinor += row.approvedMonthlyMinor;
        allowance.set(currency, total);
      }
    }
    if (rows.length < PAGE) break;
    cursor = rows[rows.length - 1]!.id;
  }

  const providers = options.providers ?? DEFAULT_PROVIDERS;
  const scope = options.township ? { township: options.township } : {};
  const [funds, volunteers] = await Promise.all([providers.funds(db, scope), providers.volunteers(db, scope)]);
  const byTownship = [...townships].map(([township, tally]) => ({ township, tally }));
  byTownship.sort((a, b) => townshipRank(a.township, options.townships ?? []) - townshipRank(b.township, options.townships ?? []) || String(a.township).localeCompare(String(b.township)));
  return {
    generatedAt: options.now ?? new Date(),
    township: options.township ?? null,
    applications,
    byProgramme: PROGRAMME_IDS.map((programme) => ({ programme, tally: programmes.get(programme)! })),
    byArea: AREAS.map((area) => ({ area, tally: areas.get(area)! })),
    byTownship: options.township ? byTownship.filter((t) => t.township === options.township) : byTownship,
    allowance: [...allowance.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    funds,
    volunteers,
    unreadable,
  };
}

export type StaffStatisticsResult = { ok: true; statistics: Statistics } | { ok: false; error: 'not_staff' };

/** The figures for a staff member (any staff role); anybody else is refused. Re-reads the stored role. */
export async function staffStatistics(db: Db, actorId: number, options: StatisticsOptions = {}): Promise<StaffStatisticsResult> {
  const row = isId(actorId) ? await db.user.findUnique({ where: { id: actorId }, select: { staffRole: true } }) : null;
  if (!isStaffRole(row?.staffRole)) return { ok: false, error: 'not_staff' };
  return { ok: true, statistics: await collectStatistics(db, options) };
}
