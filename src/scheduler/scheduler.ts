// The reminder scheduler. A tick escalates unanswered reminders, then repeatedly claims a batch of
// due reminders, reserves send slots on the pace shared by all instances, and sends each
// reminder in its slot, in the recipient's language, recording the outcome right after.
//
// Delivery is at least once. A reminder is marked sent in its own small update immediately after
// Telegram accepts it; only a crash (or a lost connection) between those two moments makes it go
// out again, when its lease expires and another tick takes it over. Claims are renewed while their
// instance lives, and no send starts on a claim that is about to expire.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { InlineKeyboardMarkup } from 'grammy/types';
import cron, { type ScheduledTask } from 'node-cron';
import { renderReminder, type ReminderMessage } from '../bot/views/reminders.js';
import type { Db, DbProvider } from '../db/index.js';
import { sweepPledges } from '../domain/donations/coordination.js';
import { fundNames, type Localized } from '../domain/donations/funds.js';
import { DEFAULT_PLEDGE_SETTINGS, type PledgeSettings } from '../domain/donations/settings.js';
import { DEFAULT_ESCALATION_DAYS } from '../domain/reminders/kinds.js';
import {
  cancelClaimed,
  claimDue,
  escalateIgnored,
  extendLeases,
  markFailed,
  markSent,
  namesOf,
  recipientBlocked,
  release,
  releaseMany,
  reserveSendSlots,
  retryLater,
  type ClaimedReminder,
  type EscalationDays,
} from '../domain/reminders/queue.js';
import { DEFAULT_QUIET_HOURS, endOfQuietHours, isQuietTime, type QuietHours } from '../domain/reminders/time.js';
import { isLanguage, type Language } from '../i18n.js';
import type { Logger } from '../logger.js';
import { systemClock, type Clock } from './clock.js';
import { CAP_WINDOW_MS, ChatPace, SendLog, planSends } from './pacing.js';

/** What the scheduler needs of grammY's `Api` (which fits as it is), so tests can fake Telegram. */
export interface ReminderSender {
  sendMessage(chatId: number, text: string, other?: { reply_markup?: InlineKeyboardMarkup }): Promise<unknown>;
}

export interface SchedulerSettings {
  /** Outbound messages per second, all instances together. */
  ratePerSecond: number;
  /** How long a claim holds without renewal: how soon a crashed instance's reminders are taken over. */
  leaseSeconds: number;
  /** Local quiet hours; null: none. */
  quietHours: QuietHours | null;
  /** Days without an answer before escalating, per kind; missing or 0: never. */
  escalationDays: EscalationDays;
}

export const DEFAULT_SCHEDULER_SETTINGS: SchedulerSettings = {
  ratePerSecond: 25,
  leaseSeconds: 60,
  quietHours: DEFAULT_QUIET_HOURS,
  escalationDays: DEFAULT_ESCALATION_DAYS,
};

/** Fine tuning, with defaults that suit Telegram; tests and the benchmark change some. */
export interface SchedulerTuning {
  /** Claims (crashed ones included) before a reminder fails for good. */
  maxAttempts: number;
  /** At most one message per chat this often (Telegram asks for about one per second). */
  perChatMs: number;
  /** A batch holds this many seconds of sending at the full rate. */
  batchSeconds: number;
  /**
   * A send this late for its slot (the process was busy) is not sent: the reminder goes back to
   * the queue for a new slot. It is also the gap left between one instance's reserved slots and
   * the next instance's, so that the late sends of one never crowd the other's first ones: with
   * both, all instances together stay at the cap in every second, not only on average.
   */
  maxLateMs: number;
  /** Sends waiting for Telegram's answer at once, at most. */
  maxInFlight: number;
  /** First retry delay; each next one is four times longer, up to retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Unanswered reminders escalated per tick, at most. */
  escalationBatch: number;
  /** How long stop() waits for sends under way. */
  stopTimeoutMs: number;
  /** How often claims being sent are renewed; 0: a third of the lease. */
  renewEveryMs: number;
}

