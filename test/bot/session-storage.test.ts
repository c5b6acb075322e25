// The session storage: a write that would store what the update read is skipped, so an update
// that changed nothing never overwrites what another instance wrote meanwhile (and saves a round
// trip); a changed session is written.
import { describe, expect, it } from 'vitest';
import { sessionStorage } from '../../src/bot/middleware/session.js';
import { useTestDb } from '../helpers/db.js';

const database = useTestDb();

const stored = async (key: string) => (await database().db.session.findUnique({ where: { key } }))?.value;

describe('sessionStorage', () => {
  it('writes a changed session, skips an unchanged one, and deletes', async () => {
    const storage = sessionStorage<{ step?: number }>(database().hotPath);
    expect(await storage.read('7')).toBeUndefined();
    await storage.write('7', { step: 1 });
    expect(await stored('7')).toBe('{"step":1}');

    // Another instance moves the conversation on after this update read it…
    expect(await storage.read('7')).toEqual({ step: 1 });
    await database().db.session.update({ where: { key: '7' }, data: { value: '{"step":2}' } });
    // …this update changed nothing: its write is skipped and does not undo the other's.
    await storage.write('7', { step: 1 });
    expect(await stored('7')).toBe('{"step":2}');
    // A real change is written.
    await storage.write('7', { step: 3 });
    expect(await stored('7')).toBe('{"step":3}');

    await storage.delete('7');
    expect(await stored('7')).toBeUndefined();
    await storage.write('7', { step: 3 });
    expect(await stored('7')).toBe('{"step":3}');
  });
});
