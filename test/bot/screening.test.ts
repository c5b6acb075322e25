import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n.js';
import { createHarness, type Harness } from '../helpers/bot-harness.js';

const ID = 610;
let h: Harness;

beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

/** Presses the button whose label is the given locale text on the latest screen. */
const tap = (key: string, lang: 'en' | 'zh' = 'en') => h.press(ID, t(lang, key));

/** One adult in town with a low income and medical costs, answering by buttons and typing. */
async function answerSingleAdult(lang: 'en' | 'zh' = 'en') {
  await tap('screening.option.area.urban', lang);
  await tap('screening.option.residency.newcomer', lang);
  await h.send(ID, '45'); // age
  await h.send(ID, '1 200'); // income
  await tap('screening.answer.yes', lang); // can work
  await tap('screening.option.disability.none', lang);
  await tap('screening.answer.no', lang); // serious illness
  await tap('screening.answer.no', lang); // another member
  await h.send(ID, '900'); // medical costs
  await h.send(ID, '０'); // savings, full-width zero
  await tap('screening.option.housingCondition.safe', lang);
  await tap('screening.option.recentHardship.none', lang);
}

describe('eligibility check in chat', () => {
  it('needs consent first', async () => {
    await h.send(ID, '/check');
    expect(h.lastMessage(ID).text).toBe(t('en', 'consent.required'));
  });

  it('asks one question at a time, reviews, and explains the results with numbers', async () => {
    await h.onboard(ID, 'en', 'applicant');
    await h.press(ID, { data: 'v1:menu:check' });
    expect(h.sentMessages(ID).at(-2)!.text).toBe(t('en', 'screening.intro'));
    expect(h.lastMessage(ID).text).toContain(t('en', 'screening.question.area.self'));
    await answerSingleAdult();

    const review = h.lastMessage(ID);
    expect(review.text).toContain(t('en', 'screening.review.title'));
    expect(review.text).toContain('¥1,200.00');
    expect(review.text).toContain('¥900.00');

    await tap('screening.button.results');
    const results = h.sentMessages(ID).slice(-1)[0]!.text;
    // 1,200 − 900 medical = 300 < 400: a top-up of 100 (the report's central reform at work).
    expect(results).toContain(t('en', 'screening.programme.minimum_living_allowance'));
    expect(results).toContain(t('en', 'screening.amount.monthly', { amount: '¥100.00' }));
    expect(results).toContain('¥300.00');
    expect(results).toContain(t('en', 'screening.results.caseworker_decides'));
    expect(results).toContain(t('en', 'screening.results.residence_proof'));
  });

  it('changes the result when an answer is edited from the review', async () => {
    await h.onboard(ID, 'en', 'applicant');
    await h.send(ID, '/check');
    await answerSingleAdult();
    await h.press(ID, `✏️ ${t('en', 'screening.review.label.medicalExpenses')}`);
    expect(h.lastMessage(ID).text).toContain(t('en', 'screening.previous_answer', { answer: '¥900.00' }));
    await h.send(ID, '0');
    expect(h.lastMessage(ID).text).toContain(t('en', 'screening.review.title'));
    await tap('screening.button.results');
    const results = h.lastMessage(ID).text;
    expect(results).not.toContain(t('en', 'screening.amount.monthly', { amount: '¥100.00' }));
    expect(results).toContain(t('en', 'screening.change.medical_costs_at_least', { amount: '¥800.01' }));
  });

  it('explains bad input in the person’s language and asks again', async () => {
    await h.onboard(ID, 'zh', 'applicant');
    await h.send(ID, '/check');
    await tap('screening.option.area.rural', 'zh');
    await tap('screening.option.residency.local', 'zh');
    await h.send(ID, '-5');
    const texts = h.sentMessages(ID).slice(-2).map((m) => m.text);
    expect(texts[0]).toBe(t('zh', 'screening.error.whole_number.too_small'));
    expect(texts[1]).toContain(t('zh', 'screening.question.age.self'));
    await h.send(ID, '٣٥'); // Arabic-Indic digits
    await h.send(ID, 'lots');
    expect(h.sentMessages(ID).at(-2)!.text).toBe(t('zh', 'screening.error.money.not_a_number'));
    await h.send(ID, '１，２００');
    expect(h.lastMessage(ID).text).toContain(t('zh', 'screening.question.canWork.self'));
  });

  it('accepts a typed option label and goes back with Back', async () => {
    await h.onboard(ID, 'en', 'applicant');
    await h.send(ID, '/check');
    await h.send(ID, 'countryside or village');
    expect(h.lastMessage(ID).text).toContain(t('en', 'screening.question.residency.self'));
    await tap('screening.button.back');
    expect(h.lastMessage(ID).text).toContain(t('en', 'screening.question.area.self'));
    expect(h.lastMessage(ID).text).toContain(t('en', 'screening.option.area.rural'));
  });

  it('ignores buttons of an older screen', async () => {
    await h.onboard(ID, 'en', 'applicant');
    await h.send(ID, '/check');
    await tap('screening.option.area.urban');
    const stale = h.sentMessages(ID).find((m) => m.buttons.some((b) => b.text === t('en', 'screening.option.area.rural')));
    const staleData = stale!.buttons.find((b) => b.text === t('en', 'screening.option.area.rural'))!.callback_data!;
    await h.press(ID, { data: staleData });
    expect(h.callsTo('answerCallbackQuery').at(-1)!.payload.text).toBe(t('en', 'errors.stale_button'));
    const session = await h.db.session.findUniqueOrThrow({ where: { key: String(ID) } });
    expect(JSON.parse(session.value).screening.answers.area).toBe('urban');
  });

  it('continues after a restart where the person stopped', async () => {
    await h.onboard(ID, 'en', 'applicant');
    await h.send(ID, '/check');
    await tap('screening.option.area.urban');
    await tap('screening.option.residency.local');
    h.restart();
    await h.send(ID, '/check');
    expect(h.lastMessage(ID).text).toBe(t('en', 'screening.resume.question'));
    await tap('screening.resume.continue');
    expect(h.lastMessage(ID).text).toContain(t('en', 'screening.question.age.self'));
    await h.send(ID, '30');
    expect(h.lastMessage(ID).text).toContain(t('en', 'screening.question.monthlyIncome.self'));
  });
});
