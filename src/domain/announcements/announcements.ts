// Announcements from staff to many people at once: who may send them, how many people an audience
// reaches (for the preview), sending through the reminder queue, and each person's choice to
// receive none. Framework-free: codes and counts in and out; bot/ words them.
//
// Who may announce: admins and coordinators. Caseworkers may not: an announcement speaks for the
// programme to the whole district (or a whole township), which is a coordinator's call, and a
// caseworker's channel to a person is their case. The stored staff role is re-read on every call.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/index.js';
import { recordAudit } from '../audit/audit.js';
import { isStaffRole, type StaffRole } from '../people/roles.js';
import { announcementAudience, MAX_REMINDER_TEXT, scheduleAnnouncement, type AnnouncementAudience } from '../reminders/index.js';
import { isId, transaction } from '../transaction.js';

export const ANNOUNCER_ROLES: readonly StaffRole[] = ['admin', 'coordinator'];
export const MAX_ANNOUNCEMENT_TEXT = MAX_REMINDER_TEXT;

export type NotAllowed = { ok: false; error: 'not_allowed' };
export type UnknownTownship = { ok: false; error: 'unknown_township' };

export type PreviewResult =
  | {
      ok: true;
      recipients: number;
      /** How many recipients read each language, most readers first. */
      byLanguage: { language: string; count: number }[];
    }
  | NotAllowed
  | UnknownTownship;

export type SendResult =
  | { ok: true; scheduled: number; alreadyScheduled: number }
  | NotAllowed
  | UnknownTownship
  | { ok: false; error: 'invalid_text' | 'no_recipients' };

export interface AnnouncementDraft {
  /** From newAnnouncementKey(), made when the draft was started: sending it twice sends once. */
  key: string;
  text: string;
  /** Other languages' versions, by language code; the language it was written in is left out. */
  translations: Record<string, string>;
  audience: AnnouncementAudience;
}

/** True when the person's stored staff role lets them announce. */
export async function mayAnnounce(db: Db, actorId: number): Promise<boolean> {
  if (!isId(actorId)) return false;
  const row = await db.user.findUnique({ where: { id: actorId }, select: { staffRole: true } });
  return isStaffRole(row?.staffRole) && ANNOUNCER_ROLES.includes(row.staffRole);
}

/** A fresh key for one announcement: `announce:<staff id>:<random>`. */
export function newAnnouncementKey(actorId: number): string {
  return `announce:${actorId}:${randomBytes(6).toString('hex')}`;
}

export function isAnnouncementKey(value: unknown, actorId: number): value is string {
  return typeof value === 'string' && value.startsWith(`announce:${actorId}:`) && /^announce:\d+:[0-9a-f]{12}$/.test(value);
}

export function validAnnouncementText(text: string): boolean {
  return text.trim() !== '' && text.length <= MAX_ANNOUNCEMENT_TEXT;
}

function knownAudience(audience: AnnouncementAudience, townships: readonly string[]): boolean {
  return !('township' in audience) || townships.includes(audience.township);
}

/** How many people the audience reaches now, by language. `townships`: the configured codes. */
export async function previewAnnouncement(
  db: Db,
  actorId: number,
  audience: AnnouncementAudience,
  townships: readonly string[],
): Promise<PreviewResult> {
  if (!(await mayAnnounce(db, actorId))) return { ok: false, error: 'not_allowed' };
  if (!knownAudience(audience, townships)) return { ok: false, error: 'unknown_township' };
  const people = await announcementAudience(db, audience);
  const counts = new Map<string, number>();
  for (const p of people) counts.set(p.language, (counts.get(p.language) ?? 0) + 1);
  const byLanguage = [...counts].map(([language, count]) => ({ language, count }));
  byLanguage.sort((a, b) => b.count - a.count || a.language.localeCompare(b.language));
  return { ok: true, recipients: people.length, byLanguage };
}

/** Queues the announcement for every person of its audience, now (quiet hours still apply). */
export async function sendAnnouncement(
  db: Db,
  actorId: number,
  draft: AnnouncementDraft,
  townships: readonly string[],
  now: Date = new Date(),
): Promise<SendResult> {
  if (!(await mayAnnounce(db, actorId))) return { ok: false, error: 'not_allowed' };
  if (!isAnnouncementKey(draft.key, actorId)) return { ok: false, error: 'not_allowed' };
  if (!knownAudience(draft.audience, townships)) return { ok: false, error: 'unknown_township' };
  const texts = [draft.text, ...Object.values(draft.translations)];
  if (!texts.every(validAnnouncementText)) return { ok: false, error: 'invalid_text' };
  const count = await scheduleAnnouncement(db, {
    key: draft.key,
    text: draft.text,
    translations: draft.translations,
    audience: draft.audience,
    dueAt: now,
    actorId,
  });
  if (count.scheduled === 0 && count.alreadyScheduled === 0) return { ok: false, error: 'no_recipients' };
  return { ok: true, ...count };
}

export type OptOutResult = { ok: true; optedOut: boolean; changed: boolean; cancelled: number } | { ok: false; error: 'not_found' };

/**
 * The person's own choice: no announcements (`optOut` true), or announcements again. Stopping
 * also cancels announcements queued for them and not yet sent. Reminders about their own case are
 * not announcements and keep coming.
 */
export async function setAnnouncementsOptOut(db: Db, personId: number, optOut: boolean): Promise<OptOutResult> {
  if (!isId(personId)) return { ok: false, error: 'not_found' };
  return transaction<OptOutResult>(db, async (tx, rollback) => {
    const row = await tx.user.findUnique({ where: { id: personId }, select: { announcementsOptOut: true } });
    if (!row) return rollback({ ok: false, error: 'not_found' });
    if (row.announcementsOptOut === optOut) return rollback({ ok: true, optedOut: optOut, changed: false, cancelled: 0 });
    await tx.user.update({ where: { id: personId }, data: { announcementsOptOut: optOut } });
    const { count: cancelled } = optOut
      ? await tx.reminder.updateMany({
          where: { personId, kind: 'announcement', status: 'pending' },
          data: { status: 'cancelled', lastError: 'opted_out' },
        })
      : { count: 0 };
    await recordAudit(tx, {
      actorId: personId,
      action: optOut ? 'person.announcements_stopped' : 'person.announcements_resumed',
      subjectType: 'person',
      subjectId: String(personId),
      details: { cancelled },
    });
    return { ok: true, optedOut: optOut, changed: true, cancelled };
  });
}

/** Whether the person receives announcements now (for /privacy and /announcements). */
export async function announcementsOptedOut(db: Db, personId: number): Promise<boolean> {
  const row = isId(personId) ? await db.user.findUnique({ where: { id: personId }, select: { announcementsOptOut: true } }) : null;
  return row?.announcementsOptOut ?? false;
}
