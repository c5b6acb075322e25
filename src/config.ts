// Environment → one typed, validated Config. A bad value stops start-up with one line that names
// the variable and says what is accepted, so an operator on call can fix it without reading code.
import type { PledgeSettings } from './domain/donations/settings.js';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { dbTargetFromUrl, type DbTarget } from './db/index.js';
import {
  DEFAULT_ESCALATION_DAYS,
  DEFAULT_QUIET_HOURS,
  REMINDER_KINDS,
  isReminderKind,
  parseQuietHours,
  type EscalationDays,
  type QuietHours,
} from './domain/reminders/index.js';
import { DEFAULT_CASE_CYCLE, MAX_REVIEW_MONTHS, type CaseCycleSettings } from './domain/casework/cycle.js';
import { DEFAULT_TOWNSHIPS, parseTownships, type Township } from './domain/places/townships.js';
import { DEFAULT_VOLUNTEERING_SETTINGS, type VolunteeringSettings } from './domain/volunteering/codes.js';
import { SUPPORTED_LANGUAGES, type Language } from './i18n.js';

export interface Config {
  /** 'local' when no BOT_TOKEN: embedded Bot API gateway + web chat; otherwise Telegram. */
  mode: 'local' | 'telegram';
  botToken: string;
  telegram: {
    apiRoot: string;
    /** Set → webhook mode; unset → long polling. Always https. */
    webhookUrl?: string;
    webhookSecret: string;
  };
  db: DbTarget;
  http: { host: string; port: number };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  adminTelegramIds: ReadonlySet<number>;
  defaultLanguage: Language;
  /** The district's townships (TOWNSHIPS): staff scope, cases, volunteers, tasks, statistics. */
  townships: readonly Township[];
  /** Re-review intervals, notice and payment day of approved cases. */
  cases: CaseCycleSettings;
  reminders: {
    /** Seconds between scheduler ticks (node-cron). */
    tickSeconds: number;
    /** Outbound reminder messages per second, all instances together. */
    ratePerSecond: number;
    /** How long a claim on a batch of reminders holds: how soon a crashed instance's work is taken over. */
    leaseSeconds: number;
    /** Local quiet hours of every recipient; null: none. */
    quietHours: QuietHours | null;
    /** Days without an answer before a reminder is escalated to staff, per kind (0: never). */
    escalationDays: EscalationDays;
  };
  /** Pledge reminders and overdue instalments (PLEDGE_*). */
  pledges: PledgeSettings;
  /** Volunteer claims: check-in and release after days without an update; pairing grace days. */
  volunteering: VolunteeringSettings;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Local mode uses this fake token against the embedded gateway. */
export const LOCAL_BOT_TOKEN = '1000000:local-safety-net';
/** In local mode the demo caseworker (see channels/local) is an admin. */
export const LOCAL_DEMO_ADMIN_ID = 1004;

const botToken = z
  .string()
  .regex(/^\d+:[A-Za-z0-9_-]+$/, 'expected a Telegram bot token like 123456:ABC-def (from @BotFather)');

const httpsUrl = z
  .string()
  .url('expected a URL')
  .refine((u) => u.startsWith('https://'), 'must start with https:// (Telegram only calls https webhooks)');

const httpUrl = z
  .string()
  .url('expected a URL like https://api.telegram.org')
  .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://');

const port = z.coerce
  .number({ error: 'expected a number' })
  .int('expected a whole number')
  .min(1, 'expected a port from 1 to 65535')
  .max(65535, 'expected a port from 1 to 65535');

const adminIds = z
  .string()
  .regex(/^\s*(\d+\s*(,\s*\d+\s*)*)?$/, 'expected Telegram user ids separated by commas, e.g. 12345,67890')
  .transform((s) => new Set(s.split(',').map((x) => x.trim()).filter(Boolean).map(Number)));

function wholeNumber(min: number, max: number, unit: string) {
  const range = `expected ${unit} from ${min} to ${max}`;
  return z.coerce.number({ error: 'expected a number' }).int('expected a whole number').min(min, range).max(max, range);
}

function validQuietHours(text: string): boolean {
  try {
    parseQuietHours(text);
    return true;
  } catch {
    return false;
  }
}

const escalationDays = z
  .string()
  .regex(/^\s*[a-z_]+\s*=\s*\d{1,3}\s*(,\s*[a-z_]+\s*=\s*\d{1,3}\s*)*$/, 'expected kind=days pairs separated by commas, e.g. review_due=3,task_checkin=2')
  .transform((text, ctx) => {
    const days: Partial<Record<string, number>> = { ...DEFAULT_ESCALATION_DAYS };
    for (const pair of text.split(',')) {
      const [kind, value] = pair.split('=').map((x) => x.trim()) as [string, string];
      if (!isReminderKind(kind) || kind === 'escalation') {
        ctx.addIssue({ code: 'custom', message: `unknown reminder kind "${kind}"; kinds: ${REMINDER_KINDS.filter((k) => k !== 'escalation').join(', ')}` });
        return z.NEVER;
      }
      days[kind] = Number(value);
    }
    return days as EscalationDays;
  });

function validTownships(text: string, ctx: z.RefinementCtx): Township[] {
  try {
    return parseTownships(text);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err) });
    return z.NEVER;
  }
}

