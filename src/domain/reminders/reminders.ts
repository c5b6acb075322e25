// The case calendar other features write to: schedule a reminder (once per dedupe key), schedule
// an announcement to many people, cancel, list what is coming, and record a person's answer.
// Sending is the scheduler's job (src/scheduler/, through queue.ts).
import { sql, sqlJoin, type Db, type DbTx } from '../../db/index.js';
import { recordAudit } from '../audit/audit.js';
import { audienceCode, audienceWhere, type AnnouncementAudience } from './audience.js';
import {
  ANSWERABLE_KINDS,
  isRecurrence,
  isReminderKind,
  MAX_REMINDER_TEXT,
  parsePayload,
  payloadProblem,
  type Recurrence,
  type ReminderKind,
  type ReminderPayload,
  type ReminderResponse,
} from './kinds.js';
import { tomorrowAtSameTime, usableTimeZone } from './time.js';

/** A bug in the calling code (unknown kind, bad payload, empty key): never a person's mistake. */
export class ReminderInputError extends Error {
  override name = 'ReminderInputError';
}

const MAX_DEDUPE_KEY = 200;

export interface ScheduleReminderInput {
  personId: number;
  kind: Exclude<ReminderKind, 'escalation'>;
  /** When to send (UTC). Quiet hours are applied when it comes due, in the person's time zone then. */
  dueAt: Date;
  payload?: ReminderPayload;
  /**
   * Names the logical reminder, e.g. `review:app:123:2026-12`. Scheduling the same key again is a
   * no-op. Keys of one subject should share a prefix ending in a separator, for cancelReminders.
   */
  dedupeKey: string;
  /** Monthly payment day, yearly pledge: the next occurrence is created when this one is sent. */
  recurrence?: Recurrence | null;
  /** Staff User.id told when the person does not react; null or unset: the admins. */
  escalateToId?: number | null;
  /** Who scheduled it, for the audit trail; null or unset: the system. */
  actorId?: number | null;
}

export interface Scheduled {
  id: number;
  /** False when a reminder with this dedupe key already existed (and was left as it was). */
  created: boolean;
}

function validate(input: ScheduleReminderInput): void {
  if (!isReminderKind(input.kind) || (input.kind as string) === 'escalation') throw new ReminderInputError(`unknown reminder kind "${String(input.kind)}"`);
  if (!(input.dueAt instanceof Date) || Number.isNaN(input.dueAt.getTime())) throw new ReminderInputError('dueAt must be a valid Date');
  if (typeof input.dedupeKey !== 'string' || input.dedupeKey.trim() === '' || input.dedupeKey.length > MAX_DEDUPE_KEY) {
    throw new ReminderInputError(`dedupeKey must be 1–${MAX_DEDUPE_KEY} characters`);
  }
  if (input.recurrence != null && !isRecurrence(input.recurrence)) throw new ReminderInputError('recurrence must be monthly, yearly or null');
  const problem = payloadProblem(input.kind, input.payload ?? {});
  if (problem) throw new ReminderInputError(`payload of a ${input.kind} reminder: bad or missing "${problem}"`);
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2002';
}

async function insertReminder(tx: DbTx, input: ScheduleReminderInput): Promise<Scheduled> {
  const recurrence = input.recurrence ?? null;
  const row = await tx.reminder.create({
    data: {
      personId: input.personId,
      kind: input.kind,
      dueAt: input.dueAt,
      payload: JSON.stringify(input.payload ?? {}),
      dedupeKey: input.dedupeKey,
      recurrence,
      ...(recurrence ? { seriesKey: input.dedupeKey, seriesStart: input.dueAt, occurrence: 0 } : {}),
      escalateToId: input.escalateToId ?? null,
    },
  });
  await recordAudit(tx, {
    actorId: input.actorId ?? null,
    action: 'reminder.scheduled',
    subjectType: 'reminder',
    subjectId: String(row.id),
    details: { kind: input.kind, recurrence },
  });
  return { id: row.id, created: true };
}

/** Creates the reminder unless one with the same dedupe key exists. */
export async function scheduleReminder(db: Db, input: ScheduleReminderInput): Promise<Scheduled> {
  validate(input);
  const existing = await db.reminder.findUnique({ where: { dedupeKey: input.dedupeKey }, select: { id: true } });
  if (existing) return { id: existing.id, created: false };
  try {
    return await db.$transaction((tx) => insertReminder(tx, input));
  } catch (err) {
    // Scheduled by someone else between our look-up and our insert: theirs stands.
    if (!isUniqueViolation(err)) throw err;
    const row = await db.reminder.findUnique({ where: { dedupeKey: input.dedupeKey }, select: { id: true } });
    if (!row) throw err;
    return { id: row.id, created: false };
  }
}