const DEFAULT_TUNING: SchedulerTuning = {
  maxAttempts: 5,
  perChatMs: 1000,
  batchSeconds: 2,
  maxLateMs: 50,
  maxInFlight: 64,
  retryBaseMs: 30_000,
  retryMaxMs: 6 * 3600_000,
  escalationBatch: 100,
  stopTimeoutMs: 15_000,
  renewEveryMs: 0,
};

export interface BatchStats {
  /** Rows claimed by this batch. */
  claimed: number;
  /** Time the claim statement took, in milliseconds. */
  claimMs: number;
}

export interface TickReport {
  batches: number;
  claimed: number;
  sent: number;
  /** Put back for later: quiet hours, a chat's pace, or stopping. */
  deferred: number;
  retried: number;
  failed: number;
  cancelled: number;
  escalated: number;
  /** Sent, but the claim was no longer ours when recording it (see the delivery guarantee). */
  leaseLost: number;
}

export interface SchedulerOptions {
  db: Db;
  provider: DbProvider;
  sender: ReminderSender;
  logger: Logger;
  settings?: Partial<SchedulerSettings>;
  tuning?: Partial<SchedulerTuning>;
  clock?: Clock;
  /** Names this instance in claims (claimedBy); unique by default. */
  instanceId?: string;
  /** For people whose stored language we do not support. */
  defaultLanguage?: Language;
  /** Pledge instalments: generated ahead and turned overdue by each tick (PLEDGE_* settings). */
  pledgeSettings?: PledgeSettings;
  /** Called after each claim: the benchmark measures claim latency with it. */
  onBatch?: (stats: BatchStats) => void;
  /**
   * Periodic domain work run at the start of every tick, before sending, so that what it queues
   * goes out in the same tick (e.g. the volunteer stale-claim sweep). Each must be idempotent and
   * safe with several instances; a failing one is logged and does not stop the tick.
   */
  sweeps?: readonly Sweep[];
}

export interface Sweep {
  name: string;
  run(now: Date): Promise<unknown>;
}

/** A claimed reminder, put into words, waiting for its send slot. */
interface Ready {
  item: ClaimedReminder;
  message: ReminderMessage;
}

function emptyReport(): TickReport {
  return { batches: 0, claimed: 0, sent: 0, deferred: 0, retried: 0, failed: 0, cancelled: 0, escalated: 0, leaseLost: 0 };
}

type Failure = { kind: 'blocked' | 'permanent' | 'transient'; code: string };

/** Bot API errors carry error_code; anything else (network, timeout) may pass. */
export function classifySendError(err: unknown): Failure {
  const raw = typeof err === 'object' && err !== null ? (err as { error_code?: unknown }).error_code : undefined;
  const code = typeof raw === 'number' ? raw : undefined;
  if (code === 403) return { kind: 'blocked', code: 'blocked' };
  // Bad request: chat not found, message too long … the same request would fail again.
  if (code === 400) return { kind: 'permanent', code: 'telegram_400' };
  if (code === 429) return { kind: 'transient', code: 'telegram_429' };
  if (code !== undefined) return { kind: 'transient', code: code >= 500 ? 'telegram_5xx' : `telegram_${code}` };
  return { kind: 'transient', code: 'network' };
}

export class ReminderScheduler {
  readonly instanceId: string;
  private readonly db: Db;
  private readonly provider: DbProvider;
  private readonly sender: ReminderSender;
  private readonly logger: Logger;
  private readonly settings: SchedulerSettings;
  private readonly tuning: SchedulerTuning;
  private readonly clock: Clock;
  private readonly defaultLanguage: Language;
  private readonly pledgeSettings: PledgeSettings;
  private readonly onBatch: ((stats: BatchStats) => void) | undefined;
  private readonly sweeps: readonly Sweep[];
  private readonly pace: ChatPace;
  private readonly sendLog: SendLog;
  /** Claim tokens of batches being sent, and until when each claim holds (ms). */
  private readonly leases = new Map<string, number>();
  private batchSeq = 0;
  /** Reminders handed back (still due) during the current round of a tick. */
  private handedBack = 0;
  private running: Promise<TickReport> | null = null;
  private stopping = false;
  private task: ScheduledTask | null = null;

