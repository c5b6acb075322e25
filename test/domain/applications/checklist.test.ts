// The checklist an application asks for, its progress, upload validation and the status table.
import { describe, expect, it } from 'vitest';
import {
  APPLICATION_STATUSES,
  buildChecklist,
  canTransition,
  checklistProgress,
  DOCUMENT_CODES,
  formatReference,
  MAX_UPLOAD_BYTES,
  REFERENCE_PATTERN,
  validateUpload,
  type ApplicationStatus,
  type ChecklistItem,
} from '../../../src/domain/applications/index.js';
import { family, hardship, household, member, newcomers, screen, singleAdult, wellOff } from './support.js';

const checklistOf = (h: Parameters<typeof buildChecklist>[0]) => buildChecklist(h, screen(h));
const keys = (items: ChecklistItem[]) => items.map((i) => `${i.code}#${i.memberIndex}`);

describe('buildChecklist', () => {
  it('a single adult with income: identity, register, income proof and the bank account the allowance is paid to', () => {
    expect(checklistOf(singleAdult)).toEqual([
      { code: 'identity', memberIndex: 0, why: [] },
      { code: 'household_register', memberIndex: -1, why: [] },
      {
        code: 'income_proof',
        memberIndex: 0,
        why: ['minimum_living_allowance', 'price_subsidy', 'employment_support'],
      },
      { code: 'bank_account', memberIndex: -1, why: ['minimum_living_allowance', 'price_subsidy'] },
    ]);
  });

  it('a family: identity from 16, income of earners, a disability certificate and every student', () => {
    const items = checklistOf(family);
    expect(keys(items)).toEqual([
      'identity#0',
      'identity#1',
      'identity#3',
      'household_register#-1',
      'income_proof#0',
      'disability_certificate#3',
      'school_enrolment#1',
      'school_enrolment#2',
      'bank_account#-1',
    ]);
    const school = items.find((i) => i.code === 'school_enrolment')!;
    expect(school.why).toEqual(['minimum_living_allowance', 'education_assistance']);
    // Five guarantees is not eligible (the family has a supporter), so it is not a reason.
    expect(items.find((i) => i.code === 'disability_certificate')!.why).toEqual(['minimum_living_allowance']);
  });

  it('newcomers prove their residence instead of showing a household register', () => {
    expect(screen(newcomers).residenceProofRequired).toBe(true);
    const items = checklistOf(newcomers);
    expect(keys(items)).toEqual([
      'identity#0',
      'residence_proof#-1',
      'income_proof#0',
      'disability_certificate#0',
      'bank_account#-1',
    ]);
    expect(keys(items)).not.toContain('household_register#-1');
  });

  it('illness, medical bills, dangerous housing and a disaster each add their evidence', () => {
    const items = checklistOf(hardship);
    expect(keys(items)).toEqual([
      'identity#0',
      'household_register#-1',
      'income_proof#0',
      'medical_bills#-1',
      'medical_diagnosis#0',
      'housing_photos#-1',
      'hardship_proof#-1',
      'bank_account#-1',
    ]);
    const why = Object.fromEntries(items.map((i) => [i.code, i.why]));
    expect(why.medical_diagnosis).toEqual(['minimum_living_allowance', 'medical_assistance']);
    expect(why.housing_photos).toEqual(['housing_assistance']);
    expect(why.hardship_proof).toEqual(['temporary_assistance']);
    expect(why.medical_bills).toContain('medical_assistance');
  });

  it('asks for no bank account when nothing that pays money is eligible', () => {
    const items = checklistOf(wellOff);
    expect(keys(items)).toEqual(['identity#0', 'household_register#-1', 'income_proof#0']);
    for (const item of items) expect(item.why).toEqual([]);
    // Employment support alone is a service, not money: still no bank account.
    const screening = screen(singleAdult);
    const onlyService = {
      ...screening,
      results: screening.results.map((r) =>
        r.programme === 'employment_support' ? r : { ...r, status: 'not_eligible' as const },
      ),
    };
    expect(onlyService.results.find((r) => r.programme === 'employment_support')!.status).toBe('eligible');
    expect(keys(buildChecklist(singleAdult, onlyService))).not.toContain('bank_account#-1');
  });

  it('identifies the first member when nobody is 16 or older', () => {
    const children = household({ members: [member({ age: 15, canWork: false }), member({ age: 12, canWork: false })] });
    expect(checklistOf(children).filter((i) => i.code === 'identity')).toEqual([
      { code: 'identity', memberIndex: 0, why: [] },
    ]);
  });

  it('lists codes in DOCUMENT_CODES order, then by member, and never twice', () => {
    for (const h of [singleAdult, family, newcomers, hardship, wellOff]) {
      const items = checklistOf(h);
      const order = items.map((i) => [DOCUMENT_CODES.indexOf(i.code), i.memberIndex]);
      const sorted = [...order].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
      expect(order).toEqual(sorted);
      expect(new Set(keys(items)).size).toBe(items.length);
      for (const i of items) expect(DOCUMENT_CODES).toContain(i.code);
    }
  });

  it('is pure: the same inputs give the same checklist, and the inputs are left alone', () => {
    const h = structuredClone(family);
    const s = screen(h);
    const frozen = JSON.stringify([h, s]);
    expect(buildChecklist(h, s)).toEqual(buildChecklist(h, s));
    expect(JSON.stringify([h, s])).toBe(frozen);
  });
});

