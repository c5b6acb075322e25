// Volunteering in words: the sign-up steps and profile, task lists and cards (with the household's
// contact only when the service handed it over), /my_tasks, the household's notices, the
// coordinator's screens, and the volunteering reminders. Codes become words here.
import { InlineKeyboard } from 'grammy';
import type { Township } from '../../domain/places/townships.js';
import { townshipName } from '../../domain/places/townships.js';
import {
  AVAILABILITY,
  FREQUENCIES,
  MAX_ACTIVE_CHOICES,
  TASK_LANGUAGES,
  TASK_TYPES,
  type HoursSummary,
  type PairingSummary,
  type TaskBoard,
  type TaskCard,
  type TaskListing,
  type TaskSummary,
  type VolunteerProfile,
} from '../../domain/volunteering/index.js';
import { formatDate, formatNumber, isLanguage, LANGUAGE_NAMES, t as translate, type Language, type Translate } from '../../i18n.js';
import { callbackData } from '../callback-data.js';
import type { SignupDraft } from '../context.js';
import type { Screen } from './questionnaire.js';

/** Callback namespaces: the volunteer's side, the household's, the coordinator's. */
export const VOL = 'vol';
export const HREQ = 'hreq';
export const COORD = 'coord';

export const typeName = (t: Translate, type: string) => t(`volunteering.type.${type}`);
const languageName = (code: string) => (isLanguage(code) ? LANGUAGE_NAMES[code] : code);
const list = (items: string[]) => items.join(', ');

/** Hours from minutes, one decimal at most, as people of the language write numbers. */
export function hours(lang: Language, minutes: number): string {
  return formatNumber(lang, Math.round(minutes / 6) / 10);
}

function due(t: Translate, lang: Language, task: TaskSummary, timeZone: string): string {
  return task.dueDate ? t('volunteering.due', { date: formatDate(lang, task.dueDate, timeZone) }) : t('volunteering.no_due');
}

// --- Sign-up and profile --------------------------------------------------------------------------

const tick = (on: boolean, label: string) => (on ? `✅ ${label}` : label);

export function signupScreen(t: Translate, draft: SignupDraft, townships: readonly Township[]): Screen {
  const keyboard = new InlineKeyboard();
  switch (draft.step) {
    case 'languages':
      TASK_LANGUAGES.forEach((code, i) => {
        keyboard.text(tick(draft.languages.includes(code), LANGUAGE_NAMES[code]), callbackData(VOL, 'lang', code));
        if (i % 2 === 1) keyboard.row();
      });
      break;
    case 'skills':
      for (const code of TASK_TYPES) keyboard.text(tick(draft.skills.includes(code), typeName(t, code)), callbackData(VOL, 'skill', code)).row();
      break;
    case 'township':
      townships.forEach((town, i) => {
        keyboard.text(tick(draft.township === town.code, town.name), callbackData(VOL, 'town', town.code));
        if (i % 2 === 1) keyboard.row();
      });
      return { text: t('volunteering.signup.township'), keyboard };
    case 'availability':
      for (const code of AVAILABILITY) {
        keyboard.text(tick(draft.availability.includes(code), t(`volunteering.availability.${code}`)), callbackData(VOL, 'avail', code)).row();
      }
      break;
    case 'max':
      for (const n of MAX_ACTIVE_CHOICES) keyboard.text(String(n), callbackData(VOL, 'max', n));
      return { text: t('volunteering.signup.max'), keyboard };
  }
  keyboard.row().text(t('volunteering.button.next'), callbackData(VOL, 'next'));
  return { text: t(`volunteering.signup.${draft.step}`), keyboard };
}

