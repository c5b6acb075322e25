// Drives the operator CLI as an operator would: `npx tsx src/cli/screen.ts <file> [--date] [--explain]`.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROGRAMME_IDS } from '../../src/domain/screening/index.js';
import { loadCaseFiles } from '../domain/screening/policy-cases.js';

const root = join(import.meta.dirname, '..', '..');
const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);
const SPAWN_TIMEOUT = 30_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function screen(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'src/cli/screen.ts', ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

interface CliResult {
  programme: string;
  status: string;
  monthlyAmount: number | null;
  amount: number | null;
  reasons: { rule: string; passed: boolean; values: Record<string, number | string> }[];
  changes: { code: string; amount: number }[];
  explanation?: string;
}

function results(run: Run): CliResult[] {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return (JSON.parse(run.stdout) as { results: CliResult[] }).results;
}

function byProgramme(list: CliResult[], programme: string): CliResult {
  const found = list.find((r) => r.programme === programme);
  if (!found) throw new Error(`no result for ${programme}`);
  return found;
}

describe.concurrent('screen CLI', () => {
  it('prints every programme with amounts in major units, explained with --explain', { timeout: SPAWN_TIMEOUT }, async () => {
    const run = await screen(fixture('single-parent-family.json'), '--date', '2009-01-01', '--explain');
    const list = results(run);
    expect(list.map((r) => r.programme)).toEqual([...PROGRAMME_IDS]);
    // 800 − (300 − 50) = 550, plus the single-parent raise of 40 for each of the two members.
    const allowance = byProgramme(list, 'minimum_living_allowance');
    expect(allowance).toMatchObject({ status: 'eligible', monthlyAmount: 630, amount: null });
    expect(allowance.reasons[0]).toEqual({
      rule: 'means.income_below_standard',
      passed: true,
      values: { income: 300, medicalDeduction: 50, countableIncome: 250, members: 2, countableIncomePerMember: 125, standard: 400 },
    });
    expect(allowance.explanation).toMatch(/^Eligible: 630\.00 CNY a month\. Countable income 125\.00 CNY per member/);
    expect(byProgramme(list, 'housing_assistance')).toMatchObject({ status: 'eligible', amount: 7000, monthlyAmount: null });
    const fiveGuarantees = byProgramme(list, 'five_guarantees');
    expect(fiveGuarantees).toMatchObject({ status: 'not_eligible', monthlyAmount: null });
    expect(fiveGuarantees.explanation).toContain('A legal supporter is able to support the household');
    expect(list.every((r) => typeof r.explanation === 'string' && r.explanation.length > 0)).toBe(true);
    const output = JSON.parse(run.stdout) as { standard: unknown; residenceProofRequired: boolean };
    expect(output.standard).toEqual({ area: 'urban', amount: 400, effectiveFrom: '2008-07-01' });
    expect(output.residenceProofRequired).toBe(true);
  });

  it('names the answers a partial household still needs, without explanations by default', { timeout: SPAWN_TIMEOUT }, async () => {
    const list = results(await screen(fixture('partial-answers.json'), '--date', '2009-01-01'));
    const allowance = byProgramme(list, 'minimum_living_allowance');
    expect(allowance.status).toBe('needs_info');
    expect(allowance.reasons.filter((r) => r.rule === 'input.required').map((r) => r.values.field)).toEqual([
      'monthlyExpenses.medical',
      'savings',
    ]);
    expect(list.every((r) => r.explanation === undefined)).toBe(true);
  });

  it('rejects an invalid household with exit 2, naming each bad field', { timeout: SPAWN_TIMEOUT }, async () => {
    const run = await screen(fixture('invalid-household.json'));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toContain('invalid household');
    expect(lines.slice(1).sort()).toEqual(
      [
        'area: expected one of: urban, rural',
        'members[0].age: expected a number ≥ 0',
        'members[0].nickname: unknown field',
        'members[1].monthlyIncome: expected an amount ≥ 0',
        'members[1].disability: expected one of: none, moderate, severe',
        'savings: expected an amount ≥ 0',
      ].sort(),
    );
  });

  it('reports bad JSON in one line with exit 2', { timeout: SPAWN_TIMEOUT }, async () => {
    const run = await screen(fixture('not-json.json'));
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('is not valid JSON');
  });

  it('reports an unreadable file in one line with exit 2', { timeout: SPAWN_TIMEOUT }, async () => {
    const run = await screen(fixture('no-such-household.json'));
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('cannot read the household file');
  });

  it('rejects a malformed --date and a missing file argument with exit 2', { timeout: SPAWN_TIMEOUT }, async () => {
    const [badDate, noFile] = await Promise.all([
      screen(fixture('single-parent-family.json'), '--date', '2009-02-30'),
      screen(),
    ]);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('2009-02-30');
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('usage:');
  });
});

describe('screen CLI agrees with the policy cases', () => {
  const dir = mkdtempSync(join(tmpdir(), 'screen-cases-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // One case from each of a few tables (each spawn costs ~1.5 s): CLI and domain read the same rules.
  const tables = ['minimum-living-allowance.json', 'standards-by-date.json', 'five-guarantees.json', 'special-assistance.json'];
  const sample = loadCaseFiles()
    .filter(({ file }) => tables.includes(file))
    .flatMap(({ file, cases }) => cases.slice(0, 1).map((c) => ({ file, ...c })));

  it.concurrent.each(sample)('$file: $name', { timeout: SPAWN_TIMEOUT }, async (policyCase) => {
    const path = join(dir, `${policyCase.file}-${sample.indexOf(policyCase)}.json`);
    writeFileSync(path, JSON.stringify(policyCase.household));
    const run = await screen(path, '--date', policyCase.date);
    const list = results(run);
    if (policyCase.standard !== undefined) {
      expect((JSON.parse(run.stdout) as { standard: { amount: number } }).standard.amount).toBe(policyCase.standard);
    }
    for (const [programme, expected] of Object.entries(policyCase.expect)) {
      const result = byProgramme(list, programme);
      expect(result.status, `${policyCase.name}: ${programme}`).toBe(expected.status);
      if (expected.monthlyAmount !== undefined) expect(result.monthlyAmount).toBe(expected.monthlyAmount);
      if (expected.amount !== undefined) expect(result.amount).toBe(expected.amount);
    }
  });
});
