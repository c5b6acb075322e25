// Reads locales/faq/<lang>.json, validates every file and builds the search index. Content errors
// stop the bot at start with one message that names each file and entry at fault, instead of a
// wrong or missing answer in front of a person later.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { buildFaqIndex, type FaqIndex } from './faq-index.js';
import { faqFileSchema, type FaqEntry } from './schema.js';

export const DEFAULT_FAQ_DIR = fileURLToPath(new URL('../../../locales/faq/', import.meta.url));

// Ids are compared against this language's file when it exists: it is the one authors write first.
const REFERENCE_LANGUAGE = 'en';

interface FaqFileContent {
  readonly language: string;
  readonly file: string;
  readonly entries: readonly FaqEntry[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The id of the entry at `position` of unvalidated content, to name it in an error. */
function idAt(raw: unknown, position: number): string | undefined {
  if (!isRecord(raw) || !Array.isArray(raw.entries)) return undefined;
  const entry: unknown = raw.entries[position];
  return isRecord(entry) && typeof entry.id === 'string' ? entry.id : undefined;
}

function describeIssue(file: string, raw: unknown, issue: z.core.$ZodIssue): string {
  const [first, position, ...rest] = issue.path;
  const field = rest.map(String).join('.');
  if (first === 'entries' && typeof position === 'number') {
    const id = idAt(raw, position);
    const entry = id === undefined ? `entries[${position}]` : `entry "${id}"`;
    return `${file}: ${entry}${field ? ` ${field}` : ''}: ${issue.message}`;
  }
  return `${file}: ${issue.path.map(String).join('.') || 'file'}: ${issue.message}`;
}

function readFaqFile(dir: string, name: string, problems: string[]): FaqFileContent | undefined {
  const file = join(dir, name);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`${file}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  const parsed = faqFileSchema.safeParse(raw);
  if (!parsed.success) {
    problems.push(...parsed.error.issues.map((issue) => describeIssue(file, raw, issue)));
    return undefined;
  }
  const seen = new Set<string>();
  for (const { id } of parsed.data.entries) {
    if (seen.has(id)) problems.push(`${file}: entry "${id}" appears more than once`);
    seen.add(id);
  }
  return { language: name.replace(/\.json$/, ''), file, entries: parsed.data.entries };
}

function referenceOf(files: readonly FaqFileContent[]): FaqFileContent | undefined {
  return files.find((f) => f.language === REFERENCE_LANGUAGE) ?? files[0];
}

/** Every language must answer the same questions: report ids missing from or extra to the reference. */
function checkSameIds(files: readonly FaqFileContent[], problems: string[]): void {
  const reference = referenceOf(files);
  if (!reference) return;
  const referenceIds = new Set(reference.entries.map((entry) => entry.id));
  for (const other of files) {
    const ids = new Set(other.entries.map((entry) => entry.id));
    for (const id of referenceIds) {
      if (!ids.has(id)) problems.push(`${other.file}: entry "${id}" is missing (it is in ${reference.file})`);
    }
    for (const id of ids) {
      if (!referenceIds.has(id)) problems.push(`${other.file}: entry "${id}" is not in ${reference.file}`);
    }
  }
}

/**
 * Reads and validates every `<lang>.json` in `dir` and indexes them for search. Call it once at
 * start and share the result. Throws one error listing every problem, each naming file and entry.
 */
export function loadFaq(dir: string = DEFAULT_FAQ_DIR): FaqIndex {
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  if (names.length === 0) throw new Error(`No FAQ files (<lang>.json) in ${dir}`);
  const problems: string[] = [];
  const files = names.flatMap((name) => readFaqFile(dir, name, problems) ?? []);
  if (problems.length === 0) checkSameIds(files, problems);
  if (problems.length > 0) throw new Error(`Invalid FAQ content:\n${problems.map((p) => `- ${p}`).join('\n')}`);

  const ids = referenceOf(files)?.entries.map((entry) => entry.id) ?? [];
  return buildFaqIndex(ids, new Map(files.map((f) => [f.language, f.entries])));
}
