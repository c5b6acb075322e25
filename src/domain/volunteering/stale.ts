// The stale-claim sweep, run from every scheduler tick: a claim without an update for
// checkinAfterDays gets one check-in request to the volunteer; one without an update for
// releaseAfterDays is released back to open, and the volunteer and the coordinators are told.
//
// Safe with any number of instances: each step is a conditional update of the task row (still
// claimed, by the same claim, unchanged since we read it) in the transaction that queues its
// messages, so a step happens once whoever runs it; the messages' dedupe keys say the same.
import type { Db } from '../../db/index.js';
import { recordAudit } from '../audit/audit.js';
import { cancelRemindersIn, scheduleReminderIn } from '../reminders/reminders.js';
import type { VolunteeringSettings } from './codes.js';
import { coordinatorsFor } from './staff.js';
import { claimKey } from './tasks.js';

const DAY_MS = 86_400_000;

export interface SweepReport {
  nudged: number;
  released: number;
}

export async function sweepStaleClaims(db: Db, now: Date, settings: VolunteeringSettings, limit = 100): Promise<SweepReport> {
  const report: SweepReport = { nudged: 0, released: 0 };
  const releaseBefore = new Date(now.getTime() - settings.releaseAfterDays * DAY_MS);
  const stale = await db.volunteerTask.findMany({
    where: { status: 'claimed', lastActivityAt: { lte: releaseBefore } },
    orderBy: { lastActivityAt: 'asc' },
    take: limit,
  });
  for (const task of stale) if (await release(db, task, now, settings)) report.released++;

  const nudgeBefore = new Date(now.getTime() - settings.checkinAfterDays * DAY_MS);
  const quiet = await db.volunteerTask.findMany({
    where: { status: 'claimed', nudgedAt: null, lastActivityAt: { lte: nudgeBefore } },
    orderBy: { lastActivityAt: 'asc' },
    take: limit,
  });
  for (const task of quiet) if (await nudge(db, task, now)) report.nudged++;
  return report;
}

interface ClaimedTask {
  id: number;
  claimantId: number | null;
  claimSeq: number;
  lastActivityAt: Date | null;
  createdById: number | null;
}

/** The claim, exactly as read: nobody checked in, unclaimed or completed since. */
function sameClaim(task: ClaimedTask) {
  return { id: task.id, status: 'claimed', claimantId: task.claimantId, claimSeq: task.claimSeq, lastActivityAt: task.lastActivityAt };
}

async function nudge(db: Db, task: ClaimedTask, now: Date): Promise<boolean> {
  if (task.claimantId === null || task.lastActivityAt === null) return false;
  const volunteerId = task.claimantId;
  return db.$transaction(async (tx) => {
    const { count } = await tx.volunteerTask.updateMany({ where: { ...sameClaim(task), nudgedAt: null }, data: { nudgedAt: now } });
    if (count === 0) return false;
    await scheduleReminderIn(tx, {
      personId: volunteerId,
      kind: 'task_update',
      dueAt: now,
      payload: { taskId: task.id, event: 'checkin_due' },
      dedupeKey: `${claimKey(task.id, task.claimSeq)}nudge:${task.lastActivityAt!.getTime()}`,
    });
    await recordAudit(tx, { actorId: null, action: 'volunteer_task.checkin_requested', subjectType: 'volunteer_task', subjectId: String(task.id), details: { claim: task.claimSeq } });
    return true;
  });
}

async function release(db: Db, task: ClaimedTask, now: Date, settings: VolunteeringSettings): Promise<boolean> {
  const volunteerId = task.claimantId;
  return db.$transaction(async (tx) => {
    const { count } = await tx.volunteerTask.updateMany({
      where: sameClaim(task),
      data: { status: 'open', claimantId: null, claimedAt: null, lastActivityAt: null, nudgedAt: null },
    });
    if (count === 0) return false;
    const prefix = claimKey(task.id, task.claimSeq);
    await cancelRemindersIn(tx, { dedupeKeyPrefix: prefix, reason: 'task_released', settleSent: true });
    if (volunteerId !== null) {
      await scheduleReminderIn(tx, {
        personId: volunteerId,
        kind: 'task_update',
        dueAt: now,
        payload: { taskId: task.id, event: 'released' },
        dedupeKey: `${prefix}released`,
      });
    }
    for (const staffId of await coordinatorsFor(tx, task.createdById)) {
      await scheduleReminderIn(tx, {
        personId: staffId,
        kind: 'task_update',
        dueAt: now,
        payload: { taskId: task.id, event: 'released_staff' },
        dedupeKey: `${prefix}released:${staffId}`,
      });
    }
    await recordAudit(tx, {
      actorId: null,
      action: 'volunteer_task.released',
      subjectType: 'volunteer_task',
      subjectId: String(task.id),
      details: { claim: task.claimSeq, reason: 'stale', days: settings.releaseAfterDays },
    });
    return true;
  });
}