const reviewMonths = z
  .string()
  .regex(/^\s*(urban|rural)\s*=\s*\d{1,2}\s*(,\s*(urban|rural)\s*=\s*\d{1,2}\s*)?$/, 'expected area=months pairs, e.g. urban=6,rural=12')
  .transform((text, ctx) => {
    const months: Record<string, number> = { ...DEFAULT_CASE_CYCLE.reviewMonths };
    for (const pair of text.split(',')) {
      const [area, value] = pair.split('=').map((x) => x.trim()) as [string, string];
      const n = Number(value);
      if (n < 1 || n > MAX_REVIEW_MONTHS) {
        ctx.addIssue({ code: 'custom', message: `expected 1 to ${MAX_REVIEW_MONTHS} months for ${area}` });
        return z.NEVER;
      }
      months[area] = n;
    }
    return months as CaseCycleSettings['reviewMonths'];
  });

const envSchema = z.object({
  BOT_TOKEN: botToken.optional(),
  TELEGRAM_API_ROOT: httpUrl.default('https://api.telegram.org'),
  WEBHOOK_URL: httpsUrl.optional(),
  WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, 'expected 16–256 characters of A-Z, a-z, 0-9, _ or -')
    .optional(),
  HOST: z.string().min(1).optional(),
  PORT: port.default(8080),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ADMIN_TELEGRAM_IDS: adminIds.default(new Set<number>()),
  DEFAULT_LANGUAGE: z.enum(SUPPORTED_LANGUAGES).default('en'),
  REVIEW_INTERVAL_MONTHS: reviewMonths.optional(),
  REVIEW_NOTICE_DAYS: wholeNumber(0, 90, 'days').default(DEFAULT_CASE_CYCLE.reviewNoticeDays),
  PAYMENT_DAY: wholeNumber(1, 28, 'a day of the month').default(DEFAULT_CASE_CYCLE.paymentDay),
  TOWNSHIPS: z.string().default(DEFAULT_TOWNSHIPS).transform(validTownships),
  REMINDER_TICK_SECONDS: wholeNumber(1, 60, 'seconds').default(5),
  REMINDER_RATE_PER_SECOND: wholeNumber(1, 1000, 'messages per second').default(25),
  REMINDER_LEASE_SECONDS: wholeNumber(10, 3600, 'seconds').default(60),
  REMINDER_QUIET_HOURS: z.string().refine(validQuietHours, 'expected HH:MM-HH:MM (e.g. 21:00-08:00) or off').optional(),
  REMINDER_ESCALATE_AFTER_DAYS: escalationDays.optional(),
  PLEDGE_REMIND_DAYS_BEFORE: wholeNumber(0, 30, 'days').default(3),
  PLEDGE_GENTLE_REMINDER_DAYS: wholeNumber(1, 30, 'days').default(3),
  PLEDGE_OVERDUE_DAYS: wholeNumber(2, 90, 'days').default(7),
  TASK_CHECKIN_AFTER_DAYS: wholeNumber(1, 60, 'days').default(DEFAULT_VOLUNTEERING_SETTINGS.checkinAfterDays),
  TASK_RELEASE_AFTER_DAYS: wholeNumber(2, 90, 'days').default(DEFAULT_VOLUNTEERING_SETTINGS.releaseAfterDays),
  PAIRING_GRACE_DAYS: wholeNumber(0, 30, 'days').default(DEFAULT_VOLUNTEERING_SETTINGS.pairingGraceDays),
});