/**
 * scheduleReminder inside the caller's transaction, so that the reminder exists exactly when the
 * caller's change does. The caller must own the subject of the key (e.g. it has just created the
 * row the key names): a concurrent insert of the same key would fail the whole transaction.
 */
export async function scheduleReminderIn(tx: DbTx, input: ScheduleReminderInput): Promise<Scheduled> {
  validate(input);
  const existing = await tx.reminder.findUnique({ where: { dedupeKey: input.dedupeKey }, select: { id: true } });
  if (existing) return { id: existing.id, created: false };
  return insertReminder(tx, input);
}

export interface AnnouncementInput {
  /** Names the announcement; each recipient's reminder gets the key `<key>:<personId>`. */
  key: string;
  /** The text, in the language it was written in; used where no translation fits. */
  text: string;
  /** The same text in other languages, by language code (en, zh, es, ar, uk). */
  translations?: Record<string, string>;
  dueAt: Date;
  /** Everybody reachable by default; see audience.ts. People who opted out are always skipped. */
  audience?: AnnouncementAudience;
  actorId: number | null;
}

export interface AnnouncementCount {
  /** Reminders created now. */
  scheduled: number;
  /** People of the audience who already had this announcement (the same key scheduled before). */
  alreadyScheduled: number;
}

/**
 * Rows per INSERT: 7 parameters each, under SQLite's 32,766 and PostgreSQL's 65,535 per statement.
 * Small, for the heap: Prisma keeps each query's plan (~1.5 KiB a row here) among the arguments of
 * its last 100 debug calls, even with debugging off, so the last ~30 INSERTs stay in memory until
 * other queries push them out. At 1,000 rows an announcement to 20,000 people raised the heap by
 * ~45 MiB and left ~30 MiB behind; at 250, ~20–30 MiB and ~5–20 MiB, in the same time
 * (`npm run bench -- statistics`).
 */
const INSERT_CHUNK = 250;
const LANGUAGE_CODE = /^[a-z]{2,3}$/;

function validateAnnouncement(input: AnnouncementInput): void {
  const translations = Object.entries(input.translations ?? {});
  for (const text of [input.text, ...translations.map(([, text]) => text)]) {
    if (payloadProblem('announcement', { text })) throw new ReminderInputError(`announcement text must be 1–${MAX_REMINDER_TEXT} characters`);
  }
  if (translations.some(([lang]) => !LANGUAGE_CODE.test(lang))) throw new ReminderInputError('translations are keyed by language code');
  if (!input.key || input.key.length > MAX_DEDUPE_KEY - 12) throw new ReminderInputError('announcement key is empty or too long');
}

/** The people an announcement would reach now, with their language: for a preview, and for sending. */
export async function announcementAudience(db: Db | DbTx, audience: AnnouncementAudience = { group: 'all' }): Promise<{ id: number; language: string }[]> {
  return db.user.findMany({ where: audienceWhere(audience), select: { id: true, language: true }, orderBy: { id: 'asc' } });
}

/**
 * One reminder per person of the audience, through the same queue as every other reminder (same
 * pace, quiet hours and delivery guarantee), each in the person's language when there is a
 * translation for it. Running it again with the same key adds only people who did not have it
 * yet, so a repeated request (a double tap) sends nothing twice. The audit event holds counts and
 * codes, never the text.
 */
