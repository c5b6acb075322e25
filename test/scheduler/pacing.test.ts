import { describe, expect, it } from 'vitest';
import { CAP_WINDOW_MS, ChatPace, SendLog, planSends } from '../../src/scheduler/pacing.js';
import { classifySendError } from '../../src/scheduler/index.js';

const chatOf = (item: { chat: number }) => item.chat;

describe('planSends', () => {
  it('gives each reserved slot to the next message in order', () => {
    const items = [{ chat: 1 }, { chat: 2 }, { chat: 3 }];
    const plan = planSends(items, chatOf, { startMs: 1000, intervalMs: 40, count: 3 }, new ChatPace(1000));
    expect(plan.planned.map((p) => [p.item.chat, p.atMs])).toEqual([[1, 1000], [2, 1040], [3, 1080]]);
    expect(plan.deferred).toEqual([]);
  });

  it('spaces messages to one chat a second apart and defers what does not fit', () => {
    const items = [{ chat: 1 }, { chat: 1 }, { chat: 2 }, { chat: 1 }];
    const plan = planSends(items, chatOf, { startMs: 0, intervalMs: 500, count: 4 }, new ChatPace(1000));
    expect(plan.planned.map((p) => [p.item.chat, p.atMs])).toEqual([[1, 0], [2, 500], [1, 1000]]);
    expect(plan.deferred.map((d) => [d.item.chat, d.notBeforeMs])).toEqual([[1, 2000]]);
  });

  it('remembers chats across batches', () => {
    const pace = new ChatPace(1000);
    planSends([{ chat: 7 }], chatOf, { startMs: 0, intervalMs: 10, count: 1 }, pace);
    const next = planSends([{ chat: 7 }, { chat: 8 }], chatOf, { startMs: 20, intervalMs: 10, count: 2 }, pace);
    expect(next.planned.map((p) => p.item.chat)).toEqual([8]);
    expect(next.deferred).toEqual([{ item: { chat: 7 }, notBeforeMs: 1000 }]);
    pace.prune(5000);
    expect(pace.size).toBe(0);
  });
});

describe('classifySendError', () => {
  it('tells blocked, permanent and passing failures apart', () => {
    expect(classifySendError({ error_code: 403 })).toEqual({ kind: 'blocked', code: 'blocked' });
    expect(classifySendError({ error_code: 400 })).toEqual({ kind: 'permanent', code: 'telegram_400' });
    expect(classifySendError({ error_code: 429 })).toEqual({ kind: 'transient', code: 'telegram_429' });
    expect(classifySendError({ error_code: 502 })).toEqual({ kind: 'transient', code: 'telegram_5xx' });
    expect(classifySendError(new Error('socket hang up'))).toEqual({ kind: 'transient', code: 'network' });
  });
});

describe('ChatPace', () => {
  it('frees a chat again when its planned message did not go out', () => {
    const pace = new ChatPace(1000);
    pace.take(5, 100);
    expect(pace.nextAllowed(5)).toBe(1100);
    pace.untake(5, 50); // not the latest plan for this chat: kept
    expect(pace.nextAllowed(5)).toBe(1100);
    pace.untake(5, 100);
    expect(pace.nextAllowed(5)).toBe(-Infinity);
  });
});

describe('SendLog', () => {
  it('lets no more than the cap start within any second, even catching up after a pause', () => {
    const log = new SendLog(3);
    expect(log.earliestNext()).toBe(-Infinity);
    for (const t of [0, 10, 20]) log.record(t);
    expect(log.earliestNext()).toBe(CAP_WINDOW_MS); // the fourth waits for the first to be a second old
    log.record(CAP_WINDOW_MS);
    expect(log.earliestNext()).toBe(10 + CAP_WINDOW_MS);
  });
});