  constructor(options: SchedulerOptions) {
    this.db = options.db;
    this.provider = options.provider;
    this.sender = options.sender;
    this.logger = options.logger;
    this.settings = { ...DEFAULT_SCHEDULER_SETTINGS, ...options.settings };
    this.tuning = { ...DEFAULT_TUNING, ...options.tuning };
    this.clock = options.clock ?? systemClock;
    this.defaultLanguage = options.defaultLanguage ?? 'en';
    this.pledgeSettings = options.pledgeSettings ?? DEFAULT_PLEDGE_SETTINGS;
    this.onBatch = options.onBatch;
    this.sweeps = options.sweeps ?? [];
    this.instanceId = options.instanceId ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    if (!(this.settings.ratePerSecond > 0)) throw new Error('ratePerSecond must be positive');
    this.pace = new ChatPace(this.tuning.perChatMs);
    this.sendLog = new SendLog(Math.max(1, Math.floor(this.settings.ratePerSecond)));
  }

  /** Between two reserved send slots. */
  private get intervalMs(): number {
    return CAP_WINDOW_MS / this.settings.ratePerSecond;
  }

  private get leaseMs(): number {
    return this.settings.leaseSeconds * 1000;
  }

  /** Claims never hold more than a few seconds of sending, far less than a lease. */
  get batchSize(): number {
    return Math.max(1, Math.min(1000, Math.floor(this.settings.ratePerSecond * this.tuning.batchSeconds)));
  }

  /** Ticks every `tickSeconds` (1–60) on node-cron; a tick still running when the next is due is not doubled. */
  start(tickSeconds: number): void {
    if (this.task || this.stopping) return;
    const expression = tickSeconds >= 60 ? '0 * * * * *' : `*/${Math.max(1, Math.floor(tickSeconds))} * * * * *`;
    const log = this.logger;
    this.task = cron.schedule(expression, () => this.tick(), {
      name: `reminders:${this.instanceId}`,
      noOverlap: true,
      // node-cron reports skipped (overlapping) runs as warnings: routine here, so debug.
      logger: {
        info: (message) => log.debug({ cron: message }, 'scheduler'),
        warn: (message) => log.debug({ cron: message }, 'scheduler'),
        error: (message) => log.error({ cron: String(message) }, 'scheduler'),
        debug: (message) => log.debug({ cron: String(message) }, 'scheduler'),
      },
    });
  }

