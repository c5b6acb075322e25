// Who may coordinate volunteering, read from the stored staff role on every call (never from a
// button), and who hears about a task when something needs a person's attention.
import type { Db, DbTx } from '../../db/index.js';
import { isStaffRole, type StaffRole } from '../people/roles.js';
import { isId } from '../transaction.js';

/** Approving volunteers, publishing requests, pairing and the task board. */
const COORDINATING: readonly StaffRole[] = ['coordinator', 'admin'];

export async function staffRoleOf(db: Db | DbTx, personId: number): Promise<StaffRole | null> {
  if (!isId(personId)) return null;
  const row = await db.user.findUnique({ where: { id: personId }, select: { staffRole: true } });
  return isStaffRole(row?.staffRole) ? row.staffRole : null;
}

/** The person's staff role if it lets them coordinate volunteers (coordinator, admin), else null. */
export async function coordinatorRoleOf(db: Db | DbTx, personId: number): Promise<StaffRole | null> {
  const role = await staffRoleOf(db, personId);
  return role && COORDINATING.includes(role) ? role : null;
}

/**
 * Staff to tell about a task: the one who made or published it while they still coordinate and
 * are reachable, otherwise every reachable coordinator and admin.
 */
export async function coordinatorsFor(tx: Db | DbTx, responsibleId: number | null): Promise<number[]> {
  if (responsibleId !== null) {
    const responsible = await tx.user.findFirst({
      where: { id: responsibleId, active: true, staffRole: { in: [...COORDINATING] } },
      select: { id: true },
    });
    if (responsible) return [responsible.id];
  }
  const all = await tx.user.findMany({
    where: { active: true, staffRole: { in: [...COORDINATING] } },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  return all.map((u) => u.id);
}
