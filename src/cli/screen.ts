// Operator CLI: screen a household described in a JSON file (the schema the chat shares).
//   npm run screen -- household.json [--date YYYY-MM-DD] [--explain]
// Prints {"results":[…]} with amounts in major units. Exit 2 on bad arguments or input.
// The English explanations live here only: the chat words results through locale keys.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import {
  evaluate,
  householdSchema,
  minorUnitsPerMajor,
  toMajorUnits,
  type Change,
  type ChangeCode,
  type Reason,
  type ReasonValues,
  type RuleCode,
  type Screening,
  type ScreeningResult,
} from '../domain/screening/index.js';

const USAGE = 'usage: npm run screen -- <household.json> [--date YYYY-MM-DD] [--explain]';
const EXIT_USAGE = 2;

class UsageError extends Error {}

function main(argv: string[]): number {
  try {
    const { file, date, explain, help } = readArguments(argv);
    if (help) {
      console.log(USAGE);
      return 0;
    }
    const household = readHousehold(file);
    const screening = evaluate(household, date);
    console.log(JSON.stringify(toOutput(screening, explain), null, 2));
    return 0;
  } catch (error) {
    // RangeError: a malformed date or one before the policy's first standard.
    if (error instanceof UsageError || error instanceof RangeError) {
      console.error(`screen: ${error.message}`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

const OPTIONS = {
  date: { type: 'string' },
  explain: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface Arguments {
  file: string;
  date: string;
  explain: boolean;
  help: boolean;
}

function readArguments(argv: string[]): Arguments {
  const { values, positionals } = parseArguments(argv);
  const [file] = positionals;
  if (values.help) return { file: '', date: '', explain: false, help: true };
  if (positionals.length !== 1 || file === undefined) {
    throw new UsageError(`expected one household file\n${USAGE}`);
  }
  return { file, date: values.date ?? today(), explain: values.explain ?? false, help: false };
}

function parseArguments(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
}

/** Today in the operator's local time zone: screenings are by calendar day. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function readHousehold(file: string) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the household file: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const result = householdSchema.safeParse(json);
  if (!result.success) {
    throw new UsageError(`invalid household in ${file}:\n${describeIssues(result.error.issues).join('\n')}`);
  }
  return result.data;
}

/** One line per bad field: `members[0].age: expected a number ≥ 0`. */
function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => `${fieldPath([...issue.path, key])}: unknown field`)
      : [`${fieldPath(issue.path)}: ${issue.message}`],
  );
}

function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
  return out || '(household)';
}

// ---- JSON output: minor units → major units ----

function toOutput(screening: Screening, explain: boolean) {
  const money = moneyFormat(screening.currency);
  return {
    date: screening.date,
    currency: screening.currency,
    standard: screening.standard
      ? {
          area: screening.standard.area,
          amount: money.major(screening.standard.amountMinor),
          effectiveFrom: screening.standard.effectiveFrom,
        }
      : null,
    residency: screening.residency,
    residenceProofRequired: screening.residenceProofRequired,
    specialGroups: screening.specialGroups,
    results: screening.results.map((result) => ({
      programme: result.programme,
      status: result.status,
      monthlyAmount: result.monthlyAmountMinor === undefined ? null : money.major(result.monthlyAmountMinor),
      amount: result.amountMinor === undefined ? null : money.major(result.amountMinor),
      reasons: result.reasons.map((reason) => ({
        rule: reason.rule,
        passed: reason.passed,
        values: majorValues(reason.values, money),
      })),
      changes: result.changes.map((change) => ({ code: change.code, amount: money.major(change.amountMinor) })),
      ...(explain && { explanation: explainResult(result, money) }),
    })),
  };
}

interface MoneyFormat {
  major(minor: number): number;
  text(minor: number | string | undefined): string;
}

function moneyFormat(currency: string): MoneyFormat {
  const perMajor = minorUnitsPerMajor(currency);
  const digits = Math.round(Math.log10(perMajor));
  return {
    major: (minor) => toMajorUnits(minor, perMajor),
    text: (minor) => `${toMajorUnits(Number(minor), perMajor).toFixed(digits)} ${currency}`,
  };
}

const MINOR_SUFFIX = 'Minor';

/** Reason values whose key ends in `Minor` are money: shown in major units without the suffix. */
function majorValues(values: ReasonValues, money: MoneyFormat): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const [key, value] of Object.entries(values)) {
    const isMoney = key.endsWith(MINOR_SUFFIX) && typeof value === 'number';
    out[isMoney ? key.slice(0, -MINOR_SUFFIX.length) : key] = isMoney ? money.major(value) : value;
  }
  return out;
}

// ---- --explain: short English sentences for operators ----

type Describe = (v: ReasonValues, passed: boolean, money: MoneyFormat) => string;