  /** Stops ticking; unsent claimed reminders go back to the queue; waits for sends under way. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.task) {
      await this.task.stop();
      await this.task.destroy();
      this.task = null;
    }
    if (!this.running) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), this.tuning.stopTimeoutMs)));
    const outcome = await Promise.race([this.running.then(() => 'done' as const), timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') this.logger.warn('reminder sends still under way at stop; their leases will expire and they may be sent again');
  }

  /** One tick; a tick already running is joined rather than doubled. Never throws. */
  tick(): Promise<TickReport> {
    if (this.running) return this.running;
    const run = this.runTick().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  private async runTick(): Promise<TickReport> {
    const report = emptyReport();
    if (this.stopping) return report;
    const heartbeat = setInterval(() => void this.renewLeases(), this.tuning.renewEveryMs || Math.max(1000, this.leaseMs / 3));
    heartbeat.unref();
    for (const sweep of this.sweeps) {
      if (this.stopping) break;
      await sweep.run(this.clock.now()).catch((err: unknown) => this.logger.error({ err: describe(err), sweep: sweep.name }, 'sweep failed; retried at the next tick'));
    }
    try {
      report.escalated = await escalateIgnored(this.db, this.clock.now(), this.tuning.escalationBatch);
      // Batches handed back while their sends were under way are due again: go round once more
      // (a few times at most; the next tick takes over from there).
      for (let round = 0; round < 10 && !this.stopping; round++) {
        this.handedBack = 0;
        await this.claimAndSend(report);
        if (this.handedBack === 0) break;
      }
      // After the sends: due reminders never wait for the sweep.
      if (!this.stopping) await this.sweepPledges();
    } catch (err) {
      this.logger.error({ err: describe(err) }, 'reminder tick failed; due reminders are retried at the next tick');
    } finally {
      clearInterval(heartbeat);
      this.pace.prune(this.clock.now().getTime());
    }
    return report;
  }

  /**
   * Pledge instalments coming within the horizon get their rows and reminders; unpaid ones turn
   * overdue. A failure here is logged and retried next tick; it never holds up due reminders.
   */
  private async sweepPledges(): Promise<void> {
    try {
      await sweepPledges(this.db, this.pledgeSettings, this.clock.now());
    } catch (err) {
      this.logger.error({ err: describe(err) }, 'pledge sweep failed; it runs again at the next tick');
    }
  }

  /** Claims and sends batches until nothing is due; returns when every send is recorded. */
  private async claimAndSend(report: TickReport): Promise<void> {
    const dispatches = new Set<Promise<void>>();
    try {
      while (!this.stopping) {
        const batch = await this.claim(report);
        if (batch.length === 0) break;
        let windowEndMs: number | null;
        try {
          windowEndMs = await this.startBatch(batch, report, dispatches);
        } catch (err) {
          // No renewal for a batch we could not start: its claims expire and are taken over.
          this.leases.delete(batch[0]!.claimToken);
          throw err;
        }
        if (windowEndMs === null) continue;
        // Claim the next batch halfway through this one's slots, so that the reserved windows
        // follow each other without a gap, and the work of claiming (which can hold up this
        // process for a moment) falls mid-window, not where another instance's slots begin.
        const windowMs = batch.length * this.intervalMs;
        await this.clock.sleepUntil(Math.ceil(windowEndMs - windowMs / 2));
        while (dispatches.size >= 3) await Promise.race(dispatches);
      }
    } finally {
      await Promise.all(dispatches);
    }
  }

  private async claim(report: TickReport): Promise<ClaimedReminder[]> {
    const now = this.clock.now();
    const token = `${this.instanceId}#${++this.batchSeq}`;
    const leaseUntil = new Date(now.getTime() + this.leaseMs);
    const started = performance.now();
    const batch = await claimDue(this.db, this.provider, { now, limit: this.batchSize, leaseUntil, token });
    this.onBatch?.({ claimed: batch.length, claimMs: performance.now() - started });
    if (batch.length > 0) {
      report.batches++;
      report.claimed += batch.length;
      this.leases.set(token, leaseUntil.getTime());
    }
    return batch;
  }

  /**
   * Sorts out the batch — too many attempts, unreachable recipient, quiet hours — reserves slots
   * for the rest and starts sending them. Returns when the reserved slots end (null: nothing to send).
   */
  private async startBatch(batch: ClaimedReminder[], report: TickReport, dispatches: Set<Promise<void>>): Promise<number | null> {
    const token = batch[0]!.claimToken;
    const now = this.clock.now();
    const sendable: ClaimedReminder[] = [];
    const quiet = new Map<number, number[]>(); // morning (ms) → reminder ids
    for (const r of batch) {
      if (r.attempts > this.tuning.maxAttempts) {
        if (await markFailed(this.db, r, 'max_attempts', now)) report.failed++;
      } else if (!r.recipient.active) {
        if (await cancelClaimed(this.db, r, 'recipient_inactive')) report.cancelled++;
      } else if (isQuietTime(now, r.recipient.timeZone, this.settings.quietHours)) {
        const morning = endOfQuietHours(now, r.recipient.timeZone, this.settings.quietHours).getTime();
        quiet.set(morning, [...(quiet.get(morning) ?? []), r.id]);
      } else {
        sendable.push(r);
      }
    }
    for (const [morning, ids] of quiet) report.deferred += await releaseMany(this.db, token, ids, new Date(morning));

    // Put into words before reserving slots, so that the slots are spent sending, not rendering.
    const names = await namesOf(
      this.db,
      sendable.filter((r) => r.kind === 'escalation').map((r) => Number(r.payload.personId)),
    );
    const funds = await fundNames(
      this.db,
      sendable.filter((r) => r.kind === 'pledge_instalment').map((r) => String(r.payload.fund)),
    );
    const ready: Ready[] = [];
    for (const [i, item] of sendable.entries()) {
      const message = await this.renderOrFail(item, names, funds, report);
      if (message) ready.push({ item, message });
      // The previous batch may be sending meanwhile: let its timers run on time.
      if (i % 25 === 24) await new Promise((resolve) => setImmediate(resolve));
    }
    if (ready.length === 0) {
      this.leases.delete(token);
      return null;
    }

    const startMs = await reserveSendSlots(this.db, this.provider, {
      count: ready.length,
      intervalMs: this.intervalMs,
      nowMs: this.clock.now().getTime(),
      holder: this.instanceId,
      guardMs: this.tuning.maxLateMs,
    });
    const slots = { startMs, intervalMs: this.intervalMs, count: ready.length };
    const plan = planSends(ready, (r) => r.item.recipient.chatId, slots, this.pace);
    for (const { item, notBeforeMs } of plan.deferred) {
      if (await release(this.db, item.item, new Date(notBeforeMs))) report.deferred++;
    }
    const windowEndMs = startMs + ready.length * this.intervalMs;
    // Other instances' reservations can put our window later than usual: keep the claim alive past it.
    if (windowEndMs + this.leaseMs / 2 > (this.leases.get(token) ?? 0)) {
      const until = windowEndMs + this.leaseMs;
      await extendLeases(this.db, [token], new Date(until));
      this.leases.set(token, until);
    }
    const dispatch = this.dispatch(token, plan.planned, report).catch((err: unknown) =>
      this.logger.error({ err: describe(err) }, 'reminder batch failed; its claims expire and are retried'),
    );
    dispatches.add(dispatch);
    void dispatch.finally(() => dispatches.delete(dispatch));
    return windowEndMs;
  }

  private async dispatch(token: string, planned: { item: Ready; atMs: number }[], report: TickReport): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    const missed: ClaimedReminder[] = [];
    const safetyMs = Math.min(5000, this.leaseMs / 4);
    try {
      for (let i = 0; i < planned.length; i++) {
        const { item: ready, atMs } = planned[i]!;
        const { item, message } = ready;
        // Room among the sends under way is made before waiting for the slot: the request
        // leaves at the moment the send log records.
        while (inFlight.size >= this.tuning.maxInFlight) await Promise.race(inFlight);
        // Two batches can be under way at once: check the send log again after every wait,
        // and record in it before the next await, so the check and the record cannot interleave.
        // (Whole milliseconds: clocks have no finer ones, and a fractional slot would never come.)
        let nowMs = this.clock.now().getTime();
        const due = () => Math.ceil(Math.max(atMs, this.sendLog.earliestNext()));
        for (let fireAt = due(); fireAt > nowMs; fireAt = due()) {
          await this.clock.sleepUntil(fireAt);
          nowMs = this.clock.now().getTime();
        }
        const lostClaim = nowMs + safetyMs > (this.leases.get(token) ?? 0);
        if (this.stopping || lostClaim) {
          // Stopping; or the process stalled so long that its claim is about to run out and
          // another instance may take over (sending now could send twice): hand the rest back.
          if (lostClaim && !this.stopping) this.logger.warn({ token }, 'reminder claim about to expire; returning the rest of the batch');
          for (const p of planned.slice(i)) {
            missed.push(p.item.item);
            this.pace.untake(p.item.item.recipient.chatId, p.atMs);
          }
          break;
        }
        if (nowMs - atMs > this.tuning.maxLateMs) {
          // The process was busy and this slot is past: the reminder takes a later one.
          missed.push(item);
          this.pace.untake(item.recipient.chatId, atMs);
          continue;
        }
        this.sendLog.record(nowMs);
        const send = this.sendOne(item, message, report);
        inFlight.add(send);
        void send.finally(() => inFlight.delete(send));
      }
    } finally {
      if (missed.length > 0) {
        const released = await releaseMany(this.db, token, missed.map((r) => r.id), missed[0]!.dueAt).catch((err: unknown) => {
          this.logger.error({ err: describe(err) }, 'could not hand reminders back; their claims expire and are retried');
          return 0;
        });
        report.deferred += released;
        if (!this.stopping) this.handedBack += released;
      }
      await Promise.all(inFlight);
      this.leases.delete(token);
    }
  }

