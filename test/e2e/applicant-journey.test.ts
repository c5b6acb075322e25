// The applicant journey through the real entry point and the local gateway, as a person in the
// web chat would do it: the questionnaire in Chinese and in English, results with numbers, an
// answer changed from the review, a document uploaded, the application submitted, /status; then
// the demo caseworker reviews it in Ukrainian: asks for a document, the applicant sends it, the
// case is approved, the applicant sees it, the audit shows every step and reminders exist.
import { describe, expect, it } from 'vitest';
import { formatMoney, t, type Language } from '../../src/i18n.js';
import { WebChat } from '../helpers/webchat.js';
import { useLocalApp } from './local-app.js';

const localApp = useLocalApp();

/** Locale text as the page shows it: markup becomes formatting, not characters. */
const plain = (lang: Language, key: string, vars?: Record<string, unknown>) => t(lang, key, vars).replace(/<\/?b>/g, '');
const question = (lang: Language, id: string) => plain(lang, `screening.question.${id}.self`);

async function onboard(chat: WebChat, lang: Language) {
  await chat.send('/start');
  await chat.waitFor(t(lang, 'language.choose'));
  await chat.press({ data: `v1:lang:set:${lang}` });
  await chat.press(t(lang, 'consent.agree'));
  await chat.press(t(lang, 'role.applicant'));
  await chat.press(t(lang, 'menu.button.check'));
}

/** A single adult in town: 1,200 a month, 900 of medical costs, no savings. */
async function answerQuestionnaire(chat: WebChat, lang: Language) {
  const step = async (id: string, answer: () => Promise<unknown>) => {
    await chat.waitFor(question(lang, id));
    await answer();
  };
  await step('area', () => chat.press(t(lang, 'screening.option.area.urban')));
  await step('residency', () => chat.press(t(lang, 'screening.option.residency.local')));
  await step('age', () => chat.send('45'));
  await step('monthlyIncome', () => chat.send('1 200'));
  await step('canWork', () => chat.press(t(lang, 'screening.answer.yes')));
  await step('disability', () => chat.press(t(lang, 'screening.option.disability.none')));
  await step('seriousIllness', () => chat.press(t(lang, 'screening.answer.no')));
  await step('anotherMember', () => chat.press(t(lang, 'screening.answer.no')));
  await step('medicalExpenses', () => chat.send('900'));
  await step('savings', () => chat.press(t(lang, 'screening.button.none')));
  await step('housingCondition', () => chat.press(t(lang, 'screening.option.housingCondition.safe')));
  await step('recentHardship', () => chat.press(t(lang, 'screening.option.recentHardship.none')));
  await chat.waitFor(t(lang, 'screening.review.title'));
}

// A 1×1 PNG: what a phone photo of an ID card is, as far as the bot can tell.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** The Chinese applicant's reference, for the caseworker's part of the journey. */
let weiReference = '';

