// The household and screening an application keeps as JSON text, checked on the way in and on
// the way out: a row edited by hand or written by an older version must not pass as valid data.
import { z } from 'zod';
import { AREAS, DISABILITIES, HARDSHIPS, HOUSING_CONDITIONS, RESIDENCIES } from '../questionnaire/answers.js';
import type { QuestionnaireHousehold } from '../questionnaire/household.js';
import { PROGRAMME_IDS, type ProgrammeId, type Screening } from '../screening/index.js';

const amount = z.number().finite().min(0);

const memberSchema = z.object({
  age: z.number().int().min(0),
  monthlyIncome: amount,
  disability: z.enum(DISABILITIES),
  seriousIllness: z.boolean(),
  student: z.boolean(),
  canWork: z.boolean(),
});

const householdSchema: z.ZodType<QuestionnaireHousehold> = z.object({
  area: z.enum(AREAS),
  residency: z.enum(RESIDENCIES),
  members: z.array(memberSchema).min(1),
  monthlyExpenses: z.object({ medical: amount }),
  savings: amount,
  hasSupporter: z.boolean(),
  housingCondition: z.enum(HOUSING_CONDITIONS),
  recentHardship: z.enum(HARDSHIPS),
});

// Loose: fields a later version adds are kept. Codes (rules, changes, groups) stay strings: a
// renamed code must not make an old application unreadable.
const resultSchema = z.looseObject({
  programme: z.string(),
  status: z.enum(['eligible', 'not_eligible', 'needs_info']),
  monthlyAmountMinor: z.number().int().optional(),
  amountMinor: z.number().int().optional(),
  reasons: z.array(z.looseObject({ rule: z.string(), passed: z.boolean(), values: z.record(z.string(), z.unknown()) })),
  changes: z.array(z.looseObject({ code: z.string(), amountMinor: z.number() })),
});

const screeningSchema = z.looseObject({
  date: z.string(),
  region: z.string(),
  currency: z.string(),
  standard: z.looseObject({ area: z.enum(AREAS), amountMinor: z.number().int(), effectiveFrom: z.string() }).optional(),
  residency: z.enum(RESIDENCIES),
  residenceProofRequired: z.boolean(),
  specialGroups: z.array(z.string()),
  results: z.array(resultSchema),
});

const isProgrammeId = (value: string): value is ProgrammeId => (PROGRAMME_IDS as readonly string[]).includes(value);

function issuePaths(error: z.ZodError): string {
  // Paths only: the values are personal data and must not reach logs.
  return error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
}

/** The household, or the paths of what is wrong with it. */
export function checkHousehold(
  value: unknown,
): { ok: true; household: QuestionnaireHousehold } | { ok: false; paths: string } {
  const parsed = householdSchema.safeParse(value);
  return parsed.success ? { ok: true, household: parsed.data } : { ok: false, paths: issuePaths(parsed.error) };
}

/** The screening, without results for programmes this version no longer runs. */
export function checkScreening(value: unknown): { ok: true; screening: Screening } | { ok: false; paths: string } {
  const parsed = screeningSchema.safeParse(value);
  if (!parsed.success) return { ok: false, paths: issuePaths(parsed.error) };
  const results = parsed.data.results.filter((r) => isProgrammeId(r.programme));
  // Checked above as far as the application reads it; codes are kept as stored (see resultSchema).
  return { ok: true, screening: { ...parsed.data, results } as unknown as Screening };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Reads a stored column back; a corrupt one is a data error worth a loud failure (no values in it). */
export function readHousehold(applicationId: number, text: string): QuestionnaireHousehold {
  const checked = checkHousehold(parseJson(text));
  if (!checked.ok) throw new Error(`Application ${applicationId}: stored household is invalid at ${checked.paths}`);
  return checked.household;
}

export function readScreening(applicationId: number, text: string): Screening {
  const checked = checkScreening(parseJson(text));
  if (!checked.ok) throw new Error(`Application ${applicationId}: stored screening is invalid at ${checked.paths}`);
  return checked.screening;
}

/** For the personal-data export: whatever is stored, parsed when it parses. */
export function storedJson(text: string): unknown {
  return parseJson(text) ?? text;
}
