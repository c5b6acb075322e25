import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/bot-harness.js';

const ID = 321;
let h: Harness;

beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

/** An applicant in Ukrainian, with the calls of onboarding forgotten. */
async function onboard() {
  await h.onboard(ID, 'uk', 'applicant');
  h.clearCalls();
}

const now = () => Math.floor(Date.now() / 1000);
const privateChat = { id: ID, type: 'private' as const, first_name: 'T' };
const from = { id: ID, is_bot: false as const, first_name: 'T' };

describe('updates the bot does not handle', () => {
  it('answers a sticker with a translated hint', async () => {
    await onboard();
    await h.update({
      message: {
        message_id: 9,
        date: now(),
        chat: privateChat,
        from,
        sticker: { file_id: 's', file_unique_id: 's', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false },
      },
    });
    expect(h.lastMessage(ID).text).toMatch(/\/help/);
    expect(h.lastMessage(ID).text).not.toMatch(/I can read/); // Ukrainian, not English
  });

  it('ignores edited messages, channel posts and group chatter', async () => {
    await h.update({ edited_message: { message_id: 1, date: now(), edit_date: now(), chat: privateChat, from, text: 'x' } });
    await h.update({ channel_post: { message_id: 1, date: now(), chat: { id: -100, type: 'channel', title: 'c' }, text: 'hi' } });
    await h.update({
      message: { message_id: 2, date: now(), chat: { id: -5, type: 'group', title: 'g' }, from, text: 'hello' },
    });
    expect(h.sentMessages()).toEqual([]);
  });

  it('answers unknown and forged callback data without acting on it', async () => {
    await onboard();
    for (const data of ['garbage', 'v1:role:set:admin', 'v2:lang:set:en', 'v1:lang:set:xx', 'v1:consent:yes:extra:more']) {
      await h.press(ID, { data });
    }
    const answers = h.callsTo('answerCallbackQuery');
    expect(answers).toHaveLength(5);
    for (const a of answers) expect(String(a.payload.text)).not.toBe('');
    const person = await h.db.user.findUniqueOrThrow({ where: { telegramId: BigInt(ID) } });
    expect(person.role).toBe('applicant');
    expect(person.staffRole).toBeNull();
  });

  it('handles 4,096-character and empty texts', async () => {
    await onboard();
    await h.send(ID, 'я'.repeat(4096));
    expect(h.sentMessages(ID)).toHaveLength(1);
    await h.send(ID, '   ');
    expect(h.sentMessages(ID)).toHaveLength(1);
  });
});

describe('people who block the bot', () => {
  it('are marked inactive on my_chat_member "kicked" and active again when they return', async () => {
    await onboard();
    const member = (status: 'kicked' | 'member') => ({
      my_chat_member: {
        chat: privateChat,
        from,
        date: now(),
        old_chat_member: { status: 'member' as const, user: { id: 42, is_bot: true as const, first_name: 'bot' } },
        new_chat_member:
          status === 'kicked'
            ? { status, until_date: 0, user: { id: 42, is_bot: true as const, first_name: 'bot' } }
            : { status, user: { id: 42, is_bot: true as const, first_name: 'bot' } },
      },
    });
    await h.update(member('kicked'));
    expect((await h.db.user.findFirstOrThrow()).active).toBe(false);
    await h.update(member('member'));
    expect((await h.db.user.findFirstOrThrow()).active).toBe(true);
  });

  it('are marked inactive when the Bot API answers 403, without an unhandled error', async () => {
    await onboard();
    h.failWith('sendMessage', 403, 'Forbidden: bot was blocked by the user', ID);
    await h.send(ID, '/help');
    const person = await h.db.user.findFirstOrThrow();
    expect(person.active).toBe(false);
    expect(person.inactiveAt).toBeInstanceOf(Date);
  });
});

describe('programming errors', () => {
  it('are caught: the person gets a short apology and the update does not throw', async () => {
    await onboard();
    h.failWith('sendMessage', 400, 'Bad Request: chat not found', ID);
    await h.send(ID, '/help');
    const attempts = h.callsTo('sendMessage').map((c) => String(c.payload.text));
    expect(attempts).toHaveLength(2); // the help text, then the apology (which fails too, quietly)
    expect(attempts[1]).toMatch(/Вибачте/);
  });
});
