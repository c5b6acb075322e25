// The queue side of reminders, used by the scheduler: claim what is due (atomically, so two
// instances never hold the same reminder), reserve send slots under the shared pace, and record
// each outcome — sent, put back, retried later, failed, or cancelled because the person is gone.
//
// Claims are leases: a claimed reminder whose lease runs out (its instance crashed) is due again
// and the next claim takes it over. Every outcome below is conditional on the claim still being
// ours (status claimed, claimedBy our token), so a late instance cannot overwrite a newer one.
import type { Db, DbProvider, DbTx } from '../../db/index.js';
import { recordAudit } from '../audit/audit.js';
import {
  DEFAULT_ESCALATION_DAYS,
  isRecurrence,
  isReminderKind,
  parsePayload,
  type EscalationDays,
  type Recurrence,
  type ReminderKind,
  type ReminderPayload,
} from './kinds.js';
import { occurrenceAt, usableTimeZone } from './time.js';

export interface Recipient {
  id: number;
  chatId: number;
  language: string;
  timeZone: string;
  active: boolean;
  firstName: string | null;
}

export interface ClaimedReminder {
  id: number;
  kind: ReminderKind;
  payload: ReminderPayload;
  dueAt: Date;
  /** Claims so far, this one included. */
  attempts: number;
  /** The batch token the claim is held under. */
  claimToken: string;
  leaseUntil: Date;
  dedupeKey: string;
  recurrence: Recurrence | null;
  seriesKey: string | null;
  seriesStart: Date | null;
  occurrence: number;
  escalateToId: number | null;
  recipient: Recipient;
}

