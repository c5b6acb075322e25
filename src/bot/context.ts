// The context every handler sees: grammY's, plus the session, the person (after consent),
// their language with a translator bound to it, and the services' dependencies.
import type { Context, SessionFlavor } from 'grammy';
import type { Db, HotPath } from '../db/index.js';
import type { PledgeSettings } from '../domain/donations/settings.js';
import type { Person } from '../domain/people/people.js';
import type { CaseCycleSettings } from '../domain/casework/cycle.js';
import type { Township } from '../domain/places/townships.js';
import type { VolunteeringSettings } from '../domain/volunteering/codes.js';
import type { Language, Translate } from '../i18n.js';
import type { Logger } from '../logger.js';

/** Where a staff member is in a decision that needs typing: kept in the session (database). */
export interface CaseworkSession {
  /** The next text message is the approved amount, or the note to the applicant, for this case. */
  awaiting?:
    | { kind: 'amount'; applicationId: number }
    | { kind: 'note'; applicationId: number; back: string }
    /** The household investigation: the note, then verified income, then verified medical costs. */
    | { kind: 'investigation'; applicationId: number; step: 'text' | 'income' | 'medical'; text?: string; incomeMinor?: number | null }
    /** A re-review's adjusted amount, for the review round the caseworker looked at. */
    | { kind: 'review_amount'; applicationId: number; round: number };
  /** The note written for a case, used by the next reject or documents request of that case. */
  note?: { applicationId: number; text: string };
}

/** The pledge form in progress (validated by the service when it is confirmed). */
export interface PledgeDraft {
  step: 'amount' | 'frequency' | 'start' | 'end' | 'name' | 'dedication' | 'confirm';
  fundCode: string;
  amountMinor?: number;
  frequency?: 'one_time' | 'monthly' | 'annual';
  startDate?: string;
  endDate?: string | null;
  anonymous?: boolean;
  dedication?: string | null;
}

/** Donations: what the next text message is, besides the pledge form. */
export type DonationsAwaiting = { kind: 'paid_reference'; instalmentId: number } | { kind: 'new_amount'; pledgeId: number };
/** A volunteer's sign-up (or edit) in progress: one step per screen, choices so far. */
export interface SignupDraft {
  step: 'languages' | 'skills' | 'township' | 'availability' | 'max';
  languages: string[];
  skills: string[];
  availability: string[];
  township?: string;
}

/**
 * A household's contact details being typed, for a help request (the applicant) or a task made
 * from a case (staff). Held only until sent or cancelled; never holds what a volunteer was shown.
 */
export interface ContactForm {
  for: 'request' | 'case';
  step: 'type' | 'township' | 'name' | 'address' | 'phone' | 'confirm';
  type?: string;
  township?: string;
  /** Staff only: the case the task is made from. */
  reference?: string;
  name?: string;
  address?: string;
  phone?: string;
}

export interface VolunteeringSession {
  signup?: SignupDraft;
  /** Completing a task: waiting for the report, then the hours. */
  completing?: { taskId: number; report?: string };
  contactForm?: ContactForm;
}

/** Conversation state kept in the database per chat, so a restart resumes where it stopped. */
export interface SessionData {
  /** Language chosen (or guessed) before consent; after consent the person row is the truth. */
  lang?: Language;
  /** The eligibility questionnaire in progress (validated on every read: it may be old or corrupt). */
  screening?: unknown;
  /** Number of the screening screen on display; buttons of older screens are stale. */
  screeningScreen?: number;
  /** The checklist item the person was asked to send a photo or PDF of. */
  awaitingDocument?: { applicationId: number; item: string; memberIndex: number; promptMessageId?: number };
  /** The last free-text question (after consent only), kept for "Ask a person". */
  pendingQuestion?: string;
  /** Staff: the inquiry whose answer the next text message is. */
  answeringInquiry?: number;
  /** Staff: a decision waiting for a typed amount or note. */
  casework?: CaseworkSession;
  /** The questionnaire in progress updates an approved case before its re-review. */
  reviewUpdate?: boolean;
  /** Staff: the announcement being written (AnnounceSession, validated on every read). */
  announce?: unknown;
  /** A donor filling in the pledge form. */
  pledge?: PledgeDraft;
  /** A donor about to type a payment reference or a new amount. */
  donations?: DonationsAwaiting;
  /** Volunteer sign-up, completing a task, a household's contact details being typed. */
  volunteering?: VolunteeringSession;
}

export interface BotDeps {
  db: Db;
  /** The session and person reads (and session write) of every update (src/db/hot-path.ts). */
  hotPath: HotPath;
  logger: Logger;
  adminTelegramIds: ReadonlySet<number>;
  defaultLanguage: Language;
  /** The district's townships, from TOWNSHIPS. */
  townships: readonly Township[];
  /** Re-review intervals, notice and payment day of approved cases. */
  cases: CaseCycleSettings;
  /** Pledge reminder timing (PLEDGE_* settings); the defaults when unset. */
  pledges?: PledgeSettings;
  /** Check-in and release days of volunteer claims, pairing grace (TASK_*, PAIRING_*); defaults when unset. */
  volunteering?: VolunteeringSettings;
}

export interface BotFlavor {
  deps: BotDeps;
  person: Person | null;
  lang: Language;
  t: Translate;
  /** Download address of a file Telegram (or the local gateway) holds for the bot. */
  fileUrl(filePath: string): string;
}

export type BotContext = Context & SessionFlavor<SessionData> & BotFlavor;
