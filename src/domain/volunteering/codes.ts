// Codes of volunteering: what a volunteer offers, what a task is, how often a pairing meets, and
// the settings of the stale-claim sweep. Stored as plain strings (comma-separated lists where a
// person picks several); everything read back from the database is checked against these lists.
/** What a volunteer can do; a task is one of these. */
export const TASK_TYPES = ['paperwork', 'translation', 'home_visit', 'delivery', 'digital_help'] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export const AVAILABILITY = ['weekday_daytime', 'weekday_evening', 'weekend'] as const;
export type Availability = (typeof AVAILABILITY)[number];

/**
 * The languages a volunteer may speak and a task may need: the bot's languages (SUPPORTED_LANGUAGES
 * of src/i18n.ts, which domain/ must not import; a test keeps the two lists equal).
 */
export const TASK_LANGUAGES = ['en', 'zh', 'es', 'ar', 'uk'] as const;
export type TaskLanguage = (typeof TASK_LANGUAGES)[number];

export const PROFILE_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ProfileStatus = (typeof PROFILE_STATUSES)[number];

export const TASK_STATUSES = ['requested', 'open', 'claimed', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const FREQUENCIES = ['weekly', 'fortnightly', 'monthly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const FREQUENCY_DAYS: Record<Frequency, number> = { weekly: 7, fortnightly: 14, monthly: 30 };

/** Claims a volunteer may hold at once: the choices offered, and the bounds of the setting. */
export const MAX_ACTIVE_CHOICES = [1, 2, 3, 5] as const;
export const MAX_ACTIVE_LIMIT = 10;

/** Contact details: a name, an address and a phone, each one short line. */
export const MAX_CONTACT_FIELD = 200;
export const MAX_REPORT_LENGTH = 1000;
/** A task takes at most this many hours (estimate and time reported alike): more is a typo. */
export const MAX_TASK_HOURS = 100;

export interface VolunteeringSettings {
  /** Days without an update after which the volunteer holding a claim is asked to check in. */
  checkinAfterDays: number;
  /** Days without an update after which the claim is released back to open (> checkinAfterDays). */
  releaseAfterDays: number;
  /** Days of grace after a pairing's interval before the volunteer is reminded. */
  pairingGraceDays: number;
}

export const DEFAULT_VOLUNTEERING_SETTINGS: VolunteeringSettings = {
  checkinAfterDays: 3,
  releaseAfterDays: 5,
  pairingGraceDays: 2,
};

const oneOf =
  <T extends string>(list: readonly T[]) =>
  (value: unknown): value is T =>
    typeof value === 'string' && (list as readonly string[]).includes(value);

export const isTaskType = oneOf(TASK_TYPES);
export const isAvailability = oneOf(AVAILABILITY);
export const isTaskLanguage = oneOf(TASK_LANGUAGES);
export const isProfileStatus = oneOf(PROFILE_STATUSES);
export const isTaskStatus = oneOf(TASK_STATUSES);
export const isFrequency = oneOf(FREQUENCIES);

/** A stored comma-separated list, keeping only known codes (in the list's order, once each). */
export function readCodes<T extends string>(stored: string, list: readonly T[]): T[] {
  const present = new Set(stored.split(','));
  return list.filter((code) => present.has(code));
}

/** Codes to store: known ones only, once each, in the list's order; null if none is known. */
export function writeCodes<T extends string>(codes: readonly unknown[], list: readonly T[]): string | null {
  const chosen = list.filter((code) => codes.includes(code));
  return chosen.length === 0 || chosen.length !== new Set(codes).size ? null : chosen.join(',');
}