/** `?` placeholders → `$1, $2, …` for PostgreSQL; SQLite takes `?` as it is. */
function placeholders(provider: DbProvider, sql: string): string {
  if (provider !== 'postgresql') return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * Claims up to `limit` due reminders — pending ones whose time has come, and claimed ones whose
 * lease has expired — for `token`, until `leaseUntil`.
 * PostgreSQL: `FOR UPDATE SKIP LOCKED` lets concurrent instances claim disjoint batches without
 * waiting for each other. SQLite: each statement is one write transaction and SQLite runs one
 * writer at a time, so two claims cannot interleave.
 */
export async function claimDue(
  db: Db,
  provider: DbProvider,
  claim: { now: Date; limit: number; leaseUntil: Date; token: string },
): Promise<ClaimedReminder[]> {
  if (claim.limit <= 0) return [];
  const lock = provider === 'postgresql' ? 'FOR UPDATE SKIP LOCKED' : '';
  // Two statements, each atomic on its own: expired claims first (older work, usually none),
  // then pending reminders in due order straight off the (status, dueAt) index.
  const claimWhere = (condition: string, order: string, limit: number) =>
    db.$queryRawUnsafe<ClaimedRow[]>(
      placeholders(
        provider,
        `UPDATE "Reminder"
            SET "status" = 'claimed', "leaseUntil" = ?, "claimedBy" = ?, "attempts" = "attempts" + 1, "updatedAt" = ?
          WHERE "id" IN (SELECT "id" FROM "Reminder" WHERE ${condition} ORDER BY ${order} LIMIT ? ${lock})
          RETURNING ${CLAIMED_COLUMNS}`,
      ),
      claim.leaseUntil,
      claim.token,
      claim.now,
      claim.now,
      limit,
    );
  const claimed = await claimWhere(`"status" = 'claimed' AND "leaseUntil" < ?`, '"leaseUntil"', claim.limit);
  if (claimed.length < claim.limit) {
    claimed.push(...(await claimWhere(`"status" = 'pending' AND "dueAt" <= ?`, '"dueAt"', claim.limit - claimed.length)));
  }
  if (claimed.length === 0) return [];
  // Raw SQL on this path (and in markSent): it runs for every message, and skips the client's
  // query building, which costs more than the query itself here.
  const personIds = [...new Set(claimed.map((r) => Number(r.personId)))];
  const people = await db.$queryRawUnsafe<PersonRow[]>(
    placeholders(
      provider,
      `SELECT "id", "chatId", "language", "timeZone", "active", "firstName" FROM "User" WHERE "id" IN (${personIds.map(() => '?').join(', ')})`,
    ),
    ...personIds,
  );
  const recipients = new Map(people.map((p) => [Number(p.id), p]));
  const reminders: ClaimedReminder[] = [];
  for (const row of claimed.sort((x, y) => asDate(x.dueAt).getTime() - asDate(y.dueAt).getTime() || Number(x.id) - Number(y.id))) {
    const person = recipients.get(Number(row.personId));
    if (!person) continue; // erased a moment ago: its reminders went with it
    reminders.push({
      id: Number(row.id),
      kind: isReminderKind(row.kind) ? row.kind : 'custom',
      payload: parsePayload(row.payload),
      dueAt: asDate(row.dueAt),
      attempts: Number(row.attempts),
      claimToken: claim.token,
      leaseUntil: claim.leaseUntil,
      dedupeKey: row.dedupeKey,
      recurrence: isRecurrence(row.recurrence) ? row.recurrence : null,
      seriesKey: row.seriesKey,
      seriesStart: row.seriesStart === null ? null : asDate(row.seriesStart),
      occurrence: Number(row.occurrence),
      escalateToId: row.escalateToId === null ? null : Number(row.escalateToId),
      recipient: {
        id: Number(person.id),
        chatId: Number(person.chatId),
        language: person.language,
        timeZone: usableTimeZone(person.timeZone),
        active: person.active === true || Number(person.active) === 1,
        firstName: person.firstName,
      },
    });
  }
  return reminders;
}

const CLAIMED_COLUMNS = [
  'id',
  'personId',
  'kind',
  'payload',
  'dueAt',
  'attempts',
  'dedupeKey',
  'recurrence',
  'seriesKey',
  'seriesStart',
  'occurrence',
  'escalateToId',
]
  .map((c) => `"${c}"`)
  .join(', ');

interface ClaimedRow {
  id: number | bigint;
  personId: number | bigint;
  kind: string;
  payload: string;
  dueAt: Date | string;
  attempts: number | bigint;
  dedupeKey: string;
  recurrence: string | null;
  seriesKey: string | null;
  seriesStart: Date | string | null;
  occurrence: number | bigint;
  escalateToId: number | bigint | null;
}

interface PersonRow {
  id: number | bigint;
  chatId: number | bigint | string;
  language: string;
  timeZone: string;
  active: boolean | number | bigint;
  firstName: string | null;
}

function asDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

/** Keeps the claims of live batches: a running instance renews, a crashed one stops renewing. */
export async function extendLeases(db: Db, tokens: readonly string[], leaseUntil: Date): Promise<number> {
  if (tokens.length === 0) return 0;
  const { count } = await db.reminder.updateMany({
    where: { status: 'claimed', claimedBy: { in: [...tokens] } },
    data: { leaseUntil },
  });
  return count;
}

/**
 * Reserves `count` consecutive send slots, `intervalMs` apart, on the pace shared by all
 * instances (one row per outbound channel), and returns when the first slot starts. Slots are
 * handed out in order, so instances sending at the same time take turns instead of adding up.
 * When the slots before belong to another instance, ours start `guardMs` after them: that
 * instance may send up to that late (a busy process; it hands back anything later), and its late
 * sends must not crowd our first ones into more than the cap per second.
 */
export async function reserveSendSlots(
  db: Db,
  provider: DbProvider,
  request: { channel?: string; count: number; intervalMs: number; nowMs: number; holder: string; guardMs: number },
): Promise<number> {
  const channel = request.channel ?? 'telegram';
  const span = Math.ceil(request.count * request.intervalMs);
  const greatest = provider === 'postgresql' ? 'GREATEST' : 'MAX';
  const reserve = () =>
    db.$queryRawUnsafe<{ nextSlotMs: bigint | number }[]>(
      placeholders(
        provider,
        `UPDATE "OutboundThrottle"
            SET "nextSlotMs" = ${greatest}("nextSlotMs" + CASE WHEN "holder" = ? THEN 0 ELSE ? END, ?) + ?, "holder" = ?
          WHERE "id" = ?
          RETURNING "nextSlotMs"`,
      ),
      request.holder,
      Math.ceil(request.guardMs),
      Math.floor(request.nowMs),
      span,
      request.holder,
      channel,
    );
  let rows = await reserve();
  if (rows.length === 0) {
    // First reservation ever on this channel: create its row (whoever is first), then reserve.
    await db.$executeRawUnsafe(
      placeholders(provider, `INSERT INTO "OutboundThrottle" ("id", "nextSlotMs") VALUES (?, 0) ON CONFLICT ("id") DO NOTHING`),
      channel,
    );
    rows = await reserve();
  }
  return Number(rows[0]!.nextSlotMs) - span;
}

function ours(r: ClaimedReminder) {
  return { id: r.id, status: 'claimed', claimedBy: r.claimToken };
}

/** The next occurrence of a series, skipping any already in the past. */
function nextOccurrence(r: ClaimedReminder, now: Date): { dueAt: Date; occurrence: number } | null {
  if (!r.recurrence) return null;
  const start = r.seriesStart ?? r.dueAt;
  let n = r.occurrence + 1;
  let dueAt = occurrenceAt(start, r.recurrence, n, r.recipient.timeZone);
  while (dueAt <= now) dueAt = occurrenceAt(start, r.recurrence, ++n, r.recipient.timeZone);
  return { dueAt, occurrence: n };
}

async function continueSeries(tx: DbTx, r: ClaimedReminder, now: Date): Promise<void> {
  const next = nextOccurrence(r, now);
  if (!next) return;
  const seriesKey = r.seriesKey ?? r.dedupeKey;
  const dedupeKey = `${seriesKey}#${next.occurrence}`;
  if (await tx.reminder.findUnique({ where: { dedupeKey }, select: { id: true } })) return;
  await tx.reminder.create({
    data: {
      personId: r.recipient.id,
      kind: r.kind,
      dueAt: next.dueAt,
      payload: JSON.stringify(r.payload),
      dedupeKey,
      recurrence: r.recurrence,
      seriesKey,
      seriesStart: r.seriesStart ?? r.dueAt,
      occurrence: next.occurrence,
      escalateToId: r.escalateToId,
    },
  });
}

export type { EscalationDays };

/**
 * Telegram accepted the message: record it, right away and on its own (the time between the two
 * is the only window in which a crash can make the reminder go out twice). A recurring reminder
 * also creates its next occurrence. False when the claim was no longer ours.
 */
export async function markSent(
  db: Db,
  provider: DbProvider,
  r: ClaimedReminder,
  now: Date,
  escalationDays: EscalationDays = DEFAULT_ESCALATION_DAYS,
): Promise<boolean> {
  const days = escalationDays[r.kind];
  const data = {
    status: 'sent',
    sentAt: now,
    leaseUntil: null,
    lastError: null,
    escalationDueAt: days && days > 0 ? new Date(now.getTime() + days * 86_400_000) : null,
  };
  if (!r.recurrence) {
    const count = await db.$executeRawUnsafe(
      placeholders(
        provider,
        `UPDATE "Reminder" SET "status" = 'sent', "sentAt" = ?, "leaseUntil" = NULL, "lastError" = NULL, "escalationDueAt" = ?, "updatedAt" = ?
          WHERE "id" = ? AND "status" = 'claimed' AND "claimedBy" = ?`,
      ),
      now,
      data.escalationDueAt,
      now,
      r.id,
      r.claimToken,
    );
    return count === 1;
  }
  return db.$transaction(async (tx) => {
    const { count } = await tx.reminder.updateMany({ where: ours(r), data });
    if (count === 1) await continueSeries(tx, r, now);
    return count === 1;
  });
}

/**
 * Not now (quiet hours, the chat's pace, the instance stopping): back to pending, due at `dueAt`
 * (unchanged by default). The claim does not count as an attempt.
 */
export async function release(db: Db, r: ClaimedReminder, dueAt: Date = r.dueAt): Promise<boolean> {
  const { count } = await db.reminder.updateMany({
    where: ours(r),
    data: { status: 'pending', dueAt, leaseUntil: null, claimedBy: null, attempts: { decrement: 1 } },
  });
  return count === 1;
}

/** `release` for many reminders of one batch at once, all due at `dueAt` (quiet hours: the same morning). */
export async function releaseMany(db: Db, token: string, ids: readonly number[], dueAt: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const { count } = await db.reminder.updateMany({
    where: { id: { in: [...ids] }, status: 'claimed', claimedBy: token },
    data: { status: 'pending', dueAt, leaseUntil: null, claimedBy: null, attempts: { decrement: 1 } },
  });
  return count;
}

/** A send failed in a way that may pass (network, Telegram 5xx or 429): try again at `retryAt`. */
export async function retryLater(db: Db, r: ClaimedReminder, retryAt: Date, error: string): Promise<boolean> {
  const { count } = await db.reminder.updateMany({
    where: ours(r),
    data: { status: 'pending', dueAt: retryAt, leaseUntil: null, claimedBy: null, lastError: error },
  });
  return count === 1;
}

/** Given up (a permanent error, or too many attempts). A series goes on with its next occurrence. */
export async function markFailed(db: Db, r: ClaimedReminder, error: string, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.reminder.updateMany({ where: ours(r), data: { status: 'failed', lastError: error, leaseUntil: null } });
    if (count === 0) return false;
    await continueSeries(tx, r, now);
    await recordAudit(tx, {
      actorId: null,
      action: 'reminder.failed',
      subjectType: 'reminder',
      subjectId: String(r.id),
      details: { kind: r.kind, error, attempts: r.attempts },
    });
    return true;
  });
}

