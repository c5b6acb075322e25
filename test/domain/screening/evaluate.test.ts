// Edge inputs and properties of evaluate() that the policy tables do not show.
import { describe, expect, it } from 'vitest';
import {
  defaultPolicy,
  evaluate,
  householdSchema,
  MAX_AMOUNT_MAJOR,
  MAX_MEMBERS,
  withStandard,
  type Household,
  type Member,
  type Policy,
  type ProgrammeId,
  type Screening,
  type ScreeningResult,
} from '../../../src/domain/screening/index.js';

const DATE = '2009-01-01';
const adult: Member = { age: 40, monthlyIncome: 0, disability: 'none', seriousIllness: false, student: false, canWork: true };
const complete: Household = {
  area: 'urban',
  members: [adult],
  monthlyExpenses: { medical: 0 },
  savings: 0,
  hasSupporter: true,
  housingCondition: 'safe',
  recentHardship: 'none',
};

function result(screening: Screening, programme: ProgrammeId): ScreeningResult {
  const found = screening.results.find((r) => r.programme === programme);
  if (!found) throw new Error(`no ${programme} result`);
  return found;
}

const allowance = (household: Household, date = DATE, policy?: Policy) =>
  result(evaluate(household, date, policy), 'minimum_living_allowance');

describe('edge inputs', () => {
  it('an empty member list needs the members, and the schema rejects it', () => {
    // Answers that would settle some programmes without members are chosen so that none is settled.
    const household: Household = {
      ...complete,
      members: [],
      hasSupporter: false,
      housingCondition: 'dangerous',
      recentHardship: 'illness',
    };
    const screening = evaluate(household, DATE);
    for (const r of screening.results) {
      expect(r.status, r.programme).toBe('needs_info');
      expect(r.reasons).toContainEqual({ rule: 'input.required', passed: false, values: { field: 'members' } });
    }
    const parsed = householdSchema.safeParse({ members: [] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['members'], message: 'expected at least one member' });
  });

  it('a household where nobody has income gets the full standard for every member', () => {
    const members = [adult, { ...adult, age: 38 }, { ...adult, age: 17 }, { ...adult, age: 16 }];
    expect(allowance({ ...complete, members }).monthlyAmountMinor).toBe(4 * 400_00);
  });

  it('the largest accepted incomes stay exact and are simply not eligible', () => {
    const members = Array.from({ length: MAX_MEMBERS }, () => ({ ...adult, monthlyIncome: MAX_AMOUNT_MAJOR }));
    const household = householdSchema.parse({ ...complete, members, savings: MAX_AMOUNT_MAJOR });
    const screening = evaluate(household, DATE);
    expect(screening.results.every((r) => r.status === 'not_eligible')).toBe(true);
    const changes = allowance(household).changes;
    expect(changes).toContainEqual({ code: 'income_below', amountMinor: MAX_MEMBERS * 400_00 });
    for (const change of changes) expect(Number.isSafeInteger(change.amountMinor)).toBe(true);
  });

  it('the schema rejects amounts beyond the limit, negative and non-finite numbers', () => {
    for (const monthlyIncome of [MAX_AMOUNT_MAJOR + 1, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(householdSchema.safeParse({ members: [{ monthlyIncome }] }).success, String(monthlyIncome)).toBe(false);
    }
  });

  it('converts money to minor units once, rounding to the nearest fen', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in floating point; the screening sees exactly 30 fen.
    const income = allowance({ ...complete, members: [{ ...adult, monthlyIncome: 0.1 + 0.2 }] }).reasons[0];
    expect(income?.values.incomeMinor).toBe(30);
  });

  it('does not change the household it is given', () => {
    const household = structuredClone(complete);
    evaluate(household, DATE);
    expect(household).toEqual(complete);
  });

  it('rejects malformed dates and dates before the first standard', () => {
    expect(() => evaluate(complete, '2009-02-30')).toThrow(RangeError);
    expect(() => evaluate(complete, '1/1/2009')).toThrow(RangeError);
    expect(() => evaluate(complete, '1998-12-31')).toThrow(/no urban minimum living standard in force on 1998-12-31/);
  });
});

