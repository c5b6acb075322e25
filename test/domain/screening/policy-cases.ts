// Loads the policy case tables in cases/*.json: validates their shape, applies each file's
// defaults and checks every household against the same schema the CLI uses.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { householdSchema, PROGRAMME_IDS, type Household } from '../../../src/domain/screening/index.js';

const casesDir = join(import.meta.dirname, 'cases');

const expectationSchema = z.strictObject({
  status: z.enum(['eligible', 'not_eligible', 'needs_info']),
  /** Major units, as the CLI prints them. */
  monthlyAmount: z.number().optional(),
  amount: z.number().optional(),
  /** Rules that must be among the failed reasons. */
  failed: z.array(z.string()).optional(),
  /** Answers that must be asked for (any order). */
  missing: z.array(z.string()).optional(),
});
export type Expectation = z.infer<typeof expectationSchema>;

const looseObject = z.record(z.string(), z.unknown());

const caseSchema = z.strictObject({
  name: z.string().min(1),
  why: z.string().min(1),
  date: z.iso.date(),
  household: looseObject,
  /** Minimum living standard in force for the household's area, major units. */
  standard: z.number().optional(),
  specialGroups: z.array(z.string()).optional(),
  expect: z.partialRecord(z.enum(PROGRAMME_IDS), expectationSchema),
});

const caseFileSchema = z.strictObject({
  about: z.string(),
  defaults: z.strictObject({ household: looseObject, member: looseObject }).optional(),
  cases: z.array(caseSchema).min(1),
});

export type PolicyCase = Omit<z.infer<typeof caseSchema>, 'household'> & { household: Household };

export interface CaseFile {
  readonly file: string;
  readonly cases: readonly PolicyCase[];
}

export function loadCaseFiles(): CaseFile[] {
  return readdirSync(casesDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = caseFileSchema.parse(JSON.parse(readFileSync(join(casesDir, file), 'utf8')));
      return { file, cases: parsed.cases.map((c) => ({ ...c, household: withDefaults(c, parsed.defaults, file) })) };
    });
}

function withDefaults(
  policyCase: z.infer<typeof caseSchema>,
  defaults: z.infer<typeof caseFileSchema>['defaults'],
  file: string,
): Household {
  const household = policyCase.household;
  const members = Array.isArray(household.members) ? household.members : undefined;
  const merged = defaults
    ? {
        ...defaults.household,
        ...household,
        ...(members && { members: members.map((m: unknown) => ({ ...defaults.member, ...(m as object) })) }),
      }
    : household;
  const result = householdSchema.safeParse(merged);
  if (!result.success) {
    throw new Error(`${file} "${policyCase.name}": invalid household: ${JSON.stringify(result.error.issues)}`);
  }
  return result.data;
}
