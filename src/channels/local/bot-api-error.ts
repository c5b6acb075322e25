/**
 * A failure the Bot API reports to the bot as `{ ok: false, error_code, description }`.
 * Method handlers throw it; the HTTP layer turns it into Telegram's exact envelope, so the
 * bot's error handling (GrammyError.error_code / description) can be tried locally.
 */
export class BotApiError extends Error {
  constructor(
    readonly errorCode: 400 | 401 | 403 | 404 | 409 | 413,
    readonly description: string,
  ) {
    super(description);
    this.name = 'BotApiError';
  }
}

/** Telegram prefixes every 400 description with "Bad Request: ". */
export function badRequest(detail: string): BotApiError {
  return new BotApiError(400, `Bad Request: ${detail}`);
}