/** The recipient is marked unreachable: this reminder is cancelled instead of sent. */
export async function cancelClaimed(db: Db, r: ClaimedReminder, error: string): Promise<boolean> {
  const { count } = await db.reminder.updateMany({ where: ours(r), data: { status: 'cancelled', lastError: error, leaseUntil: null } });
  return count === 1;
}

/**
 * Telegram answered 403: the person blocked the bot (or deleted their account). They are marked
 * inactive and everything not yet sent to them is cancelled, series included.
 */
export async function recipientBlocked(db: Db, personId: number, now: Date): Promise<number> {
  return db.$transaction(async (tx) => {
    await tx.user.updateMany({ where: { id: personId, active: true }, data: { active: false, inactiveAt: now } });
    const { count } = await tx.reminder.updateMany({
      where: { personId, status: { in: ['pending', 'claimed'] } },
      data: { status: 'cancelled', lastError: 'blocked', leaseUntil: null },
    });
    await recordAudit(tx, {
      actorId: null,
      action: 'reminders.cancelled',
      subjectType: 'person',
      subjectId: String(personId),
      details: { count, reason: 'blocked' },
    });
    return count;
  });
}

/** First names of people an escalation is about, by id (erased people are simply missing). */
export async function namesOf(db: Db, personIds: readonly number[]): Promise<Map<number, string | null>> {
  if (personIds.length === 0) return new Map();
  const rows = await db.user.findMany({ where: { id: { in: [...new Set(personIds)] } }, select: { id: true, firstName: true } });
  return new Map(rows.map((r) => [r.id, r.firstName]));
}

