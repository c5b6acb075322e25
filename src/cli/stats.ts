// Operator CLI: the programme's statistics from the database the app uses (DATABASE_URL).
//   npm run stats                     exact figures for staff, as JSON
//   npm run stats -- --csv            the same as CSV (what /export_stats sends)
//   npm run stats -- --public [--csv] the public transparency summary (small counts as "<5")
//   npm run stats -- --township riverside   one township only (a code from TOWNSHIPS)
// Exit 2 on bad arguments or configuration. Applies no migrations: run `npm run db:deploy` first.
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig } from '../config.js';
import { openDb } from '../db/index.js';
import { townshipName } from '../domain/places/townships.js';
import { collectStatistics, statisticsCsv, toTransparencySummary, transparencyCsv } from '../domain/statistics/index.js';

const USAGE = 'usage: npm run stats -- [--csv] [--public] [--township <code>]';
const EXIT_USAGE = 2;

class UsageError extends Error {}

function readArguments(argv: string[]) {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { csv: { type: 'boolean' }, public: { type: 'boolean' }, township: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    return values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
}

/** Writes the report to `out`; returns the exit code. */
export async function main(argv: string[], env: NodeJS.ProcessEnv, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  let args: ReturnType<typeof readArguments>;
  let config: ReturnType<typeof loadConfig>;
  try {
    args = readArguments(argv);
    if (args.help) {
      out(`${USAGE}\n`);
      return 0;
    }
    config = loadConfig(env);
    if (args.township !== undefined && !config.townships.some((t) => t.code === args.township)) {
      throw new UsageError(`--township: unknown code "${args.township}"; known: ${config.townships.map((t) => t.code).join(', ')}`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      err(`stats: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  const { db, close } = await openDb(config.db, { migrate: false });
  try {
    const statistics = await collectStatistics(db, {
      townships: config.townships.map((t) => t.code),
      ...(args.township ? { township: args.township } : {}),
    });
    const name = (code: string) => townshipName(config.townships, code);
    if (args.public) {
      const summary = toTransparencySummary(statistics);
      out(args.csv ? transparencyCsv(summary, name) : `${JSON.stringify(summary, null, 2)}\n`);
    } else {
      out(args.csv ? statisticsCsv(statistics, name) : `${JSON.stringify(statistics, null, 2)}\n`);
    }
    return 0;
  } finally {
    await close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2), process.env, (t) => process.stdout.write(t), (t) => process.stderr.write(t)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`stats: ${error instanceof Error ? error.message : String(error)}`);
      console.error('(is the database migrated? run: npm run db:deploy)');
      process.exit(1);
    },
  );
}
