/**
 * A typed client for the local gateway's web chat API, for end-to-end tests that talk to
 * the bot as a person would:
 *
 *   const chat = new WebChat(gateway.url, APPLICANT_ID);
 *   await chat.send('/start');
 *   await chat.waitFor(/welcome/i);
 *   await chat.press('Apply');                    // waits for a message with that button
 *   const edited = await chat.waitFor(/started/);  // sees new messages and edits
 *
 * `waitFor` only looks at bot messages that appeared or changed after your last action
 * (send, press, upload, …), so an earlier reply cannot satisfy it by accident; pass
 * `{ since: 'start' }` to include everything. It waits by long-polling the chat's event
 * stream, so it returns as soon as the bot answers; there are no fixed sleeps.
 */
import type {
  ChatEvent,
  ChatEventsResponse,
  ChatSnapshot,
  ReplyKeyboard,
  ReplyKeyboardButton,
  WebChatBotCommand,
  WebChatInlineButton,
  WebChatMessage,
} from '../../src/channels/local/webchat-types.js';

export type { WebChatMessage } from '../../src/channels/local/webchat-types.js';

/** A substring or pattern of the message text (or caption), or any test on the message. */
export type MessageMatcher = string | RegExp | ((message: WebChatMessage) => boolean);

/** A button by its label (exact text, or a pattern) or by its callback data. */
export type ButtonMatcher = string | RegExp | { data: string };

export interface WaitOptions {
  timeoutMs?: number;
  /** 'lastAction' (default): only what appeared or changed after your last action. */
  since?: 'lastAction' | 'start';
}

export interface Toast {
  callbackQueryId: string;
  text?: string;
  showAlert: boolean;
}

export interface WebChatOptions {
  /** Default timeout of waitFor, waitForToast and press; default 5000 ms. */
  timeoutMs?: number;
}

/** A request the gateway refused; `message` is what the page would show the person. */
export class WebChatRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'WebChatRequestError';
  }
}

interface TrackedMessage {
  message: WebChatMessage;
  /** Event sequence number of the last change; 0 if it predates this client. */
  changedAt: number;
}

interface TrackedToast extends Toast {
  seq: number;
}

const LONG_POLL_SLICE_MS = 10_000;

export class WebChat {
  private readonly tracked = new Map<number, TrackedMessage>();
  private readonly toasts: TrackedToast[] = [];
  private keyboard: ReplyKeyboard | null = null;
  private cursor = 0;
  private lastActionAt = 0;
  private loaded = false;
  private readonly timeoutMs: number;