/**
 * Reminders sent and not answered by their escalation time: each is escalated once (escalatedAt
 * is set in the same transaction that queues the messages) to its responsible staff member, or
 * to every admin when there is none or they are no longer reachable staff. The messages go
 * through the queue like any reminder. Returns how many reminders were escalated.
 */
export async function escalateIgnored(db: Db, now: Date, limit = 100): Promise<number> {
  const due = await db.reminder.findMany({
    where: { escalationDueAt: { lte: now }, status: 'sent', response: null, escalatedAt: null },
    orderBy: { escalationDueAt: 'asc' },
    take: limit,
    select: { id: true, personId: true, kind: true, sentAt: true, escalateToId: true },
  });
  let escalated = 0;
  for (const reminder of due) {
    const done = await db.$transaction(async (tx) => {
      const { count } = await tx.reminder.updateMany({
        where: { id: reminder.id, status: 'sent', response: null, escalatedAt: null },
        data: { escalatedAt: now, escalationDueAt: null },
      });
      if (count === 0) return false; // answered meanwhile, or another instance escalated it
      const responsible = reminder.escalateToId
        ? await tx.user.findFirst({ where: { id: reminder.escalateToId, active: true, staffRole: { not: null } }, select: { id: true } })
        : null;
      const recipients = responsible
        ? [responsible.id]
        : (await tx.user.findMany({ where: { staffRole: 'admin', active: true }, select: { id: true } })).map((u) => u.id);
      const sentAt = reminder.sentAt ?? now;
      const days = Math.max(0, Math.floor((now.getTime() - sentAt.getTime()) / 86_400_000));
      const payload = JSON.stringify({ reminderId: reminder.id, kind: reminder.kind, personId: reminder.personId, sentAt: sentAt.toISOString(), days });
      if (recipients.length > 0) {
        await tx.reminder.createMany({
          data: recipients.map((staffId) => ({
            personId: staffId,
            kind: 'escalation',
            dueAt: now,
            payload,
            dedupeKey: `escalation:${reminder.id}:${staffId}`,
          })),
        });
      }
      await recordAudit(tx, {
        actorId: null,
        action: 'reminder.escalated',
        subjectType: 'reminder',
        subjectId: String(reminder.id),
        details: { kind: reminder.kind, recipients: recipients.length, to: responsible ? 'responsible' : 'admins' },
      });
      return true;
    });
    if (done) escalated++;
  }
  return escalated;
}
