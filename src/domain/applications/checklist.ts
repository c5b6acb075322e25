// What an applicant must gather, worked out from their household and its screening, and which
// files the bot accepts. Pure: codes and numbers only; bot/ turns codes into words.
import type { QuestionnaireHousehold } from '../questionnaire/household.js';
import type { ProgrammeId, Screening } from '../screening/index.js';

/** Checklist item codes, in the order a checklist lists them. */
export const DOCUMENT_CODES = [
  'identity',
  'household_register',
  'residence_proof',
  'income_proof',
  'medical_bills',
  'medical_diagnosis',
  'disability_certificate',
  'school_enrolment',
  'housing_photos',
  'hardship_proof',
  'bank_account',
] as const;
export type DocumentCode = (typeof DOCUMENT_CODES)[number];

export function isDocumentCode(value: unknown): value is DocumentCode {
  return typeof value === 'string' && (DOCUMENT_CODES as readonly string[]).includes(value);
}

/** `memberIndex` of items about the whole household rather than one member. */
export const HOUSEHOLD_ITEM = -1;

/** Members from this age show their own identity document; younger ones are on the household's. */
export const IDENTITY_FROM_AGE = 16;

export interface ChecklistItem {
  code: DocumentCode;
  /** Index into `household.members`, or HOUSEHOLD_ITEM (-1) for household-level items. */
  memberIndex: number;
  /**
   * The eligible programmes (screening status `eligible`) whose rules this document is evidence
   * for, in the screening's programme order. Empty for general items (identity, residence) and
   * when nothing the document supports was found eligible.
   */
  why: ProgrammeId[];
}

const ALL_BUT = (...excluded: ProgrammeId[]) => (p: ProgrammeId) => !excluded.includes(p);
/** Programmes with an income test (all but five guarantees, which asks for no income at all). */
const meansTested = ALL_BUT('five_guarantees');
/** Programmes that pay money, which goes to a bank passbook (employment support is a service). */
const paysMoney = ALL_BUT('employment_support');

/**
 * The programmes whose rules read the fact a document proves:
 * - income and medical costs: every income test (medical costs are deducted from income);
 * - serious illness: medical assistance and the allowance's special-group raise;
 * - disability: the allowance's raise (severe) and five guarantees (no ability to work);
 * - students: education assistance and the allowance's single-parent raise.
 */
const SUPPORTS: Record<DocumentCode, (programme: ProgrammeId) => boolean> = {
  identity: () => false,
  household_register: () => false,
  residence_proof: () => false,
  income_proof: meansTested,
  medical_bills: meansTested,
  medical_diagnosis: (p) => p === 'medical_assistance' || p === 'minimum_living_allowance',
  disability_certificate: (p) => p === 'five_guarantees' || p === 'minimum_living_allowance',
  school_enrolment: (p) => p === 'education_assistance' || p === 'minimum_living_allowance',
  housing_photos: (p) => p === 'housing_assistance',
  hardship_proof: (p) => p === 'temporary_assistance',
  bank_account: paysMoney,
};

/**
 * The documents for an application, in a stable order: by code (DOCUMENT_CODES order), then by
 * member. Identity is asked of every member aged 16+, and of the first member when nobody is
 * (somebody must be identified). Newcomers prove their residence instead of showing the local
 * household register. A bank account is asked for only when an eligible programme pays money.
 */
export function buildChecklist(household: QuestionnaireHousehold, screening: Screening): ChecklistItem[] {
  const eligible = screening.results.filter((r) => r.status === 'eligible').map((r) => r.programme);
  const items: ChecklistItem[] = [];
  const add = (code: DocumentCode, memberIndex: number) =>
    items.push({ code, memberIndex, why: eligible.filter(SUPPORTS[code]) });
  const eachMember = (code: DocumentCode, applies: (m: QuestionnaireHousehold['members'][number]) => boolean) =>
    household.members.forEach((m, i) => {
      if (applies(m)) add(code, i);
    });

  const members = household.members;
  if (members.some((m) => m.age >= IDENTITY_FROM_AGE)) eachMember('identity', (m) => m.age >= IDENTITY_FROM_AGE);
  else if (members.length > 0) add('identity', 0);

  const newcomer = screening.residenceProofRequired || household.residency === 'newcomer';
  add(newcomer ? 'residence_proof' : 'household_register', HOUSEHOLD_ITEM);

  eachMember('income_proof', (m) => m.monthlyIncome > 0);
  if (household.monthlyExpenses.medical > 0) add('medical_bills', HOUSEHOLD_ITEM);
  eachMember('medical_diagnosis', (m) => m.seriousIllness);
  eachMember('disability_certificate', (m) => m.disability !== 'none');
  eachMember('school_enrolment', (m) => m.student);
  if (household.housingCondition === 'dangerous') add('housing_photos', HOUSEHOLD_ITEM);
  if (household.recentHardship !== 'none') add('hardship_proof', HOUSEHOLD_ITEM);
  if (eligible.some(paysMoney)) add('bank_account', HOUSEHOLD_ITEM);
  return items;
}