export function profileScreen(t: Translate, profile: VolunteerProfile, townships: readonly Township[]): Screen {
  const lines = [
    t('volunteering.profile', {
      status: t(`volunteering.profile_status.${profile.status}`),
      languages: list(profile.languages.map(languageName)),
      skills: list(profile.skills.map((s) => typeName(t, s))),
      township: townshipName(townships, profile.township),
      availability: list(profile.availability.map((a) => t(`volunteering.availability.${a}`))),
      max: profile.maxActiveTasks,
    }),
  ];
  if (profile.paused) lines.push('', t('volunteering.paused_line'));
  const keyboard = new InlineKeyboard();
  if (profile.status === 'approved' && !profile.paused) {
    keyboard.text(t('volunteering.button.tasks'), callbackData(VOL, 'tasks')).text(t('volunteering.button.my_tasks'), callbackData(VOL, 'mine')).row();
  }
  keyboard.text(t('volunteering.button.edit'), callbackData(VOL, 'edit')).row();
  keyboard.text(profile.paused ? t('volunteering.button.resume') : t('volunteering.button.pause'), callbackData(VOL, profile.paused ? 'resume' : 'pause'));
  return { text: lines.join('\n'), keyboard };
}

// --- Tasks ---------------------------------------------------------------------------------------------

function taskLine(t: Translate, lang: Language, task: TaskSummary, townships: readonly Township[], timeZone: string): string {
  return t('volunteering.tasks.item', {
    id: task.id,
    type: typeName(t, task.type),
    township: townshipName(townships, task.township),
    language: languageName(task.language),
    due: due(t, lang, task, timeZone),
    hours: task.effortHours,
  });
}

export function taskListScreen(t: Translate, lang: Language, listing: TaskListing, townships: readonly Township[], timeZone: string): Screen {
  const keyboard = new InlineKeyboard();
  if (listing.matching.length === 0 && listing.others.length === 0) return { text: t('volunteering.tasks.none'), keyboard };
  const lines = [t('volunteering.tasks.title')];
  for (const [heading, tasks] of [['matching', listing.matching], ['others', listing.others]] as const) {
    if (tasks.length === 0) continue;
    lines.push('', t(`volunteering.tasks.${heading}`));
    for (const task of tasks) {
      lines.push(taskLine(t, lang, task, townships, timeZone));
      keyboard.text(t('volunteering.button.open', { id: task.id, type: typeName(t, task.type) }), callbackData(VOL, 'card', task.id)).row();
    }
  }
  return { text: lines.join('\n'), keyboard };
}

/** The card; the contact block appears only when the service returned one (the claimant, now). */
export function taskCardScreen(t: Translate, lang: Language, card: TaskCard, townships: readonly Township[], timeZone: string): Screen {
  const lines = [
    t('volunteering.card', {
      id: card.id,
      type: typeName(t, card.type),
      township: townshipName(townships, card.township),
      language: languageName(card.language),
      due: due(t, lang, card, timeZone),
      hours: card.effortHours,
      status: t(`volunteering.status.${card.status}`),
    }),
  ];
  if (card.contact) lines.push('', t('volunteering.contact', { ...card.contact }));
  const keyboard = new InlineKeyboard();
  if (card.status === 'open') keyboard.text(t('volunteering.button.claim'), callbackData(VOL, 'claim', card.id)).row();
  if (card.heldByViewer) {
    keyboard.text(t('volunteering.button.checkin'), callbackData(VOL, 'checkin', card.id)).text(t('volunteering.button.complete'), callbackData(VOL, 'done', card.id)).row();
    keyboard.text(t('volunteering.button.unclaim'), callbackData(VOL, 'unclaim', card.id)).row();
  }
  keyboard.text(t('volunteering.button.back'), callbackData(VOL, card.heldByViewer ? 'mine' : 'tasks'));
  return { text: lines.join('\n'), keyboard };
}

export function myTasksScreen(
  t: Translate,
  lang: Language,
  mine: { claimed: TaskSummary[]; hours: HoursSummary },
  pairings: PairingSummary[],
  townships: readonly Township[],
  timeZone: string,
): Screen {
  const keyboard = new InlineKeyboard();
  const lines = [t('volunteering.my.title')];
  if (mine.claimed.length === 0) lines.push(t('volunteering.my.none'));
  for (const task of mine.claimed) {
    lines.push(taskLine(t, lang, task, townships, timeZone));
    keyboard.text(t('volunteering.button.open', { id: task.id, type: typeName(t, task.type) }), callbackData(VOL, 'card', task.id)).row();
  }
  if (pairings.length > 0) {
    lines.push('', t('volunteering.my.pairings'));
    for (const p of pairings) {
      lines.push(
        t('volunteering.my.pairing', {
          name: p.householdName ?? `#${p.id}`,
          frequency: t(`volunteering.frequency.${p.frequency}`),
          date: formatDate(lang, p.lastContactAt, timeZone),
        }),
      );
      keyboard.text(t('volunteering.button.log_contact_for', { name: p.householdName ?? `#${p.id}` }), callbackData(VOL, 'contact', p.id)).row();
    }
  }
  lines.push(
    '',
    t('volunteering.my.hours', { tasks: mine.hours.tasksDone, hours: hours(lang, mine.hours.minutes), year: hours(lang, mine.hours.minutesThisYear) }),
  );
  return { text: lines.join('\n'), keyboard };
}

