// The audit trail: who changed what, when, from what to what. Written in the same transaction
// as the change it describes, so a change without its audit event cannot exist.
import type { DbTx } from '../../db/index.js';

export interface AuditEntry {
  /** The person (User.id) who acted; null for the system (scheduler, migrations). */
  actorId: number | null;
  /** Stable code such as `person.role_chosen`. */
  action: string;
  subjectType: string;
  subjectId: string | null;
  /** Codes, ids and before/after of non-personal fields. Never names, phones or free text. */
  details?: Record<string, unknown>;
}

export async function recordAudit(tx: DbTx, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      details: JSON.stringify(entry.details ?? {}),
    },
  });
}
