/** Everything the Bot API and the web chat API share, created once per gateway. */
import type { User, UserFromGetMe } from 'grammy/types';
import type { CallbackQueries } from './callback-queries.js';
import type { ChatStore } from './chat-store.js';
import type { CommandRegistry } from './command-registry.js';
import type { FileStore } from './file-store.js';
import type { UpdateQueue } from './update-queue.js';

export interface GatewayState {
  /** What getMe answers. */
  bot: UserFromGetMe;
  /** The bot as it appears in messages and chat member updates (no capability flags). */
  botUser: User;
  chats: ChatStore;
  updates: UpdateQueue;
  files: FileStore;
  commands: CommandRegistry;
  callbacks: CallbackQueries;
  /** Largest file a person may upload through the web chat. */
  maxUploadBytes: number;
}