  constructor(
    readonly baseUrl: string,
    readonly userId: number,
    options: WebChatOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  /** Sends a text message (commands too) and returns it as stored. */
  async send(text: string): Promise<WebChatMessage> {
    await this.beginAction();
    const { message } = await this.request<{ message: WebChatMessage }>('POST', '/messages', { text });
    return message;
  }

  /**
   * Presses a button on the newest bot message that has it (waiting for one to appear):
   * an inline button sends a callback query; a reply-keyboard button sends its text (or,
   * for a "share phone" button, a contact).
   */
  async press(button: ButtonMatcher, options: { timeoutMs?: number } = {}): Promise<void> {
    const found = await this.until(() => this.findButton(button), options.timeoutMs ?? this.timeoutMs, () =>
      `no button matching ${describeMatcher(button)}; buttons now: ${this.describeButtons()}`,
    );
    if (found.kind === 'reply') {
      if (found.button.requestContact) await this.shareContact();
      else await this.send(found.button.text);
      return;
    }
    await this.beginAction();
    await this.request('POST', '/callbacks', { messageId: found.messageId, data: found.data });
  }

  /** Sends a file; JPEG/PNG/WebP arrive at the bot as a photo, anything else as a document. */
  async upload(filename: string, bytes: Uint8Array, mime: string, caption?: string): Promise<WebChatMessage> {
    await this.beginAction();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: mime }), filename);
    if (caption !== undefined) form.append('caption', caption);
    const { message } = await this.request<{ message: WebChatMessage }>('POST', '/files', form);
    return message;
  }

  /** Edits one of your own text messages (the bot gets an `edited_message`). */
  async edit(messageId: number, text: string): Promise<WebChatMessage> {
    await this.beginAction();
    const { message } = await this.request<{ message: WebChatMessage }>('PATCH', `/messages/${messageId}`, { text });
    return message;
  }

  async sendSticker(emoji = '👍'): Promise<WebChatMessage> {
    await this.beginAction();
    const { message } = await this.request<{ message: WebChatMessage }>('POST', '/stickers', { emoji });
    return message;
  }

  async shareContact(): Promise<WebChatMessage> {
    await this.beginAction();
    const { message } = await this.request<{ message: WebChatMessage }>('POST', '/contact');
    return message;
  }

  /** Blocks or unblocks the bot, like the page's toggle. */
  async setBlocked(blocked: boolean): Promise<void> {
    await this.beginAction();
    await this.request('PUT', '/blocked', { blocked });
  }

  /** The commands the bot registered for this person's language. */
  async commands(): Promise<WebChatBotCommand[]> {
    return (await this.request<{ commands: WebChatBotCommand[] }>('GET', '/commands')).commands;
  }

  /** Waits for a bot message matching `matcher` (see the module comment for `since`). */
  async waitFor(matcher: MessageMatcher, options: WaitOptions = {}): Promise<WebChatMessage> {
    const since = options.since === 'start' ? -1 : this.lastActionAt;
    const test = toPredicate(matcher);
    return this.until(
      () => {
        const candidates = [...this.tracked.values()]
          .filter(({ message, changedAt }) => message.from === 'bot' && changedAt > since && test(message))
          .sort((a, b) => b.changedAt - a.changedAt);
        return candidates[0]?.message;
      },
      options.timeoutMs ?? this.timeoutMs,
      () => `no bot message matching ${describeMatcher(matcher)}; recent bot messages: ${this.describeRecent()}`,
    );
  }

  /** Waits for the bot's answer to a pressed button (answerCallbackQuery) after your last action. */
  async waitForToast(matcher?: string | RegExp, options: { timeoutMs?: number } = {}): Promise<Toast> {
    const since = this.lastActionAt;
    return this.until(
      () => {
        const toast = this.toasts.find((candidate) =>
          candidate.seq > since && (matcher === undefined || matchesText(candidate.text ?? '', matcher)),
        );
        if (!toast) return undefined;
        const { seq: _seq, ...visible } = toast;
        return visible;
      },
      options.timeoutMs ?? this.timeoutMs,
      () => `no callback answer matching ${matcher === undefined ? 'anything' : describeMatcher(matcher)}`,
    );
  }

  /** The whole conversation, oldest first (deleted messages are gone). */
  async messages(): Promise<WebChatMessage[]> {
    await this.sync(0);
    return [...this.tracked.values()].map(({ message }) => message).sort((a, b) => a.id - b.id);
  }

  async lastBotMessage(): Promise<WebChatMessage | undefined> {
    return (await this.messages()).filter((message) => message.from === 'bot').at(-1);
  }

  /** The reply keyboard currently shown above the input, if any. */
  async replyKeyboard(): Promise<ReplyKeyboard | null> {
    await this.sync(0);
    return this.keyboard;
  }

  // ---- plumbing --------------------------------------------------------------------------

  /** Remembers where the event stream is, so waitFor ignores what happened before. */
  private async beginAction(): Promise<void> {
    await this.sync(0);
    this.lastActionAt = this.cursor;
  }

  /** Evaluates `probe` against fresh state until it yields a value or time runs out. */
  private async until<T>(probe: () => T | undefined, timeoutMs: number, explain: () => string): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    await this.sync(0);
    for (;;) {
      const value = probe();
      if (value !== undefined) return value;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`WebChat(user ${this.userId}): timed out after ${timeoutMs} ms: ${explain()}`);
      await this.sync(Math.min(remaining, LONG_POLL_SLICE_MS));
    }
  }

  /** Applies events after the cursor, long-polling up to `waitMs` if there are none yet. */
  private async sync(waitMs: number): Promise<void> {
    if (!this.loaded) {
      this.applySnapshot(await this.request<ChatSnapshot>('GET', ''), false);
      this.loaded = true;
    }
    const wait = (waitMs / 1000).toFixed(3);
    const response = await this.request<ChatEventsResponse>('GET', `/events?cursor=${this.cursor}&wait=${wait}`);
    if ('resync' in response) {
      this.applySnapshot(await this.request<ChatSnapshot>('GET', ''), true);
      return;
    }
    for (const event of response.events) this.apply(event);
    this.cursor = response.cursor;
  }

  private applySnapshot(snapshot: ChatSnapshot, markChanges: boolean): void {
    const previous = new Map(this.tracked);
    this.tracked.clear();
    for (const message of snapshot.messages) {
      const before = previous.get(message.id);
      const unchanged = before !== undefined && JSON.stringify(before.message) === JSON.stringify(message);
      this.tracked.set(message.id, {
        message,
        changedAt: unchanged ? before.changedAt : markChanges ? snapshot.cursor : 0,
      });
    }
    this.keyboard = snapshot.replyKeyboard;
    this.cursor = snapshot.cursor;
  }

  private apply(event: ChatEvent): void {
    switch (event.type) {
      case 'message':
      case 'edit':
        this.tracked.set(event.message.id, { message: event.message, changedAt: event.seq });
        break;
      case 'delete':
        this.tracked.delete(event.messageId);
        break;
      case 'toast':
        this.toasts.push({
          callbackQueryId: event.callbackQueryId,
          showAlert: event.showAlert,
          seq: event.seq,
          ...(event.text !== undefined ? { text: event.text } : {}),
        });
        break;
      case 'reply_keyboard':
        this.keyboard = event.keyboard;
        break;
      case 'typing':
      case 'blocked':
        break;
    }
  }

  private findButton(
    matcher: ButtonMatcher,
  ): { kind: 'inline'; messageId: number; data: string } | { kind: 'reply'; button: ReplyKeyboardButton } | undefined {
    const newestFirst = [...this.tracked.values()]
      .map(({ message }) => message)
      .filter((message) => message.from === 'bot' && message.inlineKeyboard)
      .sort((a, b) => b.id - a.id);
    for (const message of newestFirst) {
      const button = message.inlineKeyboard?.flat().find((candidate) => inlineButtonMatches(candidate, matcher));
      if (button?.callbackData !== undefined) return { kind: 'inline', messageId: message.id, data: button.callbackData };
    }
    if (typeof matcher === 'object' && 'data' in matcher) return undefined;
    const replyButton = this.keyboard?.rows.flat().find((candidate) => matchesLabel(candidate.text, matcher));
    return replyButton ? { kind: 'reply', button: replyButton } : undefined;
  }

  private describeButtons(): string {
    const inline = [...this.tracked.values()].flatMap(({ message }) =>
      (message.inlineKeyboard ?? []).flat().map((button) => `"${button.text}"`),
    );
    const reply = (this.keyboard?.rows.flat() ?? []).map((button) => `"${button.text}" (reply keyboard)`);
    return [...inline, ...reply].join(', ') || 'none';
  }

  private describeRecent(): string {
    const recent = [...this.tracked.values()]
      .filter(({ message }) => message.from === 'bot')
      .sort((a, b) => a.message.id - b.message.id)
      .slice(-5)
      .map(({ message }) => JSON.stringify(message.text ?? summary(message)));
    return recent.join(', ') || 'none';
  }

  private async request<T = unknown>(method: string, path: string, body?: object | FormData): Promise<T> {
    const init: RequestInit = { method };
    if (body instanceof FormData) {
      init.body = body;
    } else if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { 'content-type': 'application/json' };
    }
    const response = await fetch(`${this.baseUrl}/api/chats/${this.userId}${path}`, init);
    const data: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const message =
        typeof data === 'object' && data !== null && 'error' in data && typeof data.error === 'string'
          ? data.error
          : `HTTP ${response.status}`;
      throw new WebChatRequestError(response.status, message);
    }
    return data as T;
  }
}

