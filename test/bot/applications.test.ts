import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n.js';
import { createHarness, type Harness } from '../helpers/bot-harness.js';

const ID = 720;
const OTHER = 721;
let h: Harness;

beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

const tap = (key: string, vars?: Record<string, unknown>) => h.press(ID, t('en', key, vars));

const screenAndApply = () => h.screenEligibleAdultAndApply(ID);

function sendPhoto(id: number, size = 200_000) {
  return h.update({
    message: {
      message_id: 5000,
      date: Math.floor(Date.now() / 1000),
      chat: { id, type: 'private', first_name: 'T' },
      from: { id, is_bot: false, first_name: 'T' },
      photo: [
        { file_id: 'small', file_unique_id: 's1', width: 90, height: 90, file_size: 2_000 },
        { file_id: 'large', file_unique_id: 'l1', width: 1280, height: 960, file_size: size },
      ],
    },
  });
}

function sendDocument(id: number, mime: string, name: string) {
  return h.update({
    message: {
      message_id: 5001,
      date: Math.floor(Date.now() / 1000),
      chat: { id, type: 'private', first_name: 'T' },
      from: { id, is_bot: false, first_name: 'T' },
      document: { file_id: 'doc', file_unique_id: 'd1', mime_type: mime, file_name: name, file_size: 1000 },
    },
  });
}

