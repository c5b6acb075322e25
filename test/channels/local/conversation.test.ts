/** A person talks to a grammY bot through the local gateway's web chat API. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebChat, WebChatRequestError } from '../../helpers/webchat.js';
import { APPLICANT, ARABIC_GREETING, FORM_PDF, startTestChannel, VOLUNTEER, type TestChannel } from './test-bot.js';

/** A 2×3 PNG: signature, IHDR with the size, and nothing else the gateway needs. */
function tinyPng(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(bytes.buffer).setUint32(16, width);
  new DataView(bytes.buffer).setUint32(20, height);
  return bytes;
}

describe('a conversation through the local web chat', () => {
  let channel: TestChannel;
  let chat: WebChat;

  beforeEach(async () => {
    channel = await startTestChannel({ maxUploadBytes: 4096 });
    chat = new WebChat(channel.gateway.url, VOLUNTEER.id);
  });

  afterEach(async () => {
    await channel.stop();
    expect(channel.handlerErrors).toEqual([]);
  });

  it('answers /start with formatted text and an inline keyboard, and edits it when a button is pressed', async () => {
    const sent = await chat.send('/start');
    expect(sent).toMatchObject({ from: 'user', text: '/start' });

    const welcome = await chat.waitFor(/Welcome, Victor/);
    expect(welcome.entities).toEqual([{ type: 'bold', offset: 9, length: 6 }]);
    expect(welcome.inlineKeyboard).toEqual([
      [{ text: 'Apply', callbackData: 'apply' }],
      [{ text: 'Get the form', callbackData: 'form' }],
    ]);

    await chat.press('Apply');
    expect(await chat.waitForToast('Application started')).toMatchObject({ showAlert: false });
    const edited = await chat.waitFor('Your application has started');
    expect(edited).toMatchObject({ id: welcome.id, inlineKeyboard: [[{ text: 'Cancel', callbackData: 'cancel' }]] });
    expect(edited.editDate).toBeGreaterThan(0);

    await chat.press({ data: 'cancel' });
    expect(await chat.waitForToast('Cancelled')).toMatchObject({ showAlert: true });
    const withoutButtons = await chat.waitFor((message) => message.id === welcome.id && !message.inlineKeyboard);
    expect(withoutButtons.text).toBe('Your application has started ✅');
  });

  it('delivers a document from the bot that the person can download', async () => {
    await chat.send('/start');
    await chat.press('Get the form');
    const form = await chat.waitFor((message) => message.document !== undefined);
    expect(form.text).toBe('Here is the form');
    expect(form.document).toMatchObject({ fileName: 'application form.pdf', mimeType: 'application/pdf', size: FORM_PDF.length });

    const download = await fetch(new URL(form.document?.url ?? '', channel.gateway.url));
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(FORM_PDF);
  });

  it('shows a message the bot deleted as gone', async () => {
    await chat.send('/temp');
    await chat.waitFor('The temporary message is gone');
    const texts = (await chat.messages()).map((message) => message.text);
    expect(texts).toEqual(['/temp', 'The temporary message is gone']);
  });

  it('lets the person upload a document and a photo, which the bot can download', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.4 proof of address');
    const uploaded = await chat.upload('proof.pdf', pdf, 'application/pdf', 'my proof');
    expect(uploaded).toMatchObject({ from: 'user', text: 'my proof', document: { fileName: 'proof.pdf', size: pdf.length } });
    await chat.waitFor(`Got your document proof.pdf (${pdf.length} bytes)`);

    const photo = await chat.upload('id-card.png', tinyPng(2, 3), 'image/png', 'front side');
    expect(photo.photo).toMatchObject({ width: 2, height: 3 });
    await chat.waitFor('Got your photo 2x3: front side');
  });

  it('rejects an upload above the limit with a message a person understands', async () => {
    const error = await chat.upload('scan.pdf', new Uint8Array(5000), 'application/pdf').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebChatRequestError);
    expect(error).toMatchObject({ status: 413, message: 'The file is too large (5 KB). You can send files up to 4 KB.' });
  });

  it('passes edits, stickers and reply-keyboard answers to the bot', async () => {
    const original = await chat.send('hello');
    await chat.waitFor('You said: hello');
    await chat.edit(original.id, 'hello again');
    await chat.waitFor('You changed your message to: hello again');

    await chat.sendSticker('🐱');
    await chat.waitFor("Sorry, I can't handle that kind of message yet.");

    await chat.send('/keyboard');
    await chat.waitFor('Pick one');
    expect(await chat.replyKeyboard()).toMatchObject({ oneTime: true, rows: [[{ text: 'Yes' }, { text: 'No' }], [{ text: 'Share my phone', requestContact: true }]] });
    await chat.press('Share my phone');
    await chat.waitFor(/Thanks, I have your number \+1555\d{7}/);
    expect(await chat.replyKeyboard()).toBeNull();
  });

  it('keeps each demo user in a separate chat, with their own language for commands', async () => {
    const applicant = new WebChat(channel.gateway.url, APPLICANT.id);
    await applicant.send('/arabic');
    await applicant.waitFor(ARABIC_GREETING);
    expect(await chat.messages()).toEqual([]);
    expect(await applicant.commands()).toEqual([{ command: 'start', description: 'ابدأ من جديد' }]);
    expect(await chat.commands()).toEqual([
      { command: 'start', description: 'Start over' },
      { command: 'help', description: 'What I can do' },
    ]);
  });

  it('lets the person block the bot: sends fail with 403 and the bot is told', async () => {
    await chat.setBlocked(true);
    await expect(channel.bot.api.sendMessage(VOLUNTEER.id, 'still there?')).rejects.toMatchObject({
      error_code: 403,
      description: 'Forbidden: bot was blocked by the user',
    });
    await expect(chat.send('hi')).rejects.toMatchObject({ status: 409 });

    await chat.setBlocked(false);
    await chat.send('I am back');
    await chat.waitFor('You said: I am back');
    expect(channel.memberUpdates.map((update) => update.new_chat_member.status)).toEqual(['kicked', 'member']);
  });
});
