// People and submitted applications for the casework tests, on a given database.
import { expect } from 'vitest';
import type { Db } from '../../../src/db/index.js';
import { markDocumentUnavailable, recordDocument, saveDraft, submitApplication, type ApplicationView } from '../../../src/domain/applications/index.js';
import { chooseRole, registerConsent } from '../../../src/domain/people/people.js';
import type { PersonRole, StaffRole } from '../../../src/domain/people/roles.js';
import type { QuestionnaireHousehold } from '../../../src/domain/questionnaire/index.js';
import { screen, singleAdult } from '../applications/support.js';

export interface PersonOptions {
  staffRole?: StaffRole;
  role?: PersonRole;
  language?: string;
  firstName?: string;
}

/** A person who consented (with Telegram id = chat id = `telegramId`), in a role if given; their User.id. */
export async function consentedPerson(db: Db, telegramId: number, opts: PersonOptions = {}): Promise<number> {
  const p = await registerConsent(db, {
    telegramId,
    chatId: telegramId,
    language: opts.language ?? 'en',
    firstName: opts.firstName ?? null,
    staffRole: opts.staffRole ?? null,
  });
  if (opts.role) await chooseRole(db, p.id, opts.role);
  return p.id;
}

/** `database` is read at each call: test files open theirs in beforeAll. */
export function casePeople(database: () => Db, firstTelegramId: number) {
  let nextTelegramId = firstTelegramId;
  let fileCounter = 0;

  const person = (opts: PersonOptions = {}): Promise<number> => consentedPerson(database(), nextTelegramId++, opts);

  /** Every checklist item dealt with: files for all but the last, which is marked unavailable. */
  async function completeChecklist(personId: number, app: ApplicationView): Promise<void> {
    const db = database();
    for (const [i, entry] of app.checklist.entries()) {
      fileCounter++;
      const result =
        i === app.checklist.length - 1
          ? await markDocumentUnavailable(db, personId, app.id, entry.code, entry.memberIndex)
          : await recordDocument(db, personId, app.id, {
              item: entry.code,
              memberIndex: entry.memberIndex,
              fileId: `file-${fileCounter}`,
              fileUniqueId: `uniq-${fileCounter}`,
              mimeType: i % 2 === 0 ? 'image/jpeg' : 'application/pdf',
              sizeBytes: 1000,
            });
      expect(result.ok).toBe(true);
    }
  }

  /** A new applicant with a submitted application (in `township`, when given). */
  async function submitted(h: QuestionnaireHousehold = singleAdult, language = 'en', township: string | null = null) {
    const db = database();
    const applicantId = await person({ role: 'applicant', language });
    const saved = await saveDraft(db, applicantId, h, screen(h));
    if (!saved.ok) throw new Error(saved.error);
    if (township) await db.application.update({ where: { id: saved.application.id }, data: { township } });
    await completeChecklist(applicantId, saved.application);
    const result = await submitApplication(db, applicantId, saved.application.id);
    if (!result.ok) throw new Error(result.error);
    return { applicantId, app: result.application };
  }

  return { person, completeChecklist, submitted };
}