export async function scheduleAnnouncement(db: Db, input: AnnouncementInput): Promise<AnnouncementCount> {
  validateAnnouncement(input);
  const audience = input.audience ?? { group: 'all' };
  const prefix = `${input.key}:`;
  return db.$transaction(async (tx) => {
    const people = await announcementAudience(tx, audience);
    const existing = new Set(
      (await tx.reminder.findMany({ where: { dedupeKey: { startsWith: prefix } }, select: { dedupeKey: true } })).map((r) => r.dedupeKey),
    );
    const now = new Date();
    const rows = people.filter((p) => !existing.has(prefix + p.id));
    const values = (p: { id: number; language: string }) =>
      sql`(${p.id}, ${'announcement'}, ${input.dueAt}, ${JSON.stringify({ text: input.translations?.[p.language] ?? input.text })}, ${prefix + p.id}, ${now}, ${now})`;
    // One multi-row INSERT per chunk: createMany builds its queries too slowly for a district
    // (20,000 people took ~12 s, past the interactive transaction's limit on PostgreSQL). Each
    // chunk's values are made only for its own INSERT, not all of a district's at once.
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await tx.$executeRaw`INSERT INTO "Reminder" ("personId", "kind", "dueAt", "payload", "dedupeKey", "createdAt", "updatedAt") VALUES ${sqlJoin(rows.slice(i, i + INSERT_CHUNK).map(values))}`;
    }
    if (rows.length > 0) {
      await recordAudit(tx, {
        actorId: input.actorId,
        action: 'announcement.scheduled',
        subjectType: 'announcement',
        subjectId: input.key,
        details: {
          recipients: rows.length,
          alreadyScheduled: people.length - rows.length,
          audience: audienceCode(audience),
          translations: Object.keys(input.translations ?? {}).sort(),
        },
      });
    }
    return { scheduled: rows.length, alreadyScheduled: people.length - rows.length };
  }, ANNOUNCEMENT_TRANSACTION);
}

/**
 * A district-wide announcement writes one row per person in one transaction (all or nothing, with
 * its audit event): measured ~1 s on SQLite and ~3.6 s on PostgreSQL for 20,000 people, close to
 * Prisma's default 5 s limit for an interactive transaction, hence a wider one.
 */
const ANNOUNCEMENT_TRANSACTION = { timeout: 120_000, maxWait: 10_000 };

export interface CancelInput {
  personId?: number;
  /** E.g. `review:app:123:` cancels every reminder (and every later occurrence) of that application. */
  dedupeKeyPrefix?: string;
  actorId?: number | null;
  /** A code for the audit trail, e.g. `application_withdrawn`. */
  reason?: string;
  /** Keys starting with any of these are kept: cancel "everything of this case but the current ones". */
  except?: readonly string[];
}

/** Cancels what has not been sent yet. Returns how many reminders were cancelled. */
export async function cancelReminders(db: Db, input: CancelInput): Promise<number> {
  return db.$transaction((tx) => cancelRemindersIn(tx, input));
}

/**
 * cancelReminders inside the caller's transaction. With `settleSent`, reminders already sent
 * under the prefix also stop waiting for an answer: their escalation is called off (the person
 * did what the reminder asked for by another way, e.g. logged the visit it was about).
 */
export async function cancelRemindersIn(tx: DbTx, input: CancelInput & { settleSent?: boolean }): Promise<number> {
  if (input.personId === undefined && !input.dedupeKeyPrefix) {
    throw new ReminderInputError('cancelReminders needs a personId or a dedupeKeyPrefix');
  }
  const scope = {
    ...(input.personId !== undefined ? { personId: input.personId } : {}),
    ...(input.dedupeKeyPrefix ? { dedupeKey: { startsWith: input.dedupeKeyPrefix } } : {}),
  };
  const { count } = await tx.reminder.updateMany({
    where: {
      status: { in: ['pending', 'claimed'] },
      ...scope,
      ...(input.except?.length ? { AND: input.except.map((prefix) => ({ NOT: { dedupeKey: { startsWith: prefix } } })) } : {}),
    },
    data: { status: 'cancelled', lastError: input.reason ?? 'cancelled', leaseUntil: null },
  });
  if (input.settleSent) {
    await tx.reminder.updateMany({
      where: { status: 'sent', escalatedAt: null, escalationDueAt: { not: null }, ...scope },
      data: { escalationDueAt: null },
    });
  }
  if (count > 0) {
    await recordAudit(tx, {
      actorId: input.actorId ?? null,
      action: 'reminders.cancelled',
      subjectType: input.personId !== undefined ? 'person' : 'reminders',
      subjectId: input.personId !== undefined ? String(input.personId) : (input.dedupeKeyPrefix ?? null),
      details: { count, reason: input.reason ?? null },
    });
  }
  return count;
}

/**
 * Reminders already sent under `dedupeKeyPrefix` and not answered yet count as answered `done`:
 * the person did what they were reminded of by another way (e.g. reported a pledge instalment
 * paid), so nobody is escalated about them. Returns how many were closed.
 */
