// The application in local mode (web chat gateway) as `npm start` runs it, on a fresh database of
// the provider under test: started before a test file's tests, stopped and dropped after them.
import { afterAll, beforeAll } from 'vitest';
import { freePort, startApp, waitUntilServing, type BotProcess } from '../../bench/lib/processes.js';
import { createTestTarget, type TestTarget } from '../helpers/db.js';

export interface LocalApp {
  /** The web chat's address, e.g. http://127.0.0.1:41234. */
  baseUrl: string;
  process: BotProcess;
}

/** `env` adds settings (e.g. REMINDER_TICK_SECONDS). Set SHOW_APP_OUTPUT=1 to print the app's output after. */
export function useLocalApp(env: Record<string, string> = {}): () => LocalApp {
  let database: TestTarget | undefined;
  let app: LocalApp | undefined;
  beforeAll(async () => {
    database = await createTestTarget();
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const started = startApp({ PORT: String(port), DATABASE_URL: database.target.url, ...env });
    app = { baseUrl, process: started };
    await waitUntilServing(`${baseUrl}/api/users`, started);
  }, 60_000);
  afterAll(async () => {
    if (process.env.SHOW_APP_OUTPUT) console.log(app?.process.output());
    await app?.process.stop('SIGTERM');
    await database?.drop();
  });
  return () => {
    if (!app) throw new Error('useLocalApp: the app is started in beforeAll');
    return app;
  };
}
