// Screens a household against every programme a policy runs, on a given date.
import { compilePolicy } from './compiled-policy.js';
import { deriveFacts, type HouseholdFacts } from './facts.js';
import { DEFAULT_RESIDENCY, type Household } from './household.js';
import { defaultPolicy, type Policy, type ProgrammeId } from './policy.js';
import { educationAssistance } from './programmes/education-assistance.js';
import { employmentSupport } from './programmes/employment-support.js';
import { fiveGuarantees } from './programmes/five-guarantees.js';
import { housingAssistance } from './programmes/housing-assistance.js';
import { medicalAssistance } from './programmes/medical-assistance.js';
import { minimumLivingAllowance } from './programmes/minimum-living-allowance.js';
import { priceSubsidy } from './programmes/price-subsidy.js';
import { temporaryAssistance } from './programmes/temporary-assistance.js';
import type { Screening, ScreeningResult } from './result.js';

const PROGRAMME_RULES: Readonly<Record<ProgrammeId, (facts: HouseholdFacts) => ScreeningResult>> = {
  minimum_living_allowance: minimumLivingAllowance,
  five_guarantees: fiveGuarantees,
  medical_assistance: medicalAssistance,
  education_assistance: educationAssistance,
  housing_assistance: housingAssistance,
  temporary_assistance: temporaryAssistance,
  price_subsidy: priceSubsidy,
  employment_support: employmentSupport,
};

/**
 * Screens `household` on `date` (YYYY-MM-DD, the region's calendar day) with the standards in
 * force that day. The household is trusted to match `householdSchema` (parse untrusted input with
 * it first); missing answers yield `needs_info`, never an exception. Throws RangeError for a
 * malformed date or a date before the policy's first standard.
 */
export function evaluate(household: Household, date: string, policy: Policy = defaultPolicy): Screening {
  const facts = deriveFacts(household, date, compilePolicy(policy));
  const results: ScreeningResult[] = [];
  for (const programme of policy.programmes) results.push(PROGRAMME_RULES[programme](facts));
  const residency = household.residency ?? DEFAULT_RESIDENCY;
  return {
    date,
    region: policy.region,
    currency: policy.currency,
    standard: facts.standard,
    residency,
    residenceProofRequired: residency === 'newcomer',
    specialGroups: facts.specialGroups,
    results,
  };
}
