import { describe, expect, it } from 'vitest';
import { dbTargetFromUrl } from '../../src/db/index.js';

const cwd = '/srv/safety-net';

function errorOf(url: string): string {
  try {
    dbTargetFromUrl(url, cwd);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`expected ${url} to be rejected`);
}

describe('dbTargetFromUrl', () => {
  it('defaults to SQLite at ./data/safetynet.db', () => {
    const expected = {
      provider: 'sqlite',
      url: 'file:/srv/safety-net/data/safetynet.db',
      sqliteFile: '/srv/safety-net/data/safetynet.db',
    };
    expect(dbTargetFromUrl(undefined, cwd)).toEqual(expected);
    expect(dbTargetFromUrl('', cwd)).toEqual(expected);
  });

  it('takes file: URLs as SQLite, relative to cwd, ignoring a query string', () => {
    expect(dbTargetFromUrl('file:./db/bot.db', cwd).sqliteFile).toBe('/srv/safety-net/db/bot.db');
    expect(dbTargetFromUrl('file:bot.db?connection_limit=1', cwd).sqliteFile).toBe('/srv/safety-net/bot.db');
    expect(dbTargetFromUrl('file:/var/lib/sn/bot.db', cwd)).toEqual({
      provider: 'sqlite',
      url: 'file:/var/lib/sn/bot.db',
      sqliteFile: '/var/lib/sn/bot.db',
    });
    expect(dbTargetFromUrl('file:///var/lib/sn/bot.db', cwd).sqliteFile).toBe('/var/lib/sn/bot.db');
  });

  it('takes postgres:// and postgresql:// URLs as PostgreSQL, unchanged', () => {
    for (const url of ['postgres://bot:pw@db:5432/sn', 'postgresql://bot@db/sn?connection_limit=5']) {
      expect(dbTargetFromUrl(url, cwd)).toEqual({ provider: 'postgresql', url });
    }
  });

  it.each(['mysql://x', 'nonsense', 'file:', 'file://remote-host/bot.db', 'postgresql://db/sn?connection_limit=zero'])(
    'rejects %s with a message that names DATABASE_URL and what is accepted',
    (url) => {
      const message = errorOf(url);
      expect(message).toMatch(/^DATABASE_URL /);
      expect(message).toContain('postgresql://');
      expect(message).toContain('file:');
    },
  );

  it('never repeats the URL, which may hold a password', () => {
    const message = errorOf('mysql://bot:s3cret@db/sn');
    expect(message).toContain('"mysql:"');
    expect(message).not.toContain('s3cret');
  });
});
