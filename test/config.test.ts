import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, LOCAL_DEMO_ADMIN_ID } from '../src/config.js';

const cwd = '/srv/safety-net';

function errorOf(env: Record<string, string>): string {
  try {
    loadConfig(env, cwd);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a configuration error');
}

describe('loadConfig', () => {
  it('defaults to local mode on SQLite with the web chat on 127.0.0.1:8080', () => {
    const config = loadConfig({}, cwd);
    expect(config.mode).toBe('local');
    expect(config.db.provider).toBe('sqlite');
    expect(config.db.sqliteFile).toBe('/srv/safety-net/data/safetynet.db');
    expect(config.http).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(config.adminTelegramIds.has(LOCAL_DEMO_ADMIN_ID)).toBe(true);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', BOT_TOKEN: ' ', DATABASE_URL: '' }, cwd).mode).toBe('local');
  });

  it('switches to Telegram with a token, polling unless WEBHOOK_URL is set', () => {
    const polling = loadConfig({ BOT_TOKEN: '123:abc', TELEGRAM_API_ROOT: 'http://127.0.0.1:9999/' }, cwd);
    expect(polling.mode).toBe('telegram');
    expect(polling.telegram.webhookUrl).toBeUndefined();
    expect(polling.telegram.apiRoot).toBe('http://127.0.0.1:9999');
    expect(polling.adminTelegramIds.has(LOCAL_DEMO_ADMIN_ID)).toBe(false);

    const webhook = loadConfig({ BOT_TOKEN: '123:abc', WEBHOOK_URL: 'https://bot.example.org/tg' }, cwd);
    expect(webhook.telegram.webhookUrl).toBe('https://bot.example.org/tg');
    expect(webhook.http.host).toBe('0.0.0.0');
    // Instances behind one load balancer derive the same secret from the shared token.
    expect(webhook.telegram.webhookSecret).toMatch(/^[0-9a-f]{48}$/);
    expect(loadConfig({ BOT_TOKEN: '123:abc', WEBHOOK_URL: 'https://x.org/a' }, cwd).telegram.webhookSecret).toBe(
      webhook.telegram.webhookSecret,
    );
  });

  it('reads the townships, with an illustrative default', () => {
    expect(loadConfig({}, cwd).townships.map((t) => t.name)).toEqual(['Riverside', 'Hillview', 'Eastgate', 'Lakeside']);
    expect(loadConfig({ TOWNSHIPS: 'North Bank, Mill Lane' }, cwd).townships).toEqual([
      { code: 'north_bank', name: 'North Bank' },
      { code: 'mill_lane', name: 'Mill Lane' },
    ]);
  });

  it('reads the case cycle: review months by area, notice days, payment day', () => {
    expect(loadConfig({}, cwd).cases).toEqual({ reviewMonths: { urban: 6, rural: 12 }, reviewNoticeDays: 14, paymentDay: 10 });
    const config = loadConfig({ REVIEW_INTERVAL_MONTHS: 'rural=9', REVIEW_NOTICE_DAYS: '7', PAYMENT_DAY: '1' }, cwd);
    expect(config.cases).toEqual({ reviewMonths: { urban: 6, rural: 9 }, reviewNoticeDays: 7, paymentDay: 1 });
  });

  it('parses admin ids', () => {
    const config = loadConfig({ BOT_TOKEN: '1:a', ADMIN_TELEGRAM_IDS: '12, 34' }, cwd);
    expect([...config.adminTelegramIds]).toEqual([12, 34]);
  });

  it('selects PostgreSQL from DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/test' }, cwd).db.provider).toBe('postgresql');
  });

  it('reads pledge reminder settings, with defaults, and wants the gentle reminder before overdue', () => {
    expect(loadConfig({}, cwd).pledges).toEqual({ remindDaysBefore: 3, gentleReminderDays: 3, overdueDays: 7 });
    expect(loadConfig({ PLEDGE_REMIND_DAYS_BEFORE: '0', PLEDGE_GENTLE_REMINDER_DAYS: '5', PLEDGE_OVERDUE_DAYS: '14' }, cwd).pledges).toEqual({
      remindDaysBefore: 0,
      gentleReminderDays: 5,
      overdueDays: 14,
    });
    expect(errorOf({ PLEDGE_GENTLE_REMINDER_DAYS: '7', PLEDGE_OVERDUE_DAYS: '7' })).toMatch(/^PLEDGE_OVERDUE_DAYS: must be more than/);
    expect(errorOf({ PLEDGE_REMIND_DAYS_BEFORE: '31' })).toMatch(/^PLEDGE_REMIND_DAYS_BEFORE: /);
  });

  it('has reminder defaults: a tick every 5 s, 25 messages/s, 60 s leases, quiet 21:00–08:00', () => {
    const { reminders } = loadConfig({}, cwd);
    expect(reminders).toMatchObject({ tickSeconds: 5, ratePerSecond: 25, leaseSeconds: 60, quietHours: { start: 21 * 60, end: 8 * 60 } });
    expect(reminders.escalationDays.review_due).toBe(3);
    expect(reminders.escalationDays.announcement).toBeUndefined();
  });

  it('reads reminder settings', () => {
    const { reminders } = loadConfig(
      {
        REMINDER_TICK_SECONDS: '10',
        REMINDER_RATE_PER_SECOND: '20',
        REMINDER_LEASE_SECONDS: '120',
        REMINDER_QUIET_HOURS: '22:30-07:00',
        REMINDER_ESCALATE_AFTER_DAYS: 'review_due=5, custom=0',
      },
      cwd,
    );
    expect(reminders).toMatchObject({ tickSeconds: 10, ratePerSecond: 20, leaseSeconds: 120, quietHours: { start: 22 * 60 + 30, end: 7 * 60 } });
    expect(reminders.escalationDays).toMatchObject({ review_due: 5, custom: 0, task_checkin: 2 });
    expect(loadConfig({ REMINDER_QUIET_HOURS: 'off' }, cwd).reminders.quietHours).toBeNull();
  });

  it('reads volunteering settings: check-in and release days of a claim, pairing grace', () => {
    expect(loadConfig({}, cwd).volunteering).toEqual({ checkinAfterDays: 3, releaseAfterDays: 5, pairingGraceDays: 2 });
    expect(loadConfig({ TASK_CHECKIN_AFTER_DAYS: '2', TASK_RELEASE_AFTER_DAYS: '7', PAIRING_GRACE_DAYS: '0' }, cwd).volunteering).toEqual({
      checkinAfterDays: 2,
      releaseAfterDays: 7,
      pairingGraceDays: 0,
    });
  });

  it.each([
    [{ TASK_CHECKIN_AFTER_DAYS: '0' }, /^TASK_CHECKIN_AFTER_DAYS: expected days from 1 to 60/],
    [{ TASK_RELEASE_AFTER_DAYS: '3' }, /^TASK_RELEASE_AFTER_DAYS: must be more than TASK_CHECKIN_AFTER_DAYS \(3\)/],
    [{ PAIRING_GRACE_DAYS: 'soon' }, /^PAIRING_GRACE_DAYS: /],
    [{ PORT: 'eighty' }, /^PORT: /],
    [{ PORT: '70000' }, /^PORT: /],
    [{ PORT: '-1' }, /^PORT: /],
    [{ DATABASE_URL: 'mysql://root@localhost/db' }, /^DATABASE_URL/],
    [{ DATABASE_URL: 'not a url' }, /^DATABASE_URL/],
    [{ BOT_TOKEN: '123:abc', WEBHOOK_URL: 'http://bot.example.org/tg' }, /^WEBHOOK_URL: .*https/],
    [{ WEBHOOK_URL: 'https://bot.example.org/tg' }, /^WEBHOOK_URL: needs BOT_TOKEN/],
    [{ BOT_TOKEN: 'not-a-token' }, /^BOT_TOKEN: /],
    [{ TELEGRAM_API_ROOT: 'ftp://x' }, /^TELEGRAM_API_ROOT: /],
    [{ ADMIN_TELEGRAM_IDS: 'alice' }, /^ADMIN_TELEGRAM_IDS: /],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL: /],
    [{ DEFAULT_LANGUAGE: 'xx' }, /^DEFAULT_LANGUAGE: /],
    [{ REMINDER_TICK_SECONDS: '0' }, /^REMINDER_TICK_SECONDS: expected seconds from 1 to 60/],
    [{ REMINDER_TICK_SECONDS: '90' }, /^REMINDER_TICK_SECONDS: /],
    [{ REMINDER_RATE_PER_SECOND: '2.5' }, /^REMINDER_RATE_PER_SECOND: expected a whole number/],
    [{ REMINDER_RATE_PER_SECOND: 'fast' }, /^REMINDER_RATE_PER_SECOND: /],
    [{ REMINDER_LEASE_SECONDS: '5' }, /^REMINDER_LEASE_SECONDS: /],
    [{ REMINDER_QUIET_HOURS: '21-8' }, /^REMINDER_QUIET_HOURS: expected HH:MM-HH:MM/],
    [{ REVIEW_INTERVAL_MONTHS: 'urban:6' }, /^REVIEW_INTERVAL_MONTHS: expected area=months pairs/],
    [{ REVIEW_INTERVAL_MONTHS: 'urban=30' }, /^REVIEW_INTERVAL_MONTHS: expected 1 to 24 months for urban/],
    [{ PAYMENT_DAY: '31' }, /^PAYMENT_DAY: expected a day of the month from 1 to 28/],
    [{ TOWNSHIPS: 'Riverside,,Hillview' }, /^TOWNSHIPS: expected names separated by commas/],
    [{ TOWNSHIPS: 'Old Town, old town' }, /^TOWNSHIPS: "Old Town" and "old town" are the same township/],
    [{ REMINDER_QUIET_HOURS: '25:00-08:00' }, /^REMINDER_QUIET_HOURS: /],
    [{ REMINDER_ESCALATE_AFTER_DAYS: 'review_due' }, /^REMINDER_ESCALATE_AFTER_DAYS: expected kind=days/],
    [{ REMINDER_ESCALATE_AFTER_DAYS: 'birthday=3' }, /^REMINDER_ESCALATE_AFTER_DAYS: unknown reminder kind "birthday"/],
  ])('rejects %j with one line naming the variable', (env, expected) => {
    const message = errorOf(env);
    expect(message).toMatch(expected);
    expect(message).not.toContain('\n');
  });
});