describe('checklistProgress', () => {
  const items = checklistOf(singleAdult);

  it('counts provided and unavailable items of the checklist only', () => {
    expect(checklistProgress(items, [])).toEqual({ ready: 0, unavailable: 0, total: 4 });
    expect(
      checklistProgress(items, [
        { item: 'identity', memberIndex: 0, status: 'provided' },
        { item: 'bank_account', memberIndex: -1, status: 'unavailable' },
        // Not on this checklist: ignored.
        { item: 'identity', memberIndex: 1, status: 'provided' },
        { item: 'housing_photos', memberIndex: -1, status: 'provided' },
      ]),
    ).toEqual({ ready: 1, unavailable: 1, total: 4 });
  });
});

describe('validateUpload', () => {
  it('accepts photos and PDFs up to the limit, returning the canonical type', () => {
    for (const mimeType of ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf']) {
      expect(validateUpload({ mimeType, sizeBytes: 1 })).toEqual({ ok: true, mimeType });
    }
    expect(validateUpload({ mimeType: 'application/pdf', sizeBytes: MAX_UPLOAD_BYTES })).toEqual({
      ok: true,
      mimeType: 'application/pdf',
    });
    expect(MAX_UPLOAD_BYTES).toBe(10 * 1024 * 1024);
  });

  it('folds spellings phones send: case, parameters and aliases', () => {
    expect(validateUpload({ mimeType: 'IMAGE/JPEG', sizeBytes: 10 })).toEqual({ ok: true, mimeType: 'image/jpeg' });
    expect(validateUpload({ mimeType: 'image/jpg', sizeBytes: 10 })).toEqual({ ok: true, mimeType: 'image/jpeg' });
    expect(validateUpload({ mimeType: 'image/heif', sizeBytes: 10 })).toEqual({ ok: true, mimeType: 'image/heic' });
    expect(validateUpload({ mimeType: 'application/pdf; charset=binary', sizeBytes: 10 })).toEqual({
      ok: true,
      mimeType: 'application/pdf',
    });
  });

  it('infers the type from the file name only when the declared type is missing or generic', () => {
    expect(validateUpload({ mimeType: null, sizeBytes: 10, fileName: 'payslip.PDF' })).toEqual({
      ok: true,
      mimeType: 'application/pdf',
    });
    expect(validateUpload({ mimeType: 'application/octet-stream', fileName: 'IMG_0001.HEIC' })).toEqual({
      ok: true,
      mimeType: 'image/heic',
    });
    expect(validateUpload({ mimeType: 'application/octet-stream', fileName: 'run.exe' })).toEqual({
      ok: false,
      error: 'type_not_allowed',
    });
    // A declared type is not overridden by a hopeful file name.
    expect(validateUpload({ mimeType: 'application/zip', fileName: 'scan.pdf' })).toEqual({
      ok: false,
      error: 'type_not_allowed',
    });
    expect(validateUpload({})).toEqual({ ok: false, error: 'type_not_allowed' });
  });

  it('refuses other types, empty files and files over 10 MB', () => {
    for (const mimeType of ['image/gif', 'video/mp4', 'application/msword', 'text/plain', 'image/svg+xml']) {
      expect(validateUpload({ mimeType, sizeBytes: 10 })).toEqual({ ok: false, error: 'type_not_allowed' });
    }
    expect(validateUpload({ mimeType: 'image/png', sizeBytes: 0 })).toEqual({ ok: false, error: 'empty' });
    expect(validateUpload({ mimeType: 'image/png', sizeBytes: -5 })).toEqual({ ok: false, error: 'empty' });
    expect(validateUpload({ mimeType: 'image/png', sizeBytes: MAX_UPLOAD_BYTES + 1 })).toEqual({
      ok: false,
      error: 'too_large',
    });
  });

  it('skips the size check when Telegram does not report a size', () => {
    expect(validateUpload({ mimeType: 'image/jpeg', sizeBytes: null })).toEqual({ ok: true, mimeType: 'image/jpeg' });
    expect(validateUpload({ mimeType: 'image/jpeg' })).toEqual({ ok: true, mimeType: 'image/jpeg' });
  });
});

