// Entry point: `npm start`. Reads the environment, starts the app, stops it gracefully.
import { startApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`Configuration error: ${err.message}`);
    process.exit(1);
  }
  throw err;
}

const logger = createLogger(config.logLevel);
// Last line of defence: log and carry on. Handlers have their own error boundary (bot.catch).
process.on('unhandledRejection', (reason) => logger.error({ reason: String(reason) }, 'unhandled rejection'));

// Signals are handled from the first moment: a stop during start-up waits for it, then stops.
const starting = startApp(config, logger);
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    starting
      .then((app) => app.stop())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  });
}

try {
  const app = await starting;
  if (app.webChatUrl) {
    logger.info({ url: app.webChatUrl }, 'local mode: open the web chat in a browser');
    console.log(`\n  Safety Net is running in local mode. Open ${app.webChatUrl} to chat.\n`);
  }
} catch (err) {
  const reason = err instanceof Error ? err.message : String(err);
  logger.fatal({ reason }, 'could not start');
  console.error(`Safety Net could not start: ${reason}`);
  process.exit(1);
}