export async function settleSentRemindersIn(tx: DbTx, dedupeKeyPrefix: string, now: Date): Promise<number> {
  if (!dedupeKeyPrefix) throw new ReminderInputError('settleSentRemindersIn needs a dedupeKeyPrefix');
  const { count } = await tx.reminder.updateMany({
    where: { dedupeKey: { startsWith: dedupeKeyPrefix }, status: 'sent', response: null },
    data: { response: 'done', respondedAt: now, escalationDueAt: null },
  });
  return count;
}

export interface UpcomingReminder {
  id: number;
  kind: ReminderKind;
  dueAt: Date;
  payload: ReminderPayload;
  recurrence: Recurrence | null;
}

/** What is coming for the person, soonest first (at most `limit`), and how many there are in all. */
export async function upcomingReminders(
  db: Db,
  personId: number,
  options: { limit?: number } = {},
): Promise<{ reminders: UpcomingReminder[]; total: number }> {
  const where = { personId, status: { in: ['pending', 'claimed'] } };
  const [rows, total] = await Promise.all([
    db.reminder.findMany({ where, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }], take: options.limit ?? 10 }),
    db.reminder.count({ where }),
  ]);
  return {
    reminders: rows
      .filter((r) => isReminderKind(r.kind))
      .map((r) => ({
        id: r.id,
        kind: r.kind as ReminderKind,
        dueAt: r.dueAt,
        payload: parsePayload(r.payload),
        recurrence: isRecurrence(r.recurrence) ? r.recurrence : null,
      })),
    total,
  };
}

export type RespondResult =
  | { ok: true; response: ReminderResponse; kind: ReminderKind; snoozedUntil?: Date }
  | { ok: false; error: 'not_found' | 'already_answered' };

/** The snoozed copy of `dedupeKey`: one per reminder snoozed, all under the original key's prefix. */
function snoozeKey(dedupeKey: string, reminderId: number): string {
  return `${dedupeKey.replace(/\/snooze-\d+$/, '')}/snooze-${reminderId}`;
}

async function snooze(tx: DbTx, reminder: { id: number; personId: number; kind: string; payload: string; dedupeKey: string; escalateToId: number | null }, dueAt: Date): Promise<void> {
  await tx.reminder.create({
    data: {
      personId: reminder.personId,
      kind: reminder.kind,
      dueAt,
      payload: reminder.payload,
      dedupeKey: snoozeKey(reminder.dedupeKey, reminder.id),
      escalateToId: reminder.escalateToId,
    },
  });
}

/**
 * The person pressed Done, Remind me tomorrow or Not relevant under a reminder. Only the
 * recipient can answer, once; whoever pressed is checked here, not trusted from the button.
 * "Tomorrow" is the next day in the person's time zone at the time the reminder arrived.
 */
export async function respondToReminder(
  db: Db,
  input: { personId: number; reminderId: number; response: ReminderResponse; now?: Date },
): Promise<RespondResult> {
  const now = input.now ?? new Date();
  return db.$transaction(async (tx) => {
    const reminder = await tx.reminder.findUnique({
      where: { id: input.reminderId },
      include: { person: { select: { timeZone: true } } },
    });
    if (!reminder || reminder.personId !== input.personId || reminder.status !== 'sent' || !isReminderKind(reminder.kind)) {
      return { ok: false as const, error: 'not_found' as const };
    }
    if (!ANSWERABLE_KINDS.has(reminder.kind)) return { ok: false as const, error: 'not_found' as const };
    // The response condition makes the update the claim: a double tap records one answer.
    const { count } = await tx.reminder.updateMany({
      where: { id: reminder.id, response: null },
      data: { response: input.response, respondedAt: now, escalationDueAt: null },
    });
    if (count === 0) return { ok: false as const, error: 'already_answered' as const };
    let snoozedUntil: Date | undefined;
    if (input.response === 'snoozed') {
      snoozedUntil = tomorrowAtSameTime(now, reminder.sentAt ?? now, usableTimeZone(reminder.person.timeZone));
      await snooze(tx, reminder, snoozedUntil);
    }
    await recordAudit(tx, {
      actorId: input.personId,
      action: 'reminder.answered',
      subjectType: 'reminder',
      subjectId: String(reminder.id),
      details: { kind: reminder.kind, response: input.response },
    });
    return { ok: true as const, response: input.response, kind: reminder.kind, ...(snoozedUntil ? { snoozedUntil } : {}) };
  });
}