describe('applicant journey in the web chat', () => {
  it('in Chinese: results with numbers, an edited answer changes them, a document, submission, /status', async () => {
    const lang = 'zh';
    const chat = new WebChat(localApp().baseUrl, 1002, { timeoutMs: 15_000 });
    await onboard(chat, lang);
    await answerQuestionnaire(chat, lang);

    await chat.press(t(lang, 'screening.button.results'));
    const first = await chat.waitFor(plain(lang, 'screening.results.title'));
    // 1,200 − 900 medical = 300 a month, below the urban standard of 400: a top-up of 100.
    expect(first.text).toContain(t(lang, 'screening.amount.monthly', { amount: '¥100.00' }));

    await chat.press(t(lang, 'screening.button.change_answers'));
    await chat.press(`✏️ ${t(lang, 'screening.review.label.medicalExpenses')}`);
    await chat.waitFor(question(lang, 'medicalExpenses'));
    await chat.send('0');
    await chat.waitFor(t(lang, 'screening.review.title'));
    await chat.press(t(lang, 'screening.button.results'));
    const second = await chat.waitFor(plain(lang, 'screening.results.title'));
    expect(second.text).not.toContain(t(lang, 'screening.amount.monthly', { amount: '¥100.00' }));
    expect(second.text).toContain(t(lang, 'screening.change.medical_costs_at_least', { amount: '¥800.01' }));

    // Back to the medical costs that make the household eligible, then apply.
    await chat.press(t(lang, 'screening.button.change_answers'));
    await chat.press(`✏️ ${t(lang, 'screening.review.label.medicalExpenses')}`);
    await chat.waitFor(question(lang, 'medicalExpenses'));
    await chat.send('900');
    await chat.waitFor(t(lang, 'screening.review.title'));
    await chat.press(t(lang, 'screening.button.results'));
    await chat.waitFor(plain(lang, 'screening.results.title'));
    await chat.press(t(lang, 'screening.button.apply'));
    const checklist = await chat.waitFor(/SN-\d{4}-\d{6}/);
    const reference = /SN-\d{4}-\d{6}/.exec(checklist.text ?? '')![0];

    await chat.press(`📎 ${t(lang, 'documents.item.identity')} (${t(lang, 'documents.member.you')})`);
    await chat.waitFor(t(lang, 'documents.what.identity'));
    await chat.upload('id-card.png', PNG, 'image/png');
    await chat.waitFor(plain(lang, 'documents.progress', { done: 1, total: 5 }));

    for (const item of ['household_register', 'income_proof', 'medical_bills', 'bank_account']) {
      const suffix = item === 'income_proof' ? ` (${t(lang, 'documents.member.you')})` : '';
      await chat.press(`📎 ${t(lang, `documents.item.${item}`)}${suffix}`);
      await chat.waitFor(t(lang, `documents.what.${item}`));
      await chat.press(t(lang, 'documents.button.unavailable'));
      await chat.waitFor(t(lang, `documents.where.${item}`));
    }
    await chat.press(t(lang, 'application.button.submit'));
    // Which township: the default list's names are proper names, the same in every language.
    await chat.press('Hillview');
    await chat.press(t(lang, 'application.button.confirm_submit'));
    await chat.waitFor(reference);

    await chat.send('/status');
    const status = await chat.waitFor(t(lang, 'application.status_title'));
    expect(status.text).toContain(reference);
    expect(status.text).toContain(t(lang, 'application.status.submitted'));
    weiReference = reference;
  }, 120_000);

  it('the caseworker (Ukrainian) asks for a document, the applicant (Chinese) sends it, the case is approved with its reminders', async () => {
    expect(weiReference).not.toBe('');
    const reference = weiReference;
    const olena = new WebChat(localApp().baseUrl, 1004, { timeoutMs: 15_000 }); // the demo admin
    const wei = new WebChat(localApp().baseUrl, 1002, { timeoutMs: 15_000 });
    await olena.send('/start');
    await olena.waitFor(plain('uk', 'language.choose'));
    await olena.press({ data: 'v1:lang:set:uk' });
    await olena.press(t('uk', 'consent.agree'));

    await olena.send('/queue');
    await olena.waitFor(reference);
    await olena.press(`📂 ${reference}`);
    await olena.waitFor(plain('uk', 'casework.card.title', { reference }));
    await olena.press(t('uk', 'casework.button.request'));
    await olena.press(new RegExp(`^◻️ ${t('uk', 'documents.item.identity')}`));
    await olena.press(t('uk', 'casework.button.send_request'));
    await olena.waitFor(reference);

    // Wei is told in Chinese which document, with a button to send it.
    // (Wei's chat is opened only now: the message may already be there.)
    await wei.waitFor(plain('zh', 'casework.notify.needs_documents', { reference }), { since: 'start' });
    await wei.press(new RegExp(`^📎 ${t('zh', 'documents.item.identity')}`));
    await wei.waitFor(plain('zh', 'documents.what.identity'));
    await wei.upload('id-card-again.png', PNG, 'image/png');
    await wei.waitFor(plain('zh', 'documents.received', { item: `${t('zh', 'documents.item.identity')} (${t('zh', 'documents.member.you')})` }));

    // Olena hears that the requested document is in, opens the case and approves it.
    await olena.waitFor(new RegExp(reference));
    await olena.press(t('uk', 'casework.button.open_case'));
    await olena.press(t('uk', 'casework.button.approve'));
    await olena.waitFor(plain('uk', 'casework.approve.title', { reference }));
    await olena.press(t('uk', 'casework.button.approve_with', { amount: formatMoney('uk', 10_000, 'CNY') }));
    await olena.waitFor(plain('uk', 'casework.done.next_review', { date: '' }).slice(0, 12));

    await wei.waitFor(new RegExp(`${reference}[\\s\\S]*`));
    await wei.send('/status');
    const status = await wei.waitFor(plain('zh', 'application.status_title'));
    expect(status.text).toContain(t('zh', 'application.status.approved'));
    // The review notice and the monthly payment day are on Wei's calendar.
    await wei.send('/calendar');
    const calendar = await wei.waitFor(plain('zh', 'reminders.calendar.title'));
    expect(calendar.text).toContain(t('zh', 'reminders.kind.review_due'));
    expect(calendar.text).toContain(t('zh', 'reminders.kind.payment_day'));

    // The audit shows every step, in Ukrainian.
    await olena.send(`/audit ${reference}`);
    const history = await olena.waitFor(plain('uk', 'casework.history.title', { reference }).replace(/<\/?b>/g, ''));
    for (const action of ['casework.review_started', 'casework.documents_requested', 'casework.approved']) {
      expect(history.text).toContain(t('uk', `casework.history.action.${action}`));
    }
    expect(history.text).toContain(t('uk', 'casework.history.action.application.document_provided'));
  }, 120_000);

  it('in English: the same questionnaire gives the same numbers', async () => {
    const lang = 'en';
    const chat = new WebChat(localApp().baseUrl, 1003, { timeoutMs: 15_000 });
    await onboard(chat, lang);
    await answerQuestionnaire(chat, lang);
    await chat.press(t(lang, 'screening.button.results'));
    const results = await chat.waitFor(plain(lang, 'screening.results.title'));
    expect(results.text).toContain(t(lang, 'screening.amount.monthly', { amount: '¥100.00' }));
    expect(results.text).toContain(t(lang, 'screening.results.caseworker_decides'));
  }, 90_000);
});