  private render(r: ClaimedReminder, names: Map<number, string | null>, funds: Map<string, Localized>): ReminderMessage {
    const lang = isLanguage(r.recipient.language) ? r.recipient.language : this.defaultLanguage;
    const aboutName = r.kind === 'escalation' ? (names.get(Number(r.payload.personId)) ?? null) : null;
    return renderReminder(lang, r, { timeZone: r.recipient.timeZone, aboutName, fundNames: funds });
  }

  /** The message, or null when the reminder cannot be put into words (it is then marked failed). */
  private async renderOrFail(
    r: ClaimedReminder,
    names: Map<number, string | null>,
    funds: Map<string, Localized>,
    report: TickReport,
  ): Promise<ReminderMessage | null> {
    try {
      return this.render(r, names, funds);
    } catch (err) {
      this.logger.error({ reminderId: r.id, err: describe(err) }, 'could not render a reminder');
      try {
        if (await markFailed(this.db, r, 'render', this.clock.now())) report.failed++;
      } catch (markErr) {
        this.logger.error({ reminderId: r.id, err: describe(markErr) }, 'could not record a reminder outcome');
      }
      return null;
    }
  }

  /** Sends one reminder and records the outcome. Never throws: a failure to record is logged. */
  private async sendOne(r: ClaimedReminder, message: ReminderMessage, report: TickReport): Promise<void> {
    try {
      try {
        await this.sender.sendMessage(r.recipient.chatId, message.text, message.keyboard ? { reply_markup: message.keyboard } : {});
      } catch (err) {
        await this.onSendFailed(r, err, report);
        return;
      }
      // The duplicate window is open from here until markSent commits: keep it short.
      const marked = await this.persist(() => markSent(this.db, this.provider, r, this.clock.now(), this.settings.escalationDays));
      if (marked) report.sent++;
      else {
        report.leaseLost++;
        this.logger.warn({ reminderId: r.id }, 'reminder sent after its claim was lost: it may have gone out twice');
      }
    } catch (err) {
      this.logger.error({ reminderId: r.id, err: describe(err) }, 'could not record a reminder outcome; it will be retried when its claim expires');
    }
  }