function matchesText(text: string, matcher: string | RegExp): boolean {
  return typeof matcher === 'string' ? text.includes(matcher) : matcher.test(text);
}

function matchesLabel(label: string, matcher: string | RegExp): boolean {
  return typeof matcher === 'string' ? label === matcher : matcher.test(label);
}

function inlineButtonMatches(button: WebChatInlineButton, matcher: ButtonMatcher): boolean {
  if (typeof matcher === 'object' && 'data' in matcher) return button.callbackData === matcher.data;
  return matchesLabel(button.text, matcher);
}

function toPredicate(matcher: MessageMatcher): (message: WebChatMessage) => boolean {
  if (typeof matcher === 'function') return matcher;
  return (message) => matchesText(message.text ?? '', matcher);
}

function describeMatcher(matcher: MessageMatcher | ButtonMatcher): string {
  if (typeof matcher === 'function') return 'the predicate';
  if (typeof matcher === 'object' && 'data' in matcher) return `data ${JSON.stringify(matcher.data)}`;
  return typeof matcher === 'string' ? JSON.stringify(matcher) : String(matcher);
}

function summary(message: WebChatMessage): string {
  if (message.document) return `[document ${message.document.fileName}]`;
  if (message.photo) return '[photo]';
  if (message.sticker) return `[sticker ${message.sticker.emoji}]`;
  return '[message]';
}