/** Empty strings count as unset: `PORT= npm start` should mean the default, not an error. */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== ''),
  );
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = envSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`${variable}: ${issue.message}`);
  }
  const e = parsed.data;

  let db: DbTarget;
  try {
    db = dbTargetFromUrl(env.DATABASE_URL?.trim() || undefined, cwd);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new ConfigError(message.startsWith('DATABASE_URL') ? message : `DATABASE_URL: ${message}`);
  }

  if (e.WEBHOOK_URL && !e.BOT_TOKEN) {
    throw new ConfigError('WEBHOOK_URL: needs BOT_TOKEN too (webhooks are a Telegram feature)');
  }

  if (e.PLEDGE_OVERDUE_DAYS <= e.PLEDGE_GENTLE_REMINDER_DAYS) {
    throw new ConfigError('PLEDGE_OVERDUE_DAYS: must be more than PLEDGE_GENTLE_REMINDER_DAYS (the gentle reminder comes first)');
  }
  if (e.TASK_RELEASE_AFTER_DAYS <= e.TASK_CHECKIN_AFTER_DAYS) {
    throw new ConfigError(
      `TASK_RELEASE_AFTER_DAYS: must be more than TASK_CHECKIN_AFTER_DAYS (${e.TASK_CHECKIN_AFTER_DAYS}), so the volunteer is asked before the claim is released`,
    );
  }

  const mode = e.BOT_TOKEN ? 'telegram' : 'local';
  const token = e.BOT_TOKEN ?? LOCAL_BOT_TOKEN;
  const admins = new Set(e.ADMIN_TELEGRAM_IDS);
  if (mode === 'local') admins.add(LOCAL_DEMO_ADMIN_ID);

  return {
    mode,
    botToken: token,
    telegram: {
      apiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
      ...(e.WEBHOOK_URL ? { webhookUrl: e.WEBHOOK_URL } : {}),
      webhookSecret: e.WEBHOOK_SECRET ?? deriveWebhookSecret(token),
    },
    db,
    // Local mode is a personal web chat: bind to loopback unless told otherwise. A webhook
    // receiver sits behind a load balancer and must listen on all interfaces.
    http: { host: e.HOST ?? (e.WEBHOOK_URL ? '0.0.0.0' : '127.0.0.1'), port: e.PORT },
    logLevel: e.LOG_LEVEL,
    adminTelegramIds: admins,
    defaultLanguage: e.DEFAULT_LANGUAGE,
    townships: e.TOWNSHIPS,
    cases: {
      reviewMonths: e.REVIEW_INTERVAL_MONTHS ?? DEFAULT_CASE_CYCLE.reviewMonths,
      reviewNoticeDays: e.REVIEW_NOTICE_DAYS,
      paymentDay: e.PAYMENT_DAY,
    },
    reminders: {
      tickSeconds: e.REMINDER_TICK_SECONDS,
      ratePerSecond: e.REMINDER_RATE_PER_SECOND,
      leaseSeconds: e.REMINDER_LEASE_SECONDS,
      quietHours: e.REMINDER_QUIET_HOURS === undefined ? DEFAULT_QUIET_HOURS : parseQuietHours(e.REMINDER_QUIET_HOURS),
      escalationDays: e.REMINDER_ESCALATE_AFTER_DAYS ?? DEFAULT_ESCALATION_DAYS,
    },
    pledges: {
      remindDaysBefore: e.PLEDGE_REMIND_DAYS_BEFORE,
      gentleReminderDays: e.PLEDGE_GENTLE_REMINDER_DAYS,
      overdueDays: e.PLEDGE_OVERDUE_DAYS,
    },
    volunteering: {
      checkinAfterDays: e.TASK_CHECKIN_AFTER_DAYS,
      releaseAfterDays: e.TASK_RELEASE_AFTER_DAYS,
      pairingGraceDays: e.PAIRING_GRACE_DAYS,
    },
  };
}

/**
 * Every instance behind a load balancer must agree on the webhook secret without extra
 * configuration, so by default it is derived from the bot token (which they share anyway).
 */
function deriveWebhookSecret(token: string): string {
  return createHash('sha256').update(`safety-net-webhook:${token}`).digest('hex').slice(0, 48);
}
