// Money is carried as integer minor units (fen for CNY) so that sums and comparisons are exact.
// Household answers arrive in major units and are converted once, by householdMoney().
import type { Household } from './household.js';

/** A household's money answers in minor units; undefined where not answered. */
export interface HouseholdMoney {
  /** Monthly income per member, in member order. */
  readonly incomes: readonly (number | undefined)[];
  readonly medical: number | undefined;
  readonly savings: number | undefined;
}

export function householdMoney(household: Household, minorPerMajor: number): HouseholdMoney {
  const toMinor = (major: number | undefined) =>
    major === undefined ? undefined : toMinorUnits(major, minorPerMajor);
  return {
    incomes: (household.members ?? []).map((member) => toMinor(member.monthlyIncome)),
    medical: toMinor(household.monthlyExpenses?.medical),
    savings: toMinor(household.savings),
  };
}

const minorPerMajorByCurrency = new Map<string, number>();

/**
 * Minor units per major unit for an ISO 4217 currency (100 for CNY), as Intl knows it. Asked on
 * every screening; building the Intl formatter is the costly part, so each currency is asked once.
 */
export function minorUnitsPerMajor(currency: string): number {
  let perMajor = minorPerMajorByCurrency.get(currency);
  if (perMajor === undefined) {
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
    perMajor = 10 ** (digits ?? 2);
    minorPerMajorByCurrency.set(currency, perMajor);
  }
  return perMajor;
}

/** Major units → integer minor units, rounded to the nearest minor unit. */
export function toMinorUnits(major: number, minorPerMajor: number): number {
  return Math.round(major * minorPerMajor);
}

/** Integer minor units → major units (for display and the operator CLI only). */
export function toMajorUnits(minor: number, minorPerMajor: number): number {
  return minor / minorPerMajor;
}

/** `percent` % of an amount in minor units, rounded to the nearest minor unit (halves up). */
export function percentOf(amountMinor: number, percent: number): number {
  return Math.round((amountMinor * percent) / 100);
}
