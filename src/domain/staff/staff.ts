// Staff: who may do casework, and where. Admins come from configuration (ADMIN_TELEGRAM_IDS) and
// bring others in with one-time codes: `/invite caseworker riverside` gives a code, the new
// colleague sends `/join CODE`. Staff may be scoped to townships; a case whose township is not
// known yet is visible to every staff member, so that nothing falls between the cracks.
//
// Every function re-reads the actor's stored role: a button or a command proves nothing.
import { createHash, randomInt } from 'node:crypto';
import type { Db, DbTx } from '../../db/index.js';
import { recordAudit } from '../audit/audit.js';
import { isStaffRole, type StaffRole } from '../people/roles.js';
import { isId, transaction } from '../transaction.js';

/** An invitation code is good for this long. */
export const INVITE_VALID_DAYS = 7;
/** Code alphabet without look-alikes (0/O, 1/I/L): read aloud or typed from a photo of a screen. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 10;

export interface StaffMember {
  id: number;
  role: StaffRole;
  /** Township codes the member works in; null: the whole district. */
  townships: string[] | null;
}

export interface StaffListing extends StaffMember {
  name: string | null;
  telegramId: number;
}

const readTownships = (text: string | null): string[] | null =>
  text === null || text.trim() === '' ? null : text.split(',').filter(Boolean);

/** The actor as staff, as stored now; null for anybody else. */
export async function staffMember(db: Db | DbTx, userId: number): Promise<StaffMember | null> {
  if (!isId(userId)) return null;
  const row = await db.user.findUnique({ where: { id: userId }, select: { staffRole: true, staffTownships: true } });
  if (!row || !isStaffRole(row.staffRole)) return null;
  return { id: userId, role: row.staffRole, townships: readTownships(row.staffTownships) };
}

/** Whether the member may see a case in `township` (null: not known yet, visible to all). */
export function inScope(member: StaffMember, township: string | null): boolean {
  return member.townships === null || township === null || member.townships.includes(township);
}

/** A Prisma `where` fragment for Application rows the member may see. */
export function scopeFilter(member: StaffMember): { OR?: ({ township: null } | { township: { in: string[] } })[] } {
  return member.townships === null ? {} : { OR: [{ township: null }, { township: { in: member.townships } }] };
}

