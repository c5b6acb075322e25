// What a screening returns: codes, numbers and reasons, never wording. The chat turns rule and
// change codes into sentences through locale keys; the operator CLI into English.
import type { Residency } from './household.js';
import type { MinimumLivingStandard, ProgrammeId, SpecialGroup } from './policy.js';

export type ScreeningStatus = 'eligible' | 'not_eligible' | 'needs_info';

/** Stable rule codes; `means.*` are the shared income and savings tests. */
export type RuleCode =
  | 'input.required'
  | 'means.income_below_standard'
  | 'means.income_within_margin'
  | 'means.savings_within_limit'
  | 'minimum_living_allowance.special_group_raise'
  | 'five_guarantees.no_legal_supporter'
  | 'five_guarantees.member_unable_to_work_without_income'
  | 'medical_assistance.medical_need'
  | 'education_assistance.student_member'
  | 'housing_assistance.dangerous_housing'
  | 'temporary_assistance.recent_hardship'
  | 'employment_support.able_member_of_working_age';

/** The values a rule compared. Keys ending in `Minor` are money in the policy currency's minor units. */
export type ReasonValues = Readonly<Record<string, number | string>>;

export interface Reason {
  readonly rule: RuleCode;
  readonly passed: boolean;
  readonly values: ReasonValues;
}

/**
 * What would flip the outcome, as household monthly totals in minor units. Income is gross
 * declared income given the current medical costs; `*_below`/`*_above` are strict bounds.
 */
export type ChangeCode =
  | 'income_below'
  | 'income_at_most'
  | 'income_at_least'
  | 'income_above'
  | 'medical_costs_at_least'
  | 'savings_at_most'
  | 'savings_above';

export interface Change {
  readonly code: ChangeCode;
  readonly amountMinor: number;
}

export interface ScreeningResult {
  readonly programme: ProgrammeId;
  readonly status: ScreeningStatus;
  /** Monthly benefit, only when eligible and the programme pays one. */
  readonly monthlyAmountMinor?: number;
  /** One-off benefit (housing, temporary assistance), only when eligible. */
  readonly amountMinor?: number;
  readonly reasons: readonly Reason[];
  /** When not eligible: what would make it eligible; when eligible: what would end it. */
  readonly changes: readonly Change[];
}

export interface Screening {
  readonly date: string;
  readonly region: string;
  readonly currency: string;
  /** The minimum living standard in force for the household's area (absent until area is known). */
  readonly standard?: MinimumLivingStandard;
  readonly residency: Residency;
  /** Newcomers are screened like everyone else but asked for a proof of residence. */
  readonly residenceProofRequired: boolean;
  /** Priority flags for caseworkers, in a fixed order. */
  readonly specialGroups: readonly SpecialGroup[];
  /** One per programme the policy runs, in the policy's order. */
  readonly results: readonly ScreeningResult[];
}
