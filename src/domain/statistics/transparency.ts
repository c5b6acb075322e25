// The public transparency summary: what anybody may see about the programme, with nothing that
// could single out a household. Every count below SMALL_COUNT (0 included) is shown as "<5"
// (null here), and each table is protected against recovery by subtraction:
//
// - A table whose parts add up to its published total (statuses of all applications; recipients
//   by area; recipients by township) is a partition. When hidden parts could be worked out from
//   the total and the parts still shown — one hidden part, or hidden parts that can only be all 0
//   or all 4 — the smallest part still shown is hidden too (complementary suppression), and when
//   no part is left to hide, the total is hidden.
// - When a total is hidden (too small, or hidden elsewhere), at least one of its parts is hidden,
//   so the parts cannot be added back up to it. The recipients' household total is the status
//   table's "approved" cell: it is hidden exactly when that cell is.
// - Programme counts overlap (a household may be eligible for several), so they are not a
//   partition: each is hidden when small.
// - The monthly allowance total is shown only for a currency paid to SMALL_COUNT households or more.
import type { Db } from '../../db/index.js';
import type { Area } from '../questionnaire/answers.js';
import type { ProgrammeId } from '../screening/index.js';
import type { FundsFigures, MoneyTotal, Section, VolunteerFigures } from './providers.js';
import { collectStatistics, COUNTED_STATUSES, type CountedStatus, type Statistics, type StatisticsOptions } from './statistics.js';

export const SMALL_COUNT = 5;

/** A published count: the number, or null where it is too small to publish ("<5"). */
export type PublicCount = number | null;

export interface ProtectedPartition {
  total: PublicCount;
  parts: PublicCount[];
}

/**
 * Hides small parts and whatever would let them be recovered from the total (see the file's top).
 * `hideTotal`: the total is hidden for a reason outside this table.
 */
export function protectPartition(total: number, parts: readonly number[], hideTotal = false): ProtectedPartition {
  const hidden = parts.map((n) => n < SMALL_COUNT);
  let totalHidden = hideTotal || total < SMALL_COUNT;
  const hideSmallestShown = (): boolean => {
    let smallest = -1;
    parts.forEach((n, i) => {
      if (!hidden[i] && (smallest < 0 || n < parts[smallest]!)) smallest = i;
    });
    if (smallest < 0) return false;
    hidden[smallest] = true;
    return true;
  };
  if (totalHidden) {
    // Parts that are all shown add up to the hidden total.
    if (parts.length > 0 && !hidden.some(Boolean)) hideSmallestShown();
  } else {
    while (recoverable(parts, hidden)) {
      if (!hideSmallestShown()) {
        totalHidden = true;
        break;
      }
    }
  }
  return { total: totalHidden ? null : total, parts: parts.map((n, i) => (hidden[i] ? null : n)) };
}

/** With the total shown: can the hidden parts be worked out exactly? */
function recoverable(parts: readonly number[], hidden: readonly boolean[]): boolean {
  const hiddenParts = parts.filter((_, i) => hidden[i]);
  if (hiddenParts.length === 0) return false;
  if (hiddenParts.length === 1) return true;
  // A hidden part of SMALL_COUNT or more has no upper bound: nothing can be pinned down.
  if (hiddenParts.some((n) => n >= SMALL_COUNT)) return false;
  const sum = hiddenParts.reduce((a, b) => a + b, 0);
  return sum === 0 || sum === (SMALL_COUNT - 1) * hiddenParts.length;
}

const small = (n: number): PublicCount => (n < SMALL_COUNT ? null : n);

export interface PublicBreakdown<K> {
  key: K;
  households: PublicCount;
  persons: PublicCount;
}

export interface TransparencySummary {
  generatedAt: Date;
  township: string | null;
  /** Applications received (drafts not counted), in all and by status. */
  applications: { total: PublicCount; byStatus: { status: CountedStatus; households: PublicCount }[] };
  /** Households receiving support (approved) and their members, by area and by township. */
  recipients: {
    households: PublicCount;
    persons: PublicCount;
    byArea: PublicBreakdown<Area>[];
    byTownship: PublicBreakdown<string | null>[];
  };
  /** Households found eligible per programme, among those receiving support. */
  byProgramme: { programme: ProgrammeId; households: PublicCount }[];
  /** Monthly allowance paid, per currency; null where fewer than SMALL_COUNT households receive it. */
  allowance: { currency: string; monthlyMinor: number | null }[];
  funds: Section<FundsFigures>;
  volunteers: Section<VolunteerFigures>;
}

function protectBreakdown<K>(
  rows: readonly { key: K; households: number; persons: number }[],
  totals: { households: number; persons: number },
  hidden: { households: boolean; persons: boolean },
): PublicBreakdown<K>[] {
  const households = protectPartition(totals.households, rows.map((r) => r.households), hidden.households);
  const persons = protectPartition(totals.persons, rows.map((r) => r.persons), hidden.persons);
  return rows.map((r, i) => ({ key: r.key, households: households.parts[i]!, persons: persons.parts[i]! }));
}

/** The summary of figures already collected (see collectStatistics). */
export function toTransparencySummary(stats: Statistics): TransparencySummary {
  const statusTable = protectPartition(
    stats.applications.total.households,
    COUNTED_STATUSES.map((s) => stats.applications.byStatus[s].households),
  );
  const approvedIndex = COUNTED_STATUSES.indexOf('approved');
  const recipientHouseholds = statusTable.parts[approvedIndex]!;
  const approved = stats.applications.byStatus.approved;
  const recipientPersons = small(approved.persons);
  const hidden = { households: recipientHouseholds === null, persons: recipientPersons === null };
  const approvedOf = (tally: Statistics['applications']) => tally.byStatus.approved;
  return {
    generatedAt: stats.generatedAt,
    township: stats.township,
    applications: {
      total: statusTable.total,
      byStatus: COUNTED_STATUSES.map((status, i) => ({ status, households: statusTable.parts[i]! })),
    },
    recipients: {
      households: recipientHouseholds,
      persons: recipientPersons,
      byArea: protectBreakdown(stats.byArea.map((a) => ({ key: a.area, ...approvedOf(a.tally) })), approved, hidden),
      byTownship: protectBreakdown(stats.byTownship.map((t) => ({ key: t.township, ...approvedOf(t.tally) })), approved, hidden),
    },
    byProgramme: stats.byProgramme.map((p) => ({ programme: p.programme, households: small(approvedOf(p.tally).households) })),
    allowance: stats.allowance.map((a) => ({ currency: a.currency, monthlyMinor: a.households < SMALL_COUNT ? null : a.monthlyMinor })),
    funds: stats.funds,
    // A handful of volunteers in a township could be named by their neighbours: hidden below 5.
    volunteers: stats.volunteers.available ? { available: true, value: { active: small(stats.volunteers.value.active ?? 0) } } : stats.volunteers,
  };
}

/** The public summary, for anybody: no rights needed, nothing personal in it. */
export async function transparencySummary(db: Db, options: StatisticsOptions = {}): Promise<TransparencySummary> {
  return toTransparencySummary(await collectStatistics(db, options));
}

export type { MoneyTotal };
