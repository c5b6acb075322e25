/**
 * An append-only log with sequence numbers that readers long-poll with a cursor. Only the
 * most recent events are kept; a reader whose cursor fell behind them is told to resync
 * (re-fetch the whole state) instead of silently missing events.
 */

export type Sequenced<T> = T & { seq: number };

export type LogRead<T> =
  | { cursor: number; events: Sequenced<T>[] }
  | { cursor: number; resync: true };

interface Waiter {
  wake(): void;
}

export class EventLog<T extends object> {
  private events: Sequenced<T>[] = [];
  private lastSeq = 0;
  private readonly waiters = new Set<Waiter>();
  private closed = false;

  constructor(private readonly retained = 1000) {}

  get cursor(): number {
    return this.lastSeq;
  }

  append(event: T): void {
    this.lastSeq++;
    this.events.push({ ...event, seq: this.lastSeq });
    if (this.events.length > this.retained) this.events = this.events.slice(-this.retained);
    for (const waiter of [...this.waiters]) waiter.wake();
  }

  read(cursor: number): LogRead<T> {
    const oldest = this.events[0]?.seq ?? this.lastSeq + 1;
    if (cursor < oldest - 1 || cursor > this.lastSeq) return { cursor: this.lastSeq, resync: true };
    return { cursor: this.lastSeq, events: this.events.filter((event) => event.seq > cursor) };
  }

  /** Resolves when events after `cursor` exist, after `timeoutMs`, on abort, or on close. */
  async wait(cursor: number, timeoutMs: number, signal: AbortSignal): Promise<LogRead<T>> {
    const immediate = this.read(cursor);
    if ('resync' in immediate || immediate.events.length > 0 || this.closed || signal.aborted || timeoutMs <= 0) {
      return immediate;
    }
    await new Promise<void>((resolve) => {
      const waiter: Waiter = {
        wake: () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', waiter.wake);
          this.waiters.delete(waiter);
          resolve();
        },
      };
      const timer = setTimeout(waiter.wake, timeoutMs);
      signal.addEventListener('abort', waiter.wake, { once: true });
      this.waiters.add(waiter);
    });
    return this.read(cursor);
  }

  /** Wakes every waiting reader so pending HTTP requests can finish. */
  close(): void {
    this.closed = true;
    for (const waiter of [...this.waiters]) waiter.wake();
  }
}