/** `k7qf m2xp-ab` → `K7QFM2XPAB`: codes are read back whatever spacing or case was typed. */
export function normaliseCode(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

const hashCode = (code: string) => createHash('sha256').update(`safety-net-invite:${normaliseCode(code)}`).digest('hex');

function newCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** `ABCDEFGHJK` → `ABCDE-FGHJK`: easier to read out. */
export const formatCode = (code: string) => `${code.slice(0, 5)}-${code.slice(5)}`;

export type InviteResult =
  | { ok: true; code: string; role: StaffRole; townships: string[] | null; expiresAt: Date }
  | { ok: false; error: 'not_admin' | 'invalid_role' | 'unknown_township' };

/**
 * An admin invites a colleague. The code is returned once and only its hash is kept. `townships`
 * must be codes from the configured list (`known`); empty means the whole district.
 */
export async function createInvite(
  db: Db,
  adminId: number,
  input: { role: string; townships: readonly string[]; known: readonly string[]; now?: Date },
): Promise<InviteResult> {
  return transaction<InviteResult>(db, async (tx, rollback) => {
    const admin = await staffMember(tx, adminId);
    if (admin?.role !== 'admin') return rollback({ ok: false, error: 'not_admin' });
    if (!isStaffRole(input.role)) return rollback({ ok: false, error: 'invalid_role' });
    if (input.townships.some((t) => !input.known.includes(t))) return rollback({ ok: false, error: 'unknown_township' });
    const townships = input.townships.length > 0 ? [...new Set(input.townships)] : null;
    const code = newCode();
    const expiresAt = new Date((input.now ?? new Date()).getTime() + INVITE_VALID_DAYS * 86_400_000);
    const invite = await tx.staffInvite.create({
      data: { codeHash: hashCode(code), staffRole: input.role, townships: townships?.join(',') ?? null, createdById: adminId, expiresAt },
    });
    await recordAudit(tx, {
      actorId: adminId,
      action: 'staff.invited',
      subjectType: 'staff_invite',
      subjectId: String(invite.id),
      details: { actorRole: 'admin', role: input.role, townships },
    });
    return { ok: true, code: formatCode(code), role: input.role, townships, expiresAt };
  });
}

export type JoinResult =
  | { ok: true; role: StaffRole; townships: string[] | null }
  | { ok: false; error: 'invalid_code' | 'expired' | 'not_a_person' };

/**
 * Redeems a code: the person becomes staff with the invited role and scope. A code works once;
 * an unknown and a used code get the same answer, so codes cannot be probed.
 */
export async function joinStaff(db: Db, personId: number, code: string, now = new Date()): Promise<JoinResult> {
  if (normaliseCode(code).length !== CODE_LENGTH) return { ok: false, error: 'invalid_code' };
  return transaction<JoinResult>(db, async (tx, rollback) => {
    if (!isId(personId) || !(await tx.user.findUnique({ where: { id: personId }, select: { id: true } }))) {
      return rollback({ ok: false, error: 'not_a_person' });
    }
    const invite = await tx.staffInvite.findUnique({ where: { codeHash: hashCode(code) } });
    if (!invite || invite.usedAt !== null || !isStaffRole(invite.staffRole)) return rollback({ ok: false, error: 'invalid_code' });
    if (invite.expiresAt <= now) return rollback({ ok: false, error: 'expired' });
    // Conditional: of two people redeeming one code at once, one gets it.
    const { count } = await tx.staffInvite.updateMany({ where: { id: invite.id, usedAt: null }, data: { usedAt: now, usedById: personId } });
    if (count === 0) return rollback({ ok: false, error: 'invalid_code' });
    const before = await tx.user.findUniqueOrThrow({ where: { id: personId }, select: { staffRole: true } });
    await tx.user.update({ where: { id: personId }, data: { staffRole: invite.staffRole, staffTownships: invite.townships } });
    await recordAudit(tx, {
      actorId: personId,
      action: 'staff.joined',
      subjectType: 'user',
      subjectId: String(personId),
      details: { before: before.staffRole, after: invite.staffRole, invite: invite.id, invitedBy: invite.createdById, townships: readTownships(invite.townships) },
    });
    return { ok: true, role: invite.staffRole, townships: readTownships(invite.townships) };
  });
}

/** Everybody on the staff, admins first; null when the caller is not an admin. */
export async function listStaff(db: Db, adminId: number): Promise<StaffListing[] | null> {
  if ((await staffMember(db, adminId))?.role !== 'admin') return null;
  const rows = await db.user.findMany({
    where: { staffRole: { not: null } },
    select: { id: true, staffRole: true, staffTownships: true, firstName: true, telegramId: true },
    orderBy: { id: 'asc' },
  });
  const order: Record<StaffRole, number> = { admin: 0, coordinator: 1, caseworker: 2 };
  return rows
    .filter((r) => isStaffRole(r.staffRole))
    .map((r) => ({ id: r.id, role: r.staffRole as StaffRole, townships: readTownships(r.staffTownships), name: r.firstName, telegramId: Number(r.telegramId) }))
    .sort((a, b) => order[a.role] - order[b.role] || a.id - b.id);
}

export type RemoveResult = { ok: true; role: StaffRole } | { ok: false; error: 'not_admin' | 'not_staff' | 'self' };

/**
 * An admin takes someone off the staff: their cases stay assigned (visible in the queue to the
 * others). Admins from configuration get their role back at their next message: remove them from
 * ADMIN_TELEGRAM_IDS first.
 */
export async function removeStaff(db: Db, adminId: number, staffId: number): Promise<RemoveResult> {
  return transaction<RemoveResult>(db, async (tx, rollback) => {
    if ((await staffMember(tx, adminId))?.role !== 'admin') return rollback({ ok: false, error: 'not_admin' });
    if (staffId === adminId) return rollback({ ok: false, error: 'self' });
    const member = await staffMember(tx, staffId);
    if (!member) return rollback({ ok: false, error: 'not_staff' });
    await tx.user.update({ where: { id: staffId }, data: { staffRole: null, staffTownships: null } });
    await recordAudit(tx, {
      actorId: adminId,
      action: 'staff.removed',
      subjectType: 'user',
      subjectId: String(staffId),
      details: { actorRole: 'admin', before: member.role, after: null },
    });
    return { ok: true, role: member.role };
  });
}