export type DocumentStatus = 'provided' | 'unavailable';
export const DOCUMENT_STATUSES: readonly DocumentStatus[] = ['provided', 'unavailable'];

export interface ChecklistProgress {
  /** Items with a file. */
  ready: number;
  /** Items the applicant said they cannot get. */
  unavailable: number;
  total: number;
}

/** Counts the checklist's items by their document; documents for items not on it are ignored. */
export function checklistProgress(
  items: readonly Pick<ChecklistItem, 'code' | 'memberIndex'>[],
  documents: readonly { item: string; memberIndex: number; status: string }[],
): ChecklistProgress {
  const progress: ChecklistProgress = { ready: 0, unavailable: 0, total: items.length };
  for (const item of items) {
    const doc = documents.find((d) => d.item === item.code && d.memberIndex === item.memberIndex);
    if (doc?.status === 'provided') progress.ready++;
    else if (doc?.status === 'unavailable') progress.unavailable++;
  }
  return progress;
}

// --- Uploads -------------------------------------------------------------------------------

/** Photos and scans a caseworker can open on any device; HEIC is what iPhones take. */
export const ALLOWED_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf'] as const;
export type AllowedMimeType = (typeof ALLOWED_MIME_TYPES)[number];

/** 10 MB: a phone photo or a scanned PDF fits; the Bot API lets bots download up to 20 MB. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export type UploadError = 'type_not_allowed' | 'too_large' | 'empty';

export interface UploadInput {
  /** As Telegram reports it; missing for some documents, and always JPEG for photos. */
  mimeType?: string | null;
  /** Missing when Telegram does not know it; the check is then skipped. */
  sizeBytes?: number | null;
  fileName?: string | null;
}

/** Other spellings of the allowed types that phones and mail apps send. */
const MIME_ALIASES: Readonly<Record<string, AllowedMimeType>> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/heif': 'image/heic',
  'image/x-png': 'image/png',
  'application/x-pdf': 'application/pdf',
};

const EXTENSIONS: Readonly<Record<string, AllowedMimeType>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heic',
  pdf: 'application/pdf',
};

/** Types that say nothing about the content: the file name's extension decides instead. */
const GENERIC_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

function mimeTypeOf(input: UploadInput): AllowedMimeType | null {
  // "image/jpeg; charset=binary" → "image/jpeg"
  const declared = (input.mimeType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!GENERIC_TYPES.has(declared)) {
    if ((ALLOWED_MIME_TYPES as readonly string[]).includes(declared)) return declared as AllowedMimeType;
    return MIME_ALIASES[declared] ?? null;
  }
  const extension = /\.([a-z0-9]+)$/i.exec(input.fileName?.trim() ?? '')?.[1]?.toLowerCase();
  return (extension && EXTENSIONS[extension]) || null;
}

/**
 * Whether the bot accepts a file for the checklist. On success returns the canonical MIME type
 * (aliases such as image/jpg folded; a generic or missing type inferred from the file name).
 */
export function validateUpload(
  input: UploadInput,
): { ok: true; mimeType: AllowedMimeType } | { ok: false; error: UploadError } {
  const size = input.sizeBytes;
  if (size !== undefined && size !== null) {
    if (!Number.isFinite(size) || size <= 0) return { ok: false, error: 'empty' };
    if (size > MAX_UPLOAD_BYTES) return { ok: false, error: 'too_large' };
  }
  const mimeType = mimeTypeOf(input);
  return mimeType ? { ok: true, mimeType } : { ok: false, error: 'type_not_allowed' };
}
