// Who may do what with donations. Authorisation is read from the stored staff role on every call,
// never from a button or a command: coordinators and admins run donations, admins manage funds.
import type { Db, DbTx } from '../../db/index.js';
import { isStaffRole, type StaffRole } from '../people/roles.js';
import { isId } from '../transaction.js';

export type CoordinatorRole = Extract<StaffRole, 'coordinator' | 'admin'>;

async function storedStaffRole(db: Db | DbTx, personId: number): Promise<StaffRole | null> {
  if (!isId(personId)) return null;
  const row = await db.user.findUnique({ where: { id: personId }, select: { staffRole: true } });
  return isStaffRole(row?.staffRole) ? row.staffRole : null;
}

/** The actor's role when they may confirm payments, record donations and see the overdue list. */
export async function coordinatorRoleOf(db: Db | DbTx, personId: number): Promise<CoordinatorRole | null> {
  const role = await storedStaffRole(db, personId);
  return role === 'coordinator' || role === 'admin' ? role : null;
}

export async function isAdmin(db: Db | DbTx, personId: number): Promise<boolean> {
  return (await storedStaffRole(db, personId)) === 'admin';
}