// --- The household --------------------------------------------------------------------------------------

/** What the household is told when a volunteer takes or completes its task (in its language). */
export function householdNotice(
  lang: Language,
  event: 'claimed' | 'done' | 'published' | 'declined',
  task: { id: number; type: string; volunteerName?: string | null },
): Screen {
  const t: Translate = (key, vars) => translate(lang, key, vars);
  const type = typeName(t, task.type);
  const keyboard = new InlineKeyboard();
  if (event === 'claimed') {
    const key = task.volunteerName ? 'help_request.claimed_named' : 'help_request.claimed';
    keyboard.text(t('help_request.button.problem'), callbackData(HREQ, 'problem', task.id));
    return { text: t(key, { type, name: task.volunteerName ?? '' }), keyboard };
  }
  if (event === 'done') {
    keyboard.text(t('help_request.button.thanks'), callbackData(HREQ, 'thanks', task.id)).text(t('help_request.button.problem'), callbackData(HREQ, 'problem', task.id));
  }
  return { text: t(`help_request.${event}`, { type }), keyboard };
}

// --- Coordinators ---------------------------------------------------------------------------------------

export function pendingVolunteersScreen(t: Translate, volunteers: VolunteerProfile[], townships: readonly Township[]): Screen {
  const keyboard = new InlineKeyboard();
  if (volunteers.length === 0) return { text: t('coordination.volunteers.none'), keyboard };
  const lines = [t('coordination.volunteers.title')];
  for (const v of volunteers) {
    lines.push(
      '',
      t('coordination.volunteers.item', {
        id: v.personId,
        name: v.firstName ?? '—',
        township: townshipName(townships, v.township),
        languages: list(v.languages.map(languageName)),
        skills: list(v.skills.map((s) => typeName(t, s))),
        availability: list(v.availability.map((a) => t(`volunteering.availability.${a}`))),
        max: v.maxActiveTasks,
      }),
    );
    keyboard
      .text(t('coordination.volunteers.approve', { id: v.personId }), callbackData(COORD, 'approve', v.personId))
      .text(t('coordination.volunteers.reject', { id: v.personId }), callbackData(COORD, 'reject', v.personId))
      .row();
  }
  return { text: lines.join('\n'), keyboard };
}

export function boardScreen(
  t: Translate,
  lang: Language,
  board: TaskBoard,
  staleDays: number,
  townships: readonly Township[],
  timeZone: string,
): Screen {
  const keyboard = new InlineKeyboard();
  const lines = [t('coordination.board.title'), t('coordination.board.counts', { ...board.counts })];
  if (board.pendingVolunteers > 0) lines.push(t('coordination.board.pending', { count: board.pendingVolunteers }));
  if (board.requested.length > 0) {
    lines.push('', t('coordination.board.requested'));
    for (const task of board.requested) {
      lines.push(taskLine(t, lang, task, townships, timeZone));
      keyboard
        .text(t('coordination.board.publish', { id: task.id }), callbackData(COORD, 'publish', task.id))
        .text(t('coordination.board.decline', { id: task.id }), callbackData(COORD, 'decline', task.id))
        .row();
    }
  }
  if (board.stale.length > 0) {
    lines.push('', t('coordination.board.stale', { days: staleDays }));
    for (const task of board.stale) {
      lines.push(
        t('coordination.board.stale_item', {
          id: task.id,
          type: typeName(t, task.type),
          township: townshipName(townships, task.township),
          date: task.lastActivityAt ? formatDate(lang, task.lastActivityAt, timeZone) : '—',
        }),
      );
    }
  }
  return { text: lines.join('\n'), keyboard };
}

