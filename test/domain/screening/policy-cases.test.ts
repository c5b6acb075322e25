// Runs every case in cases/*.json against evaluate(). A failure names the file, the case and the
// programme, and quotes the case's "why".
import { describe, expect, it } from 'vitest';
import { defaultPolicy, evaluate, minorUnitsPerMajor, toMinorUnits, type ScreeningResult } from '../../../src/domain/screening/index.js';
import { loadCaseFiles, type Expectation } from './policy-cases.js';

const minorPerMajor = minorUnitsPerMajor(defaultPolicy.currency);
const files = loadCaseFiles();

it('has at least 40 policy cases', () => {
  expect(files.reduce((n, f) => n + f.cases.length, 0)).toBeGreaterThanOrEqual(40);
});

describe.each(files)('$file', ({ cases }) => {
  it.each(cases)('$name', (policyCase) => {
    const screening = evaluate(policyCase.household, policyCase.date);
    const context = `${policyCase.name} (why: ${policyCase.why})`;
    if (policyCase.standard !== undefined) {
      expect(screening.standard?.amountMinor, `${context}: standard in force`).toBe(
        toMinorUnits(policyCase.standard, minorPerMajor),
      );
    }
    if (policyCase.specialGroups) {
      expect([...screening.specialGroups].sort(), `${context}: special groups`).toEqual(
        [...policyCase.specialGroups].sort(),
      );
    }
    for (const [programme, expected] of Object.entries(policyCase.expect)) {
      const result = screening.results.find((r) => r.programme === programme);
      expect(result, `${context}: ${programme} missing from results`).toBeDefined();
      if (result) checkResult(result, expected, `${context}: ${programme}`);
    }
  });
});

function checkResult(result: ScreeningResult, expected: Expectation, context: string): void {
  expect(result.status, `${context}: status; reasons ${JSON.stringify(result.reasons)}`).toBe(expected.status);
  if (result.status !== 'eligible') {
    expect(result.monthlyAmountMinor, `${context}: no amount unless eligible`).toBeUndefined();
    expect(result.amountMinor, `${context}: no amount unless eligible`).toBeUndefined();
  }
  if (expected.monthlyAmount !== undefined) {
    expect(result.monthlyAmountMinor, `${context}: monthly amount`).toBe(toMinorUnits(expected.monthlyAmount, minorPerMajor));
  }
  if (expected.amount !== undefined) {
    expect(result.amountMinor, `${context}: one-off amount`).toBe(toMinorUnits(expected.amount, minorPerMajor));
  }
  const failed = result.reasons.filter((r) => !r.passed && r.rule !== 'input.required').map((r) => r.rule);
  for (const rule of expected.failed ?? []) expect(failed, `${context}: failed rules`).toContain(rule);
  if (expected.missing) {
    const missing = result.reasons.filter((r) => r.rule === 'input.required').map((r) => r.values.field);
    expect([...missing].sort(), `${context}: answers asked for`).toEqual([...expected.missing].sort());
  }
}
