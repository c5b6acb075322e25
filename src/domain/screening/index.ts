// Public face of screening: the chat, the CLI and the tests import from here only.
export { evaluate } from './evaluate.js';
export {
  DEFAULT_RESIDENCY,
  householdSchema,
  MAX_AGE,
  MAX_AMOUNT_MAJOR,
  MAX_MEMBERS,
  memberSchema,
  type Area,
  type ExpenseKind,
  type Hardship,
  type Household,
  type Member,
  type Residency,
} from './household.js';
export { minorUnitsPerMajor, toMajorUnits, toMinorUnits } from './money.js';
export {
  defaultPolicy,
  PROGRAMME_IDS,
  withStandard,
  type FiveGuaranteesStandard,
  type MinimumLivingStandard,
  type Policy,
  type ProgrammeId,
  type SpecialGroup,
} from './policy.js';
export type {
  Change,
  ChangeCode,
  Reason,
  ReasonValues,
  RuleCode,
  Screening,
  ScreeningResult,
  ScreeningStatus,
} from './result.js';