export function typeChoice(t: Translate, feature: string, action: string, prefix = ''): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const type of TASK_TYPES) keyboard.text(typeName(t, type), callbackData(feature, action, `${prefix}${type}`)).row();
  return keyboard;
}

export function townshipChoice(feature: string, action: string, townships: readonly Township[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  townships.forEach((town, i) => {
    keyboard.text(town.name, callbackData(feature, action, town.code));
    if (i % 2 === 1) keyboard.row();
  });
  return keyboard;
}

/** Effort a coordinator can give a published request, in hours. */
export const EFFORT_CHOICES = [1, 2, 4, 8] as const;
/** Due in this many days from publishing. */
export const DUE_DAY_CHOICES = [3, 7, 14, 30] as const;

export function effortChoice(t: Translate, taskId: number): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const hours of EFFORT_CHOICES) keyboard.text(t('coordination.publish.hours_button', { hours }), callbackData(COORD, 'pube', `${taskId}-${hours}`));
  return keyboard;
}

/** The due dates as dates, so no wording is needed: "6 Dec 2026" in the coordinator's language. */
export function dueChoice(lang: Language, taskId: number, hours: number, now: Date, timeZone: string): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  DUE_DAY_CHOICES.forEach((days, i) => {
    keyboard.text(formatDate(lang, new Date(now.getTime() + days * 86_400_000), timeZone), callbackData(COORD, 'pubd', `${taskId}-${hours}-${days}`));
    if (i % 2 === 1) keyboard.row();
  });
  return keyboard;
}

export function pairingsScreen(t: Translate, lang: Language, pairings: PairingSummary[], timeZone: string): Screen {
  const keyboard = new InlineKeyboard();
  if (pairings.length === 0) return { text: t('coordination.pairings.none'), keyboard };
  const lines = [t('coordination.pairings.title')];
  for (const p of pairings) {
    lines.push(
      t('coordination.pairings.item', {
        id: p.id,
        volunteer: p.volunteerName ?? '—',
        household: p.householdName ?? '—',
        frequency: t(`volunteering.frequency.${p.frequency}`),
        date: formatDate(lang, p.lastContactAt, timeZone),
      }),
    );
    keyboard.text(t('coordination.pairings.end', { id: p.id }), callbackData(COORD, 'unpair', p.id)).row();
  }
  return { text: lines.join('\n'), keyboard };
}

export function frequencyChoice(t: Translate, volunteerId: number, reference: string): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const f of FREQUENCIES) keyboard.text(t(`volunteering.frequency.${f}`), callbackData(COORD, 'pair', `${volunteerId}-${reference}-${f}`)).row();
  return keyboard;
}

// --- Reminders (rendered by the scheduler through views/reminders.ts) -----------------------------

/** task_update and pairing_checkin reminders: their words and buttons. */
export function volunteeringReminder(lang: Language, kind: 'task_update' | 'pairing_checkin', payload: Record<string, unknown>): { body: string; keyboard?: InlineKeyboard } {
  const t: Translate = (key, vars) => translate(lang, key, vars);
  if (kind === 'pairing_checkin') {
    const id = Number(payload.pairingId);
    return {
      body: t('volunteering.reminder.pairing', { id }),
      keyboard: new InlineKeyboard().text(t('volunteering.button.log_contact'), callbackData(VOL, 'contact', id)),
    };
  }
  const id = Number(payload.taskId);
  const event = typeof payload.event === 'string' ? payload.event : '';
  switch (event) {
    case 'checkin_due':
      return {
        body: t('volunteering.reminder.checkin_due', { id }),
        keyboard: new InlineKeyboard()
          .text(t('volunteering.button.checkin'), callbackData(VOL, 'checkin', id))
          .text(t('volunteering.button.complete'), callbackData(VOL, 'done', id))
          .row()
          .text(t('volunteering.button.unclaim'), callbackData(VOL, 'unclaim', id)),
      };
    case 'released':
    case 'released_staff':
    case 'requested':
    case 'problem':
      return { body: t(`volunteering.reminder.${event}`, { id }) };
    default:
      return { body: t('volunteering.reminder.other', { id }) };
  }
}