describe('results', () => {
  it('quotes the standard in force and the residency', () => {
    const screening = evaluate({ ...complete, residency: 'newcomer' }, DATE);
    expect(screening.standard).toEqual({ area: 'urban', amountMinor: 400_00, effectiveFrom: '2008-07-01' });
    expect(screening).toMatchObject({ currency: 'CNY', residency: 'newcomer', residenceProofRequired: true });
    expect(evaluate(complete, DATE)).toMatchObject({ residency: 'local', residenceProofRequired: false });
    expect(evaluate({}, DATE).standard).toBeUndefined();
  });

  it('says what would make a household eligible: less income or more medical costs', () => {
    const household = { ...complete, members: [{ ...adult, monthlyIncome: 600 }, { ...adult, monthlyIncome: 300 }] };
    // 900 against a line of 800: income below 800, or medical costs of 100.01 (strictly below).
    expect(allowance(household).changes).toEqual([
      { code: 'income_below', amountMinor: 800_00 },
      { code: 'medical_costs_at_least', amountMinor: 100_01 },
    ]);
    const withCosts = { ...household, monthlyExpenses: { medical: 100.01 } };
    expect(allowance(withCosts)).toMatchObject({ status: 'eligible', monthlyAmountMinor: 1 });
  });

  it('says what would end an allowance', () => {
    const household = { ...complete, members: [{ ...adult, monthlyIncome: 100 }], monthlyExpenses: { medical: 50 } };
    expect(allowance(household).changes).toEqual([
      { code: 'income_at_least', amountMinor: 450_00 },
      { code: 'savings_above', amountMinor: 4_800_00 },
    ]);
  });

  it('reasons carry the compared values, money in minor units', () => {
    const household = { ...complete, members: [{ ...adult, monthlyIncome: 250 }], savings: 100 };
    expect(allowance(household).reasons).toEqual([
      {
        rule: 'means.income_below_standard',
        passed: true,
        values: {
          incomeMinor: 250_00,
          medicalDeductionMinor: 0,
          countableIncomeMinor: 250_00,
          members: 1,
          countableIncomePerMemberMinor: 250_00,
          standardMinor: 400_00,
        },
      },
      {
        rule: 'means.savings_within_limit',
        passed: true,
        values: { savingsMinor: 100_00, savingsLimitMinor: 4_800_00, savingsLimitMonths: 12, members: 1 },
      },
    ]);
  });

  it('a failed rule settles the outcome without asking for other answers', () => {
    const household: Household = { area: 'urban', monthlyExpenses: { medical: 0 }, members: [{ monthlyIncome: 5000 }] };
    const reasons = allowance(household).reasons;
    expect(reasons.some((r) => r.rule === 'input.required')).toBe(false);
  });
});

describe('policies', () => {
  it('withStandard adds a dated standard without touching the original policy', () => {
    const raised = withStandard(defaultPolicy, { area: 'urban', amountMinor: 450_00, effectiveFrom: '2010-01-01' });
    expect(allowance(complete, '2009-12-31', raised).monthlyAmountMinor).toBe(400_00);
    expect(allowance(complete, '2010-01-01', raised).monthlyAmountMinor).toBe(450_00);
    expect(allowance(complete, '2010-01-01').monthlyAmountMinor).toBe(400_00);
  });

  it('withStandard refuses a second standard on the same day, bad amounts and bad dates', () => {
    expect(() => withStandard(defaultPolicy, { area: 'rural', amountMinor: 250_00, effectiveFrom: '2008-07-01' })).toThrow(RangeError);
    expect(() => withStandard(defaultPolicy, { area: 'rural', amountMinor: 250.5, effectiveFrom: '2010-01-01' })).toThrow(RangeError);
    expect(() => withStandard(defaultPolicy, { area: 'rural', amountMinor: 250_00, effectiveFrom: '2010-13-01' })).toThrow(RangeError);
  });

  it('without the medical deduction (the rule the report criticises) illness costs do not count', () => {
    const incomeOnly: Policy = { ...defaultPolicy, deductibleExpenses: [] };
    const household = { ...complete, members: [{ ...adult, monthlyIncome: 500 }], monthlyExpenses: { medical: 300 } };
    expect(allowance(household).status).toBe('eligible');
    expect(allowance(household, DATE, incomeOnly).status).toBe('not_eligible');
    expect(allowance(household, DATE, incomeOnly).changes).toEqual([{ code: 'income_below', amountMinor: 400_00 }]);
    // And the medical answer is no longer needed for the income test.
    const { monthlyExpenses: _unused, ...withoutMedical } = household;
    expect(allowance(withoutMedical, DATE, incomeOnly).status).toBe('not_eligible');
  });

  it('returns results only for the programmes a region runs, in its order', () => {
    const policy: Policy = { ...defaultPolicy, programmes: ['price_subsidy', 'minimum_living_allowance'] };
    expect(evaluate(complete, DATE, policy).results.map((r) => r.programme)).toEqual(['price_subsidy', 'minimum_living_allowance']);
  });

  it('with no raised groups the allowance is the plain top-up', () => {
    const policy: Policy = { ...defaultPolicy, raisedSpecialGroups: [] };
    const elderly = { ...complete, members: [{ ...adult, age: 80, disability: 'severe' as const }] };
    expect(allowance(elderly).monthlyAmountMinor).toBe(440_00);
    expect(allowance(elderly, DATE, policy).monthlyAmountMinor).toBe(400_00);
  });
});
