/**
 * The private chats between the bot and each demo user, in memory for the process lifetime.
 * Every change is appended to the chat's event log, which the page long-polls.
 */
import type { Chat, Message, User } from 'grammy/types';
import { EventLog } from './event-log.js';
import type { FormattedText } from './formatting.js';
import type { ReplyKeyboard } from './reply-markup.js';
import type { ChatEventBody, ChatSnapshot, WebChatUser } from './webchat-types.js';
import { toWebChatMessage } from './webchat-view.js';

export interface DemoUser {
  id: number;
  firstName: string;
  languageCode?: string;
  /** The role shown in the page's switcher, e.g. "Applicant". */
  label: string;
}

export interface StoredMessage {
  /** Exactly what the bot gets in updates and method results. */
  message: Message;
  sender: 'bot' | 'user';
  /** The text or caption with parse_mode applied, for display; absent if there is none. */
  formatted?: FormattedText;
}

export const unixNow = (): number => Math.floor(Date.now() / 1000);

export class ChatState {
  readonly user: User;
  readonly chat: Chat.PrivateChat;
  readonly log = new EventLog<ChatEventBody>();
  private readonly messages = new Map<number, StoredMessage>();
  private lastMessageId = 0;
  private blockedByUser = false;
  private keyboard: ReplyKeyboard | undefined;

  constructor(
    readonly demoUser: DemoUser,
    private readonly bot: User,
  ) {
    this.user = {
      id: demoUser.id,
      is_bot: false,
      first_name: demoUser.firstName,
      ...(demoUser.languageCode ? { language_code: demoUser.languageCode } : {}),
    };
    this.chat = { id: demoUser.id, type: 'private', first_name: demoUser.firstName };
  }

  get blocked(): boolean {
    return this.blockedByUser;
  }

  get replyKeyboard(): ReplyKeyboard | undefined {
    return this.keyboard;
  }

  /** A new message with the next message_id of this chat (shared by both directions). */
  newMessage(sender: 'bot' | 'user', content: Omit<Message, 'message_id' | 'date' | 'chat'>): Message {
    this.lastMessageId++;
    return {
      message_id: this.lastMessageId,
      from: sender === 'bot' ? this.bot : this.user,
      date: unixNow(),
      chat: this.chat,
      ...content,
    };
  }

  add(stored: StoredMessage): void {
    this.messages.set(stored.message.message_id, stored);
    this.log.append({ type: 'message', message: toWebChatMessage(stored) });
  }

  get(messageId: number): StoredMessage | undefined {
    return this.messages.get(messageId);
  }

  replace(stored: StoredMessage): void {
    this.messages.set(stored.message.message_id, stored);
    this.log.append({ type: 'edit', message: toWebChatMessage(stored) });
  }

  remove(messageId: number): boolean {
    if (!this.messages.delete(messageId)) return false;
    this.log.append({ type: 'delete', messageId });
    return true;
  }

  setReplyKeyboard(keyboard: ReplyKeyboard | undefined): void {
    if (keyboard === undefined && this.keyboard === undefined) return;
    this.keyboard = keyboard;
    this.log.append({ type: 'reply_keyboard', keyboard: keyboard ?? null });
  }

  setBlocked(blocked: boolean): void {
    this.blockedByUser = blocked;
    this.log.append({ type: 'blocked', blocked });
  }

  webChatUser(): WebChatUser {
    const { id, firstName, label, languageCode } = this.demoUser;
    return { id, firstName, label, ...(languageCode ? { languageCode } : {}), blocked: this.blockedByUser };
  }

  snapshot(): ChatSnapshot {
    return {
      user: this.webChatUser(),
      messages: [...this.messages.values()]
        .sort((a, b) => a.message.message_id - b.message.message_id)
        .map(toWebChatMessage),
      replyKeyboard: this.keyboard ?? null,
      cursor: this.log.cursor,
    };
  }
}

export class ChatStore {
  private readonly chats = new Map<number, ChatState>();

  constructor(demoUsers: readonly DemoUser[], bot: User) {
    for (const demoUser of demoUsers) this.chats.set(demoUser.id, new ChatState(demoUser, bot));
  }

  all(): ChatState[] {
    return [...this.chats.values()];
  }

  get(chatId: number): ChatState | undefined {
    return this.chats.get(chatId);
  }

  /** Answers every pending long poll of the page. */
  close(): void {
    for (const chat of this.chats.values()) chat.log.close();
  }
}
