import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n.js';
import { createHarness, type Harness } from '../helpers/bot-harness.js';

const PERSON = 830;
const STAFF = 900;
let h: Harness;

beforeEach(async () => {
  h = await createHarness({ adminTelegramIds: [STAFF] });
});
afterEach(async () => {
  await h.close();
});

describe('questions by chat', () => {
  it('answers a free-text question from the FAQ, even before consent', async () => {
    await h.send(PERSON, 'which documents do i need to apply');
    const reply = h.lastMessage(PERSON);
    expect(reply.buttons.map((b) => b.callback_data)).toContain('v1:faq:ask');
    expect(reply.text.length).toBeGreaterThan(40);
    expect(await h.db.user.count()).toBe(0);
  });

  it('answers in Chinese for a Chinese speaker', async () => {
    await h.onboard(PERSON, 'zh', 'applicant');
    await h.send(PERSON, '低保每个月能拿多少钱');
    expect(h.lastMessage(PERSON).text).toMatch(/[\u4e00-\u9fff]{10}/);
  });

  it('queues a question for a caseworker and relays the answer in the person’s language', async () => {
    await h.onboard(STAFF, 'en', 'applicant');
    await h.onboard(PERSON, 'es', 'applicant');
    await h.send(PERSON, 'zxqv wobble frobnicate');
    expect(h.lastMessage(PERSON).text).toBe(t('es', 'faq.no_match'));
    await h.press(PERSON, { data: 'v1:faq:ask' });
    await h.press(PERSON, { data: 'v1:faq:send' });
    expect(h.lastMessage(PERSON).text).toBe(t('es', 'faq.asked'));

    const inquiry = await h.db.inquiry.findFirstOrThrow();
    expect(inquiry.text).toBe('zxqv wobble frobnicate');
    expect(h.lastMessage(STAFF).text).toContain(`#${inquiry.id}`);

    await h.press(STAFF, { data: `v1:inq:answer:${inquiry.id}` });
    await h.send(STAFF, 'Please come to the office on Monday.');
    expect(h.lastMessage(PERSON).text).toContain('Please come to the office on Monday.');
    expect(h.lastMessage(STAFF).text).toBe(t('en', 'inquiries.sent', { id: inquiry.id }));
    expect((await h.db.inquiry.findFirstOrThrow()).status).toBe('answered');

    // A second answer to the same question is refused.
    await h.press(STAFF, { data: `v1:inq:answer:${inquiry.id}` });
    await h.send(STAFF, 'Another answer');
    expect(h.lastMessage(STAFF).text).toBe(t('en', 'inquiries.already_answered', { id: inquiry.id }));
  });

  it('refuses staff actions to people who are not staff', async () => {
    await h.onboard(PERSON, 'en', 'applicant');
    await h.send(PERSON, 'zxqv wobble frobnicate');
    await h.press(PERSON, { data: 'v1:faq:ask' });
    await h.press(PERSON, { data: 'v1:faq:send' });
    const inquiry = await h.db.inquiry.findFirstOrThrow();
    await h.press(PERSON, { data: `v1:inq:answer:${inquiry.id}` });
    expect(h.callsTo('answerCallbackQuery').at(-1)!.payload.text).toBe(t('en', 'inquiries.not_available'));
    await h.send(PERSON, '/inquiries');
    expect(h.lastMessage(PERSON).text).toBe(t('en', 'inquiries.not_available'));
    expect((await h.db.inquiry.findFirstOrThrow()).status).toBe('open');
  });
});

describe('questions in the middle of the questionnaire', () => {
  it('answers a question typed instead of an answer, then asks the question again', async () => {
    await h.onboard(PERSON, 'en', 'applicant');
    await h.send(PERSON, '/check');
    await h.press(PERSON, t('en', 'screening.option.area.urban'));
    h.clearCalls();
    await h.send(PERSON, 'which documents do i need to apply');
    const [faqReply, question] = h.sentMessages(PERSON);
    expect(faqReply!.buttons.map((b) => b.callback_data)).toContain('v1:faq:ask');
    expect(question!.text).toContain(t('en', 'screening.question.residency.self'));
    // The questionnaire is where it was.
    await h.press(PERSON, t('en', 'screening.option.residency.local'));
    expect(h.lastMessage(PERSON).text).toContain(t('en', 'screening.question.age.self'));
  });
});
