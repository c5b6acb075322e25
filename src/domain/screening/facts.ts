// Derives, once per screening, every fact the programme rules read: the standards in force, the
// shared means test and the member tallies, money already in minor units. Rules never look at raw
// answers twice, and each missing answer is named by its path for `input.required`.
import { and, type Tally, type Tri } from './condition.js';
import type { CompiledPolicy } from './compiled-policy.js';
import type { Household } from './household.js';
import { meansTest, type Means } from './means.js';
import { tallyMembers } from './member-tallies.js';
import { householdMoney } from './money.js';
import type { FiveGuaranteesStandard, MinimumLivingStandard, SpecialGroup } from './policy.js';

export interface HouseholdFacts {
  readonly compiled: CompiledPolicy;
  readonly household: Household;
  readonly standard: MinimumLivingStandard | undefined;
  readonly fiveGuaranteesStandard: FiveGuaranteesStandard;
  readonly medicalMinor: number | undefined;
  readonly means: Means;
  readonly noLegalSupporter: Tri;
  readonly unableToWorkWithoutIncome: Tally;
  readonly students: Tally;
  readonly seriouslyIll: Tally;
  readonly ableOfWorkingAge: Tally;
  readonly raisedMembers: Tally;
  readonly specialGroups: readonly SpecialGroup[];
}

/** Throws RangeError for a malformed date or one before the policy's first standard. */
export function deriveFacts(household: Household, date: string, compiled: CompiledPolicy): HouseholdFacts {
  const inForce = compiled.standardsOn(date);
  const area = household.area;
  const standard = area === undefined ? undefined : inForce.minimumLiving[area];
  if (area !== undefined && !standard) {
    throw new RangeError(`no ${area} minimum living standard in force on ${date}`);
  }
  const fiveGuaranteesStandard = inForce.fiveGuarantees;
  if (!fiveGuaranteesStandard) throw new RangeError(`no five-guarantees standard in force on ${date}`);

  const money = householdMoney(household, compiled.minorPerMajor);
  const noLegalSupporter: Tri = household.hasSupporter === undefined ? undefined : !household.hasSupporter;
  const means = meansTest(money, standard, compiled);
  const tallies = tallyMembers(household.members ?? [], money.incomes, noLegalSupporter, compiled);

  const lowIncome = and(means.withinMargin.passed, means.savingsWithinLimit.passed);
  const specialGroups: SpecialGroup[] = [];
  if (tallies.anySevereDisability) specialGroups.push('severe_disability');
  if (tallies.singleParentWithStudents === true) specialGroups.push('single_parent_with_students');
  if (tallies.seriouslyIll.known > 0) specialGroups.push('serious_illness');
  if (tallies.anyElderly && lowIncome === true) specialGroups.push('elderly_low_income');
  if (tallies.students.known > 0) specialGroups.push('student');
  if (tallies.anyThreeNoes) specialGroups.push('three_noes');

  return {
    compiled,
    household,
    standard,
    fiveGuaranteesStandard,
    medicalMinor: money.medical,
    means,
    noLegalSupporter,
    unableToWorkWithoutIncome: tallies.unableToWorkWithoutIncome,
    students: tallies.students,
    seriouslyIll: tallies.seriouslyIll,
    ableOfWorkingAge: tallies.ableOfWorkingAge,
    raisedMembers: tallies.raisedMembers,
    specialGroups,
  };
}
