// "Ask a person": questions the FAQ could not answer, queued for caseworkers, answered once.
// Staff rights are checked here, on the server, whatever button or command led to the call.
import type { Db } from '../../db/index.js';
import { recordAudit } from '../audit/audit.js';
import { isStaffRole } from '../people/roles.js';

/** Long enough for a real question, short enough to read in a chat. */
export const MAX_INQUIRY_LENGTH = 2000;

export interface OpenInquiry {
  id: number;
  language: string;
  text: string;
  createdAt: Date;
}

export interface AnsweredInquiry {
  id: number;
  /** Where to relay the answer. */
  chatId: number;
  language: string;
  text: string;
  answer: string;
}

export type AskResult = { ok: true; id: number } | { ok: false; error: 'empty' | 'too_long' };
export type AnswerResult =
  | { ok: true; inquiry: AnsweredInquiry }
  | { ok: false; error: 'not_staff' | 'not_found' | 'already_answered' | 'empty' };

export async function askPerson(db: Db, personId: number, language: string, text: string): Promise<AskResult> {
  const question = text.trim();
  if (question === '') return { ok: false, error: 'empty' };
  if (question.length > MAX_INQUIRY_LENGTH) return { ok: false, error: 'too_long' };
  return db.$transaction(async (tx) => {
    const row = await tx.inquiry.create({ data: { personId, language, text: question } });
    // The question itself is personal: the audit trail records only that one was asked.
    await recordAudit(tx, { actorId: personId, action: 'inquiry.created', subjectType: 'inquiry', subjectId: String(row.id) });
    return { ok: true as const, id: row.id };
  });
}

async function isStaff(db: Db, personId: number): Promise<boolean> {
  const person = await db.user.findUnique({ where: { id: personId }, select: { staffRole: true } });
  return isStaffRole(person?.staffRole);
}

export async function listOpenInquiries(db: Db, staffId: number, limit = 10): Promise<OpenInquiry[] | null> {
  if (!(await isStaff(db, staffId))) return null;
  return db.inquiry.findMany({
    where: { status: 'open' },
    orderBy: { createdAt: 'asc' },
    take: limit,
    select: { id: true, language: true, text: true, createdAt: true },
  });
}

/** Chats (and languages) of reachable staff, to tell them a question arrived. */
export async function staffChats(db: Db): Promise<{ chatId: number; language: string }[]> {
  const rows = await db.user.findMany({
    where: { staffRole: { not: null }, active: true },
    select: { chatId: true, language: true },
  });
  return rows.map((r) => ({ chatId: Number(r.chatId), language: r.language }));
}

/** Records the answer once: a second caseworker answering the same question is told so. */
export async function answerInquiry(db: Db, staffId: number, inquiryId: number, answer: string): Promise<AnswerResult> {
  if (!(await isStaff(db, staffId))) return { ok: false, error: 'not_staff' };
  const text = answer.trim();
  if (text === '') return { ok: false, error: 'empty' };
  return db.$transaction(async (tx) => {
    // The status condition makes the update the claim: only one answer can flip open → answered.
    const claimed = await tx.inquiry.updateMany({
      where: { id: inquiryId, status: 'open' },
      data: { status: 'answered', answer: text, answeredById: staffId, answeredAt: new Date() },
    });
    const row = await tx.inquiry.findUnique({ where: { id: inquiryId }, include: { person: { select: { chatId: true } } } });
    if (!row) return { ok: false as const, error: 'not_found' as const };
    if (claimed.count === 0) return { ok: false as const, error: 'already_answered' as const };
    await recordAudit(tx, { actorId: staffId, action: 'inquiry.answered', subjectType: 'inquiry', subjectId: String(row.id) });
    return {
      ok: true as const,
      inquiry: { id: row.id, chatId: Number(row.person.chatId), language: row.language, text: row.text, answer: text },
    };
  });
}
