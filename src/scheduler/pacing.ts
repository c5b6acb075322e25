// Pacing within a batch: reserved send slots (the global cap) are handed to messages in order,
// except that a chat gets at most one message per `perChatMs` (Telegram's per-chat limit).
// A message whose chat is not ready before the slots run out is deferred to a later claim.

/** When each chat may next receive a message, as far as this instance knows. */
export class ChatPace {
  private readonly readyAt = new Map<number, number>();

  constructor(private readonly perChatMs: number) {}

  nextAllowed(chatId: number): number {
    return this.readyAt.get(chatId) ?? -Infinity;
  }

  /** A message to `chatId` goes out at `atMs`. */
  take(chatId: number, atMs: number): void {
    this.readyAt.set(chatId, atMs + this.perChatMs);
  }

  /** The message planned for `atMs` did not go out after all: the chat is free again. */
  untake(chatId: number, atMs: number): void {
    if (this.readyAt.get(chatId) === atMs + this.perChatMs) this.readyAt.delete(chatId);
  }

  /** Forgets chats that are ready anyway: keeps the map as small as the last few seconds' traffic. */
  prune(nowMs: number): void {
    for (const [chatId, ready] of this.readyAt) if (ready <= nowMs) this.readyAt.delete(chatId);
  }

  get size(): number {
    return this.readyAt.size;
  }
}

export interface SendPlan<T> {
  planned: { item: T; atMs: number }[];
  deferred: { item: T; notBeforeMs: number }[];
}

/**
 * Assigns `items` (in priority order) to `slots` slots starting at `startMs`, `intervalMs` apart.
 * A slot goes to the first waiting item whose chat is ready by then; a slot nobody can use stays
 * empty (the pace is a ceiling, never a quota to catch up on).
 */
export function planSends<T>(
  items: readonly T[],
  chatOf: (item: T) => number,
  slots: { startMs: number; intervalMs: number; count: number },
  pace: ChatPace,
): SendPlan<T> {
  const waiting = [...items];
  const planned: SendPlan<T>['planned'] = [];
  for (let k = 0; k < slots.count && waiting.length > 0; k++) {
    const atMs = slots.startMs + k * slots.intervalMs;
    const index = waiting.findIndex((item) => pace.nextAllowed(chatOf(item)) <= atMs);
    if (index < 0) continue;
    const [item] = waiting.splice(index, 1) as [T];
    pace.take(chatOf(item), atMs);
    planned.push({ item, atMs });
  }
  const endMs = slots.startMs + slots.count * slots.intervalMs;
  return {
    planned,
    deferred: waiting.map((item) => ({ item, notBeforeMs: Math.max(endMs, pace.nextAllowed(chatOf(item))) })),
  };
}

/**
 * "A second" for the cap, with 20 ms to spare: a request leaves a moment after we decide to send
 * it, and on a busy machine that moment varies by several milliseconds, so a second measured by
 * Telegram (or anyone watching) still holds no more than the cap. (5 ms was too little: the
 * reminders bench saw 251 in one second with a cap of 250 on a loaded 2-core machine.) Slots are
 * reserved this far apart too, which costs 2% of the rate.
 */
export const CAP_WINDOW_MS = 1020;

/**
 * The last `cap` send times of this instance: a send may start only once the one `cap` sends
 * earlier is a CAP_WINDOW_MS old, so no second ever holds more than `cap` sends, even when the
 * process catches up after a pause.
 */
export class SendLog {
  private readonly times: number[] = [];
  private next = 0;

  constructor(
    private readonly cap: number,
    private readonly windowMs = CAP_WINDOW_MS,
  ) {}

  /** Earliest time the next send may start. */
  earliestNext(): number {
    return this.times.length < this.cap ? -Infinity : this.times[this.next]! + this.windowMs;
  }

  record(atMs: number): void {
    if (this.times.length < this.cap) this.times.push(atMs);
    else this.times[this.next] = atMs;
    this.next = (this.next + 1) % this.cap;
  }
}