describe('canTransition', () => {
  const allowed: [ApplicationStatus, ApplicationStatus, 'applicant' | 'caseworker'][] = [
    ['draft', 'submitted', 'applicant'],
    ['draft', 'withdrawn', 'applicant'],
    ['submitted', 'under_review', 'caseworker'],
    ['submitted', 'withdrawn', 'applicant'],
    ['under_review', 'needs_documents', 'caseworker'],
    ['under_review', 'approved', 'caseworker'],
    ['under_review', 'rejected', 'caseworker'],
    ['under_review', 'withdrawn', 'applicant'],
    ['needs_documents', 'under_review', 'caseworker'],
    ['needs_documents', 'withdrawn', 'applicant'],
    // Assistance stopped at a re-review
    ['approved', 'ended', 'caseworker'],
  ];

  it('allows exactly the table, each to its own kind of actor', () => {
    for (const from of APPLICATION_STATUSES) {
      for (const to of APPLICATION_STATUSES) {
        const entry = allowed.find(([f, t]) => f === from && t === to);
        expect(canTransition(from, to), `${from} → ${to}`).toBe(entry !== undefined);
        if (!entry) continue;
        expect(canTransition(from, to, entry[2])).toBe(true);
        expect(canTransition(from, to, entry[2] === 'applicant' ? 'caseworker' : 'applicant')).toBe(false);
      }
    }
  });

  it('has no way out of rejected, withdrawn or ended, and only to ended out of approved', () => {
    for (const to of APPLICATION_STATUSES) expect(canTransition('approved', to)).toBe(to === 'ended');
    for (const from of ['rejected', 'withdrawn', 'ended'] as const) {
      for (const to of APPLICATION_STATUSES) expect(canTransition(from, to)).toBe(false);
    }
  });
});

describe('formatReference', () => {
  it('is SN-<UTC year>-<id padded to 6 digits>', () => {
    expect(formatReference(123, new Date('2026-03-01T00:00:00Z'))).toBe('SN-2026-000123');
    expect(formatReference(1, new Date('2026-12-31T23:59:59Z'))).toBe('SN-2026-000001');
    expect(formatReference(1_234_567, new Date('2027-01-01T00:00:00Z'))).toBe('SN-2027-1234567');
    expect(formatReference(42, new Date('2026-01-01T00:00:00Z'))).toMatch(REFERENCE_PATTERN);
  });
});