const DESCRIBE_RULE: Record<Exclude<RuleCode, 'input.required'>, Describe> = {
  'means.income_below_standard': (v, passed, m) =>
    `countable income ${m.text(v.countableIncomePerMemberMinor)} per member (income ${m.text(v.incomeMinor)} ` +
    `minus medical costs ${m.text(v.medicalDeductionMinor)}, ${v.members} members) is ${passed ? '' : 'not '}` +
    `below the standard ${m.text(v.standardMinor)}`,
  'means.income_within_margin': (v, passed, m) =>
    `countable income ${m.text(v.countableIncomePerMemberMinor)} per member is ` +
    `${passed ? 'within' : 'above'} the marginal line ${m.text(v.marginalLinePerMemberMinor)} (${v.marginalIncomePercent}% of the standard)`,
  'means.savings_within_limit': (v, passed, m) =>
    `savings ${m.text(v.savingsMinor)} are ${passed ? 'within' : 'above'} ` +
    `the limit ${m.text(v.savingsLimitMinor)} (${v.savingsLimitMonths} months of the standard per member)`,
  'minimum_living_allowance.special_group_raise': (v, _passed, m) =>
    `${v.members} member(s) in special groups add ${m.text(v.raisePerMemberMinor)} each ` +
    `(${v.raisePercent}% of the standard)`,
  'five_guarantees.no_legal_supporter': (_v, passed) =>
    passed ? 'no legal supporter' : 'a legal supporter is able to support the household',
  'five_guarantees.member_unable_to_work_without_income': (v, passed, m) =>
    passed
      ? `${v.members} member(s) cannot work and have no income: ` +
        `${m.text(v.monthlyPerPersonMinor)} a month each (${m.text(v.annualStandardMinor)} a year from ${v.standardEffectiveFrom})`
      : 'no member is both unable to work and without income',
  'medical_assistance.medical_need': (v, passed, m) =>
    passed
      ? `${v.seriouslyIllMembers} seriously ill member(s), medical costs ${m.text(v.medicalCostsMinor)} a month`
      : 'no serious illness and no medical costs',
  'education_assistance.student_member': (v, passed) =>
    passed ? `${v.students} student(s) in the household` : 'no student in the household',
  'housing_assistance.dangerous_housing': (_v, passed) => (passed ? 'housing is dangerous' : 'housing is safe'),
  'temporary_assistance.recent_hardship': (v, passed) =>
    passed ? `recent hardship: ${v.hardship}` : 'no recent hardship',
  'employment_support.able_member_of_working_age': (v, passed) =>
    passed
      ? `${v.members} member(s) aged ${v.fromAge}-${v.toAge} can work`
      : `no member aged ${v.fromAge}-${v.toAge} who can work`,
};

const DESCRIBE_CHANGE: Record<ChangeCode, string> = {
  income_below: 'monthly household income below',
  income_at_most: 'monthly household income at most',
  income_at_least: 'monthly household income at least',
  income_above: 'monthly household income above',
  medical_costs_at_least: 'monthly medical costs at least',
  savings_at_most: 'savings at most',
  savings_above: 'savings above',
};

function explainResult(result: ScreeningResult, money: MoneyFormat): string {
  const missing = result.reasons.filter((r) => r.rule === 'input.required').map((r) => r.values.field);
  const decided = result.reasons.filter(
    (r): r is Reason & { rule: keyof typeof DESCRIBE_RULE } => r.rule !== 'input.required',
  );
  const because = decided.map((r) => DESCRIBE_RULE[r.rule](r.values, r.passed, money)).join('; ');
  const sentences = [headline(result, money)];
  if (because) sentences.push(`${capitalise(because)}.`);
  if (missing.length > 0) sentences.push(`Needs: ${missing.join(', ')}.`);
  if (result.changes.length > 0) {
    const verb = result.status === 'eligible' ? 'Would end with' : 'Would qualify with';
    sentences.push(`${verb}: ${result.changes.map((c) => describeChange(c, money)).join(' or ')}.`);
  }
  return sentences.join(' ');
}

function headline(result: ScreeningResult, money: MoneyFormat): string {
  if (result.status === 'needs_info') return 'More information needed.';
  if (result.status === 'not_eligible') return 'Not eligible.';
  if (result.monthlyAmountMinor !== undefined) {
    return `Eligible: ${money.text(result.monthlyAmountMinor)} a month.`;
  }
  if (result.amountMinor !== undefined) return `Eligible: ${money.text(result.amountMinor)} once.`;
  return 'Eligible.';
}

function describeChange(change: Change, money: MoneyFormat): string {
  return `${DESCRIBE_CHANGE[change.code]} ${money.text(change.amountMinor)}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

process.exitCode = main(process.argv.slice(2));