  /** A database hiccup right after a send must not turn into a duplicate: try a few times. */
  private async persist<T>(write: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await write();
      } catch (err) {
        if (attempt >= 3) throw err;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  }

  private async onSendFailed(r: ClaimedReminder, err: unknown, report: TickReport): Promise<void> {
    const failure = classifySendError(err);
    const now = this.clock.now();
    if (failure.kind === 'blocked') {
      report.cancelled += await recipientBlocked(this.db, r.recipient.id, now);
      return;
    }
    if (failure.kind === 'permanent' || r.attempts >= this.tuning.maxAttempts) {
      if (await markFailed(this.db, r, failure.code, now)) report.failed++;
      this.logger.warn({ reminderId: r.id, error: failure.code, attempts: r.attempts }, 'reminder failed');
      return;
    }
    const delay = Math.min(this.tuning.retryBaseMs * 4 ** (r.attempts - 1), this.tuning.retryMaxMs);
    if (await retryLater(this.db, r, new Date(now.getTime() + delay), failure.code)) report.retried++;
  }

  /** Heartbeat: claims of batches still being sent are renewed for another lease period. */
  private async renewLeases(): Promise<void> {
    const tokens = [...this.leases.keys()];
    if (tokens.length === 0) return;
    const until = this.clock.now().getTime() + this.leaseMs;
    try {
      await extendLeases(this.db, tokens, new Date(until));
      for (const token of tokens) if (this.leases.has(token)) this.leases.set(token, Math.max(until, this.leases.get(token)!));
    } catch (err) {
      this.logger.warn({ err: describe(err) }, 'could not renew reminder claims');
    }
  }
}

function describe(err: unknown): Record<string, unknown> {
  return err instanceof Error ? { type: err.name, message: err.message } : { type: typeof err };
}
