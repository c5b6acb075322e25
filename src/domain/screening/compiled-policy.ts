// Everything evaluate() needs from a policy, derived once per policy object and cached, so that a
// screening does no sorting, validation or lookups by name.
import { assertCalendarDate } from './calendar-date.js';
import type { Area } from './household.js';
import { minorUnitsPerMajor } from './money.js';
import {
  assertPositiveMinor,
  type FiveGuaranteesStandard,
  type MinimumLivingStandard,
  type Policy,
  type SpecialGroup,
} from './policy.js';

export interface StandardsInForce {
  readonly minimumLiving: Readonly<Record<Area, MinimumLivingStandard | undefined>>;
  readonly fiveGuarantees: FiveGuaranteesStandard | undefined;
}

export interface CompiledPolicy {
  readonly policy: Policy;
  readonly minorPerMajor: number;
  readonly deductsMedical: boolean;
  readonly raises: Readonly<Record<SpecialGroup, boolean>>;
  /** Standards in force on a date (YYYY-MM-DD); throws RangeError for a malformed date. */
  standardsOn(date: string): StandardsInForce;
}

const cache = new WeakMap<Policy, CompiledPolicy>();

export function compilePolicy(policy: Policy): CompiledPolicy {
  let compiled = cache.get(policy);
  if (!compiled) {
    compiled = compile(policy);
    cache.set(policy, compiled);
  }
  return compiled;
}

function compile(policy: Policy): CompiledPolicy {
  for (const s of policy.minimumLivingStandards) {
    assertCalendarDate(s.effectiveFrom, `${s.area} standard effectiveFrom`);
    assertPositiveMinor(s.amountMinor, `${s.area} standard amountMinor`);
  }
  for (const s of policy.fiveGuaranteesStandards) {
    assertCalendarDate(s.effectiveFrom, 'five-guarantees standard effectiveFrom');
    assertPositiveMinor(s.annualAmountMinor, 'five-guarantees annualAmountMinor');
  }
  const urban = newestFirst(policy.minimumLivingStandards.filter((s) => s.area === 'urban'));
  const rural = newestFirst(policy.minimumLivingStandards.filter((s) => s.area === 'rural'));
  const fiveGuarantees = newestFirst(policy.fiveGuaranteesStandards);

  // Screenings come in runs on the same day: the lookup for the last date is kept.
  let lastDate: string | undefined;
  let lastInForce: StandardsInForce | undefined;
  const standardsOn = (date: string): StandardsInForce => {
    if (date !== lastDate || !lastInForce) {
      assertCalendarDate(date, 'date');
      lastInForce = {
        minimumLiving: { urban: inForceOn(urban, date), rural: inForceOn(rural, date) },
        fiveGuarantees: inForceOn(fiveGuarantees, date),
      };
      lastDate = date;
    }
    return lastInForce;
  };

  const raised = new Set(policy.raisedSpecialGroups);
  return {
    policy,
    minorPerMajor: minorUnitsPerMajor(policy.currency),
    deductsMedical: policy.deductibleExpenses.includes('medical'),
    raises: {
      severe_disability: raised.has('severe_disability'),
      single_parent_with_students: raised.has('single_parent_with_students'),
      serious_illness: raised.has('serious_illness'),
      elderly_low_income: raised.has('elderly_low_income'),
      student: raised.has('student'),
      three_noes: raised.has('three_noes'),
    },
    standardsOn,
  };
}

function newestFirst<T extends { readonly effectiveFrom: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1));
}

/** ISO dates compare chronologically as strings; the first standard not after `date` is in force. */
function inForceOn<T extends { readonly effectiveFrom: string }>(
  standards: readonly T[],
  date: string,
): T | undefined {
  return standards.find((standard) => standard.effectiveFrom <= date);
}
