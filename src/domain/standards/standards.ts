// Standards by mechanism: the minimum living standard changes by decision, with an effective
// date, not by editing code. An admin adds one (`/standard urban 450 2027-01-01`); every
// screening dated on or after that day uses it; the active cases whose allowance would change
// are listed for recalculation (a caseworker adjusts each at its re-review, or now).
import type { Db } from '../../db/index.js';
import { readHousehold } from '../applications/stored.js';
import { recordAudit } from '../audit/audit.js';
import { isCalendarDate } from '../casework/cycle.js';
import type { Area } from '../questionnaire/answers.js';
import { defaultPolicy, evaluate, withStandard, type MinimumLivingStandard, type Policy } from '../screening/index.js';
import { staffMember } from '../staff/staff.js';
import { transaction } from '../transaction.js';

/** Sanity bound: a standard of more than 1,000,000 a person a month is a typo. */
export const MAX_STANDARD_MINOR = 100_000_000;

/** The policy in force: the built-in one plus every standard admins added. */
export async function currentPolicy(db: Db, base: Policy = defaultPolicy): Promise<Policy> {
  const added = await db.livingStandard.findMany({ orderBy: { id: 'asc' } });
  let policy = base;
  for (const s of added) {
    if (s.area !== 'urban' && s.area !== 'rural') continue;
    // A row that clashes with a built-in date is ignored rather than breaking every screening.
    try {
      policy = withStandard(policy, { area: s.area, amountMinor: s.amountMinor, effectiveFrom: s.effectiveFrom });
    } catch {
      continue;
    }
  }
  return policy;
}

/** Every minimum living standard in force at some time, newest first, with who added it. */
export async function listStandards(db: Db): Promise<(MinimumLivingStandard & { addedById: number | null })[]> {
  const policy = await currentPolicy(db);
  const added = new Map((await db.livingStandard.findMany()).map((s) => [`${s.area}:${s.effectiveFrom}`, s.createdById]));
  return [...policy.minimumLivingStandards]
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || a.area.localeCompare(b.area))
    .map((s) => ({ ...s, addedById: added.get(`${s.area}:${s.effectiveFrom}`) ?? null }));
}

export interface AffectedCase {
  applicationId: number;
  reference: string;
  township: string | null;
  currentMonthlyMinor: number;
  /** The minimum living allowance the household gets under the new standard (0: no longer eligible). */
  newMonthlyMinor: number;
}

export type AddStandardResult =
  | { ok: true; standard: MinimumLivingStandard; affected: AffectedCase[] }
  | { ok: false; error: 'not_admin' | 'invalid_area' | 'invalid_amount' | 'invalid_date' | 'already_exists' };

/**
 * Adds a standard (admins only), audited, and lists the approved cases of that area whose
 * allowance changes under it on its effective date.
 */
export async function addStandard(
  db: Db,
  adminId: number,
  input: { area: string; amountMinor: number; effectiveFrom: string },
): Promise<AddStandardResult> {
  const result = await transaction<AddStandardResult>(db, async (tx, rollback) => {
    if ((await staffMember(tx, adminId))?.role !== 'admin') return rollback({ ok: false, error: 'not_admin' });
    if (input.area !== 'urban' && input.area !== 'rural') return rollback({ ok: false, error: 'invalid_area' });
    if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0 || input.amountMinor > MAX_STANDARD_MINOR) {
      return rollback({ ok: false, error: 'invalid_amount' });
    }
    if (!isCalendarDate(input.effectiveFrom)) return rollback({ ok: false, error: 'invalid_date' });
    const area: Area = input.area;
    const standard: MinimumLivingStandard = { area, amountMinor: input.amountMinor, effectiveFrom: input.effectiveFrom };
    const builtIn = defaultPolicy.minimumLivingStandards.some((s) => s.area === area && s.effectiveFrom === input.effectiveFrom);
    const stored = await tx.livingStandard.findUnique({ where: { area_effectiveFrom: { area, effectiveFrom: input.effectiveFrom } } });
    if (builtIn || stored) return rollback({ ok: false, error: 'already_exists' });
    const row = await tx.livingStandard.create({ data: { ...standard, createdById: adminId } });
    await recordAudit(tx, {
      actorId: adminId,
      action: 'standard.added',
      subjectType: 'living_standard',
      subjectId: String(row.id),
      details: { actorRole: 'admin', area, amountMinor: input.amountMinor, effectiveFrom: input.effectiveFrom },
    });
    return { ok: true, standard, affected: [] };
  });
  if (!result.ok) return result;
  return { ...result, affected: await affectedCases(db, result.standard) };
}

/** Approved cases of the standard's area whose allowance on its effective date differs from what they get. */
export async function affectedCases(db: Db, standard: MinimumLivingStandard): Promise<AffectedCase[]> {
  const policy = await currentPolicy(db);
  const rows = await db.application.findMany({
    where: { status: 'approved', area: standard.area },
    orderBy: { id: 'asc' },
    select: { id: true, reference: true, township: true, household: true, approvedMonthlyMinor: true },
  });
  const out: AffectedCase[] = [];
  for (const row of rows) {
    const screening = evaluate(readHousehold(row.id, row.household), standard.effectiveFrom, policy);
    const allowance = screening.results.find((r) => r.programme === 'minimum_living_allowance');
    const newMonthlyMinor = allowance?.status === 'eligible' ? (allowance.monthlyAmountMinor ?? 0) : 0;
    const current = row.approvedMonthlyMinor ?? 0;
    if (newMonthlyMinor !== current) {
      out.push({ applicationId: row.id, reference: row.reference, township: row.township, currentMonthlyMinor: current, newMonthlyMinor });
    }
  }
  return out;
}