describe('documents and application', () => {
  it('builds a personal checklist, takes documents, submits with a reference and shows the status', async () => {
    await h.onboard(ID, 'en', 'applicant');
    await screenAndApply();
    const checklist = h.lastMessage(ID);
    expect(checklist.text).toMatch(/Application SN-\d{4}-\d{6}/);
    expect(checklist.text).toContain(t('en', 'documents.progress', { done: 0, total: 5 }));
    for (const item of ['identity', 'household_register', 'income_proof', 'medical_bills', 'bank_account']) {
      expect(checklist.text).toContain(t('en', `documents.item.${item}`));
    }

    await h.press(ID, `📎 ${t('en', 'documents.item.identity')}`);
    expect(h.lastMessage(ID).text).toContain(t('en', 'documents.what.identity'));
    await sendPhoto(ID);
    expect(h.sentMessages(ID).at(-2)!.text).toContain('✅');
    expect(h.lastMessage(ID).text).toContain(t('en', 'documents.progress', { done: 1, total: 5 }));

    // A Word file is refused with a clear message; nothing is recorded.
    await h.press(ID, `📎 ${t('en', 'documents.item.income_proof')}`);
    await sendDocument(ID, 'application/msword', 'payslip.doc');
    expect(h.lastMessage(ID).text).toBe(t('en', 'documents.error.type_not_allowed'));
    await sendDocument(ID, 'application/pdf', 'payslip.pdf');
    expect(h.lastMessage(ID).text).toContain(t('en', 'documents.progress', { done: 2, total: 5 }));

    for (const item of ['household_register', 'medical_bills', 'bank_account']) {
      await h.press(ID, `📎 ${t('en', `documents.item.${item}`)}`);
      await tap('documents.button.unavailable');
      expect(h.sentMessages(ID).at(-2)!.text).toContain(t('en', `documents.where.${item}`));
    }
    expect(h.lastMessage(ID).text).toContain(t('en', 'documents.progress', { done: 5, total: 5 }));

    await tap('application.button.submit');
    // The township decides which caseworkers see the case; "not sure" is offered too.
    expect(h.lastMessage(ID).text).toBe(t('en', 'application.township.question'));
    expect(h.lastMessage(ID).buttons.map((b) => b.text)).toEqual(['Riverside', 'Hillview', 'Eastgate', 'Lakeside', t('en', 'application.township.not_sure')]);
    await h.press(ID, 'Eastgate');
    await tap('application.button.confirm_submit');
    const submitted = h.lastMessage(ID).text;
    const reference = /SN-\d{4}-\d{6}/.exec(submitted)![0];
    expect(submitted).toContain(t('en', 'application.submitted', { reference }).replace(/<\/?b>/g, '').slice(0, 20));

    await h.send(ID, '/status');
    const status = h.lastMessage(ID).text;
    expect(status).toContain(reference);
    expect(status).toContain(t('en', 'application.status.submitted'));

    const row = await h.db.application.findFirstOrThrow();
    expect(row.status).toBe('submitted');
    expect(row.township).toBe('eastgate');
    const documents = await h.db.applicationDocument.findMany({ orderBy: { id: 'asc' } });
    expect(documents.map((d) => [d.item, d.status, d.mimeType])).toEqual([
      ['identity', 'provided', 'image/jpeg'],
      ['income_proof', 'provided', 'application/pdf'],
      ['household_register', 'unavailable', null],
      ['medical_bills', 'unavailable', null],
      ['bank_account', 'unavailable', null],
    ]);
  });

  it('refuses to submit before every document is dealt with, and lists what is missing', async () => {
    await h.onboard(ID, 'en', 'applicant');
    await screenAndApply();
    await tap('application.button.submit');
    await tap('application.township.not_sure');
    await tap('application.button.confirm_submit');
    expect(h.sentMessages(ID).at(-2)!.text).toContain(t('en', 'application.checklist_incomplete'));
    expect((await h.db.application.findFirstOrThrow()).status).toBe('draft');
  });

  it('does not let another person act on an application through forged buttons', async () => {
    await h.onboard(ID, 'en', 'applicant');
    await screenAndApply();
    const app = await h.db.application.findFirstOrThrow();
    await h.onboard(OTHER, 'en', 'applicant');
    h.clearCalls();
    for (const data of [
      `v1:app:list:${app.id}`,
      `v1:app:doc:${app.id}-identity-0`,
      `v1:app:na:${app.id}-identity-0`,
      `v1:app:submit_yes:${app.id}`,
      `v1:app:withdraw_yes:${app.id}`,
    ]) {
      await h.press(OTHER, { data });
    }
    expect(h.callsTo('answerCallbackQuery').map((c) => c.payload.text)).toEqual(
      Array(5).fill(t('en', 'errors.stale_button')),
    );
    expect(await h.db.applicationDocument.count()).toBe(0);
    expect((await h.db.application.findFirstOrThrow()).status).toBe('draft');
  });

  it('an old "I don\'t have it" button cannot overwrite a document sent since', async () => {
    await h.onboard(ID, 'en', 'applicant');
    await screenAndApply();
    await h.press(ID, `📎 ${t('en', 'documents.item.identity')}`);
    await sendPhoto(ID);
    const app = await h.db.application.findFirstOrThrow();
    await h.press(ID, { data: `v1:app:na:${app.id}-identity-0` });
    expect(h.callsTo('answerCallbackQuery').at(-1)!.payload.text).toBe(t('en', 'errors.stale_button'));
    expect((await h.db.applicationDocument.findFirstOrThrow()).status).toBe('provided');
    // …and the request's buttons were taken away when the photo arrived.
    expect(h.callsTo('editMessageReplyMarkup').length).toBeGreaterThan(0);
  });

  it('a file sent without choosing a document first is not lost silently', async () => {
    await h.onboard(ID, 'en', 'applicant');
    await sendPhoto(ID);
    expect(h.lastMessage(ID).text).toBe(t('en', 'documents.which_first'));
  });

  it('withdraws after confirmation', async () => {
    await h.onboard(ID, 'en', 'applicant');
    await screenAndApply();
    await h.send(ID, '/status');
    await tap('application.button.withdraw');
    await tap('application.button.confirm_withdraw');
    expect((await h.db.application.findFirstOrThrow()).status).toBe('withdrawn');
  });

  it('/delete_me erases applications and documents too', async () => {
    await h.onboard(ID, 'en', 'applicant');
    await screenAndApply();
    await h.press(ID, `📎 ${t('en', 'documents.item.identity')}`);
    await sendPhoto(ID);
    await h.send(ID, '/delete_me');
    await h.press(ID, { data: 'v1:delete:yes' });
    expect(await h.db.application.count()).toBe(0);
    expect(await h.db.applicationDocument.count()).toBe(0);
  });
});
