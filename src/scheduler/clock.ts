// Time as the scheduler sees it. Injected, so tests run days of reminders in milliseconds: a fake
// clock's sleepUntil moves its time forward instead of waiting.
export interface Clock {
  now(): Date;
  /** Resolves once the clock shows at least `ms` (Unix milliseconds). */
  sleepUntil(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleepUntil: (ms) =>
    new Promise((resolve) => {
      const wait = ms - Date.now();
      if (wait <= 0) setImmediate(resolve);
      else setTimeout(resolve, wait);
    }),
};
