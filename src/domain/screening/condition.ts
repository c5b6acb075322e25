// Three-valued rule logic. A condition passes (true), fails (false) or cannot be decided yet
// (undefined) because answers are missing. A programme is not eligible as soon as one known
// condition fails, needs information while any condition is undecided, and is eligible otherwise:
// the chat never asks a question whose answer cannot change the outcome.
import type { Reason, ReasonValues, RuleCode, ScreeningStatus } from './result.js';

export type Tri = boolean | undefined;

/** A decided condition is its own reason, so shared conditions are shared reasons. */
export type Condition = Reason | UndecidedCondition;

export interface UndecidedCondition {
  readonly rule: RuleCode;
  readonly passed: undefined;
  /** Answer paths (e.g. `members[1].monthlyIncome`) that would decide the condition. */
  readonly missing: readonly string[];
}

/** Members counted by a per-member test: decided true, and undecided (with the answers needed). */
export interface Tally {
  readonly known: number;
  readonly unknown: number;
  readonly missing: readonly string[];
}

export const NO_VALUES: ReasonValues = Object.freeze({});
export const NO_FIELDS: readonly string[] = Object.freeze([]);

export function and(a: Tri, b: Tri): Tri {
  if (a === false || b === false) return false;
  return a === undefined || b === undefined ? undefined : true;
}

export function or(a: Tri, b: Tri): Tri {
  if (a === true || b === true) return true;
  return a === undefined || b === undefined ? undefined : false;
}

export function atLeastOne(tally: Tally): Tri {
  if (tally.known > 0) return true;
  return tally.unknown > 0 ? undefined : false;
}

export function condition(
  rule: RuleCode,
  passed: Tri,
  values: ReasonValues,
  missing: readonly string[],
): Condition {
  return passed === undefined ? undecided(rule, missing) : decided(rule, passed, values);
}

export function decided(rule: RuleCode, passed: boolean, values: ReasonValues): Reason {
  return { rule, passed, values };
}

export function undecided(rule: RuleCode, missing: readonly string[]): UndecidedCondition {
  return { rule, passed: undefined, missing };
}

export interface Judgement {
  readonly status: ScreeningStatus;
  readonly reasons: Reason[];
}

/**
 * Combines conditions (all must pass). `amountNeeds` lists answers that an eligible outcome still
 * needs to compute its amount; an eligible programme with such gaps is reported as `needs_info`.
 */
export function judge(
  conditions: readonly Condition[],
  amountNeeds: readonly string[] = NO_FIELDS,
): Judgement {
  let failed = false;
  let undecided = false;
  const reasons: Reason[] = [];
  const missing: string[] = [];
  for (const c of conditions) {
    if (c.passed === undefined) undecided = true;
    else {
      if (!c.passed) failed = true;
      reasons.push(c);
    }
  }
  // A failed condition settles the outcome: missing answers are only reported when they matter.
  if (failed) return { status: 'not_eligible', reasons };
  if (undecided) {
    for (const c of conditions) if (c.passed === undefined) addAll(missing, c.missing);
  } else {
    addAll(missing, amountNeeds);
  }
  for (const field of missing) reasons.push({ rule: 'input.required', passed: false, values: { field } });
  return { status: missing.length > 0 ? 'needs_info' : 'eligible', reasons };
}

function addAll(into: string[], fields: readonly string[]): void {
  for (const field of fields) if (!into.includes(field)) into.push(field);
}
