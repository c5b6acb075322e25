// `npm run stats`: the same figures as /export_stats, from the database DATABASE_URL names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/stats.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
  const person = await testDb.db.user.create({ data: { telegramId: 1n, chatId: 1n, language: 'en', consentedAt: new Date() } });
  await testDb.db.application.create({
    data: { reference: 'SN-2026-000001', personId: person.id, status: 'approved', household: '{}', screening: '{}', area: 'rural', township: 'hillview', approvedMonthlyMinor: 20_000 },
  });
});
afterAll(async () => {
  await testDb?.close();
});

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { DATABASE_URL: testDb.target.url, ...env }, (t) => (stdout += t), (t) => (stderr += t));
  return { code, stdout, stderr };
}

describe('npm run stats', () => {
  it('--csv prints the staff figures as CSV, with township names from TOWNSHIPS', async () => {
    const { code, stdout } = await run(['--csv'], { TOWNSHIPS: 'Riverside, Hillview' });
    expect(code).toBe(0);
    const lines = stdout.split('\r\n');
    expect(lines[0]).toBe('section,category,status,measure,value');
    expect(lines).toContain('applications,all,approved,households,1');
    expect(lines).toContain('township,Hillview,approved,households,1');
    expect(lines).toContain('township,Riverside,all,households,0');
    expect(lines).toContain('volunteers,all,all,active,0');
  });

  it('--public prints the transparency summary; --township limits it; JSON without --csv', async () => {
    const publicCsv = await run(['--public', '--csv']);
    expect(publicCsv.stdout).toContain('recipients,all,approved,households,<5\r\n');
    const json = await run(['--township', 'hillview']);
    expect(JSON.parse(json.stdout)).toMatchObject({ township: 'hillview', applications: { total: { households: 1 } } });
  });

  it('exits 2 with a clear line on bad arguments', async () => {
    expect(await run(['--township', 'atlantis'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown code "atlantis"') });
    expect(await run(['--nonsense'])).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: npm run stats') });
  });
});
