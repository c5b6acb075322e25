// The donor journey through the real entry point and the local web chat gateway: Lucía (Spanish)
// pledges an annual gift to the Children's Welfare Home, is reminded by the scheduler, marks it
// paid; Olena (the demo admin, Ukrainian) confirms it; Lucía receives the receipt message and a
// downloadable receipt document, and the fund's total on /funds has moved.
import { describe, expect, it } from 'vitest';
import { formatMoney, t, type Language } from '../../src/i18n.js';
import { WebChat } from '../helpers/webchat.js';
import { useLocalApp } from './local-app.js';

const localApp = useLocalApp({
  REMINDER_TICK_SECONDS: '1',
  // Whatever the hour the test runs at: quiet hours would hold the reminder until morning.
  REMINDER_QUIET_HOURS: 'off',
});

/** Text as the page shows it: markup gone, no-break spaces as spaces. */
const plain = (text: string) => text.replace(/<\/?b>/g, '').replace(/[\u00a0\u202f]/g, ' ');
const says = (lang: Language, key: string) => plain(t(lang, key)).split('{{')[0]!.trim();

async function onboard(chat: WebChat, lang: Language, role: 'donor' | 'volunteer') {
  await chat.send('/start');
  await chat.waitFor(t(lang, 'language.choose'));
  await chat.press({ data: `v1:lang:set:${lang}` });
  await chat.press(t(lang, 'consent.agree'));
  await chat.press(t(lang, 'role.' + role));
}

describe('donor journey in the web chat', () => {
  it('an annual gift: pledged, reminded, paid, confirmed by a coordinator, receipted, counted', async () => {
    const donor = new WebChat(localApp().baseUrl, 1003, { timeoutMs: 15_000 });
    const admin = new WebChat(localApp().baseUrl, 1004, { timeoutMs: 15_000 });
    await onboard(admin, 'uk', 'volunteer');
    await onboard(donor, 'es', 'donor');

    await donor.send('/funds');
    const funds = await donor.waitFor(says('es', 'donations.funds.title'));
    expect(funds.text).toContain('Hogar de Bienestar Infantil');
    expect(funds.text).toContain('░░░░░░░░░░ 0%');

    await donor.send('/pledge');
    await donor.press('Hogar de Bienestar Infantil');
    await donor.send('1.200,50');
    await donor.press(t('es', 'donations.frequency.annual'));
    await donor.press({ data: 'v1:pledge:start_on:today' });
    await donor.press(t('es', 'donations.button.no_end'));
    await donor.press({ data: 'v1:pledge:anon:no' });
    await donor.press(t('es', 'donations.button.skip'));
    const summary = await donor.waitFor(says('es', 'donations.form.summary'));
    expect(plain(summary.text ?? '')).toContain(plain(formatMoney('es', 1200_50, 'CNY')));
    await donor.press(t('es', 'donations.button.confirm'));
    const created = await donor.waitFor(/PL-\d{4}-\d{6}/);
    const reference = /PL-\d{4}-\d{6}/.exec(created.text ?? '')![0];

    // The scheduler reminds her (due today) with an "I've paid" button.
    await donor.waitFor(t('es', 'reminders.kind.pledge_instalment'));
    await donor.press(t('es', 'donations.button.paid_now'));
    await donor.waitFor(t('es', 'donations.paid.ask_reference'));
    await donor.send('BANCO-7781');
    await donor.waitFor(says('es', 'donations.paid.thanks'));

    // The admin is told, lists the payment and confirms it.
    await admin.waitFor(reference, { since: 'start' });
    await admin.send('/donations');
    await admin.waitFor('BANCO-7781');
    await admin.press(new RegExp(reference));
    await admin.waitFor(says('uk', 'donations.staff.confirmed'));

    // The receipt: a message and an HTML document to download.
    const receipt = await donor.waitFor((m) => m.document !== undefined);
    expect(receipt.document!.fileName).toBe(`receipt-${reference}-1.html`);
    expect(plain(receipt.text ?? '')).toContain(plain(formatMoney('es', 1200_50, 'CNY')));
    const file = await (await fetch(new URL(receipt.document!.url, localApp().baseUrl))).text();
    expect(file).toContain(reference);
    expect(file).toContain('Hogar de Bienestar Infantil');
    expect(file).toContain(t('es', 'donations.receipt.title'));

    // Pressing Confirm again records nothing more.
    await admin.press(new RegExp(reference));
    await admin.waitForToast(t('uk', 'donations.staff.already_confirmed'));

    await donor.send('/funds');
    const total = plain(t('es', 'donations.funds.raised', { total: formatMoney('es', 1200_50, 'CNY'), target: formatMoney('es', 500_000_00, 'CNY') }));
    await donor.waitFor((m) => plain(m.text ?? '').includes(total));
  }, 90_000);
});
