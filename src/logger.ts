// Structured logs (pino). House rule: personal data never goes into logs — log ids, codes and
// counts; never message text, names, phone numbers or file contents.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'safety-net' } });
}

/** For tests and tools: a logger that writes nothing. */
export const silentLogger: Logger = pino({ level: 'silent' });
