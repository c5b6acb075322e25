// Simulated people for the end-to-end benchmarks. Each one reads what the bot sent and acts on it
// as a person would: presses the buttons of the screen on display, types a number where a number
// is asked, and waits for the bot's next screen before doing anything else. Nothing is replayed
// blindly, so the measured path is the one a person takes through the real bot.
import { t, type Language } from '../../src/i18n.js';
import type { BotMessage, FakeBotApi, SimUser } from './fake-bot-api.js';

const LANGUAGES: readonly Language[] = ['en', 'zh', 'es', 'ar', 'uk'];
const STEP_TIMEOUT_MS = 60_000;

export type UpdateKind = 'text' | 'press';

/** One person's conversation: sends an update, waits for the screen it needs next. */
export class Chat {
  readonly user: SimUser;
  /** What this person sent, in order (the baseline replays the same shape). */
  readonly kinds: UpdateKind[] = [];
  /** When each update was sent (performance.now()). */
  readonly sentAt: number[] = [];
  /** Milliseconds from each update to the screen the person acted on next. */
  readonly screenLatencies: number[] = [];
  /**
   * Milliseconds from one action to the next: a person reading the screen and answering. Counted
   * from the previous action, not from the bot's answer, so K people offer K/mean updates per
   * second whenever the bot answers within that time (and act at once when it does not).
   */
  private think: (() => number) | undefined;
  private nextActionAt = 0;
  private waiting: { until: (m: BotMessage) => boolean; resolve: (m: BotMessage) => void } | null = null;
  private lastSeen = '';

  constructor(
    private readonly api: FakeBotApi,
    id: number,
    readonly language: Language,
  ) {
    this.user = { id, firstName: `User${id}`, languageCode: language };
    api.subscribe(id, (m) => {
      this.lastSeen = m.text;
      if (this.waiting?.until(m)) {
        const { resolve } = this.waiting;
        this.waiting = null;
        resolve(m);
      }
    });
  }

  /** From now on, act `think()` ms after the previous action (none: at once). */
  pace(think: (() => number) | undefined): void {
    this.think = think;
    this.nextActionAt = performance.now();
  }

  /** Types `text` and waits for a message whose buttons satisfy `until`. */
  type(text: string, until: (m: BotMessage) => boolean): Promise<BotMessage> {
    return this.act('text', () => this.api.sendText(this.user, text), until);
  }

  /** Presses the button with `data` on `message` and waits as `type` does. */
  press(message: BotMessage, data: string, until: (m: BotMessage) => boolean): Promise<BotMessage> {
    return this.act('press', () => this.api.press(this.user, message, data), until);
  }

  private async act(kind: UpdateKind, send: () => void, until: (m: BotMessage) => boolean): Promise<BotMessage> {
    if (this.think) {
      // On a schedule, so a timer that fires late (a busy machine) is made up at the next step;
      // when the bot itself was late, the schedule starts again from now (no catch-up burst).
      this.nextActionAt += this.think();
      const wait = this.nextActionAt - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      else this.nextActionAt = performance.now();
    }
    this.kinds.push(kind);
    const started = performance.now();
    this.sentAt.push(started);
    return new Promise<BotMessage>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`user ${this.user.id}: no answer within ${STEP_TIMEOUT_MS} ms; last message: ${this.lastSeen.slice(0, 200)}`)),
        STEP_TIMEOUT_MS,
      );
      this.waiting = {
        until,
        resolve: (m) => {
          clearTimeout(timer);
          this.screenLatencies.push(performance.now() - started);
          resolve(m);
        },
      };
      send();
    });
  }
}

const hasButton = (prefix: string) => (m: BotMessage) => m.buttons.some((b) => b.startsWith(prefix));
const screeningScreen = hasButton('v1:scr:');

/**
 * A person of the programme: chooses a language, consents, becomes an applicant and answers the
 * eligibility questionnaire to its results. `index` varies the household (one or two members,
 * ages, incomes, which options are pressed) deterministically.
 */
export class Applicant {
  readonly chat: Chat;
  private step = 0;

  constructor(
    api: FakeBotApi,
    id: number,
    private readonly index: number,
  ) {
    this.chat = new Chat(api, id, LANGUAGES[index % LANGUAGES.length]!);
  }

  private get lang(): Language {
    return this.chat.language;
  }

  /** /start → language → consent → applicant: returns the applicant menu. */
  async onboard(): Promise<BotMessage> {
    const chooser = await this.chat.type('/start', hasButton('v1:lang:set:'));
    const notice = await this.chat.press(chooser, `v1:lang:set:${this.lang}`, hasButton('v1:consent:yes'));
    const roles = await this.chat.press(notice, 'v1:consent:yes', hasButton('v1:role:set:applicant'));
    return this.chat.press(roles, 'v1:role:set:applicant', hasButton('v1:menu:check'));
  }

  /** /start of a person who has consented before: returns the menu. */
  async welcomeBack(): Promise<BotMessage> {
    return this.chat.type('/start', hasButton('v1:menu:check'));
  }

  /**
   * From the menu to the results, or only the first `maxAnswers` answers (mid-questionnaire).
   * `think` is how long the person takes from one answer to the next (none: at once).
   */
  async screening(menu: BotMessage, maxAnswers = Infinity, think?: () => number): Promise<void> {
    this.chat.pace(think);
    let screen = await this.chat.press(menu, 'v1:menu:check', screeningScreen);
    let members = 1;
    const plannedMembers = 1 + (this.index % 2);
    for (let answers = 0; answers < maxAnswers; answers++) {
      this.step++;
      if (screen.buttons.some((b) => b.startsWith('v1:scr:apply:'))) return; // the results
      const results = screen.buttons.find((b) => b.startsWith('v1:scr:results:'));
      if (results) {
        screen = await this.chat.press(screen, results, screeningScreen);
        continue;
      }
      const options = screen.buttons.filter((b) => b.startsWith('v1:scr:a:'));
      if (options.length === 0) {
        // Only Back/Pause: a whole number, which here is always an age.
        const age = members === 1 ? 25 + (this.index % 40) : 3 + (this.index % 80);
        screen = await this.chat.type(String(age), screeningScreen);
      } else if (options.length === 1) {
        // A money question offers only "None": type an amount like a person would.
        screen = await this.chat.type(String(100 + ((this.index * 53 + this.step * 11) % 2000)), screeningScreen);
      } else if (this.asksForAnotherMember(screen)) {
        const more = members < plannedMembers;
        if (more) members++;
        const choice = options.find((b) => b.endsWith(more ? '-yes' : '-no'))!;
        screen = await this.chat.press(screen, choice, screeningScreen);
      } else {
        const choice = options[(this.index * 31 + this.step * 7) % options.length]!;
        screen = await this.chat.press(screen, choice, screeningScreen);
      }
    }
  }

  private asksForAnotherMember(screen: BotMessage): boolean {
    return (
      screen.text.includes(t(this.lang, 'screening.question.anotherMember.self')) ||
      screen.text.includes(t(this.lang, 'screening.question.anotherMember.other'))
    );
  }
}

/**
 * The baseline's person: sends the same sequence of texts and presses as a person of the real run,
 * to a bare bot that answers each with a trivial message and keyboard.
 */
export async function replay(chat: Chat, kinds: readonly UpdateKind[]): Promise<void> {
  const answered = (m: BotMessage) => m.buttons.length > 0;
  let last: BotMessage = { kind: 'sent', messageId: 1, text: '', buttons: [] };
  for (const kind of kinds) {
    last = kind === 'text' ? await chat.type('hello', answered) : await chat.press(last, 'next', answered);
  }
}
