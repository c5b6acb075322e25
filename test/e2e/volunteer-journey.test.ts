// The volunteer journey through the real entry point and the local web chat, as the demo people
// would do it: Wei (Chinese) asks for help with the form; Lucía (Spanish) signs up; Olena (the
// demo admin, Ukrainian) approves her and publishes the request; Lucía claims it, sees the
// address only then, and completes it; Wei is told at each step in Chinese and says thank you.
import { describe, expect, it } from 'vitest';
import { t, type Language } from '../../src/i18n.js';
import { WebChat } from '../helpers/webchat.js';
import { useLocalApp } from './local-app.js';

const WEI = 1002;
const LUCIA = 1003;
const OLENA = 1004;
const ADDRESS = '柳树巷12号3室';

const localApp = useLocalApp();

/** Locale text as the page shows it: markup becomes formatting, not characters. */
const plain = (lang: Language, key: string, vars?: Record<string, unknown>) => t(lang, key, vars).replace(/<\/?b>/g, '');

/** Waits until a sign-up step shows `label` ticked: the bot has edited the message. */
const ticked = (chat: WebChat, label: string) =>
  chat.waitFor((m) => (m.inlineKeyboard ?? []).flat().some((b) => b.text === `✅ ${label}`));

async function onboard(chat: WebChat, lang: Language, role?: 'applicant' | 'volunteer') {
  await chat.send('/start');
  await chat.waitFor(t(lang, 'language.choose'));
  await chat.press({ data: `v1:lang:set:${lang}` });
  await chat.press(t(lang, 'consent.agree'));
  if (role) await chat.press(t(lang, `role.${role}`));
}

describe('volunteer journey in the web chat', () => {
  it('request → sign-up → approval → publish → claim (address shown only then) → complete → thanks', async () => {
    const wei = new WebChat(localApp().baseUrl, WEI, { timeoutMs: 15_000 });
    const lucia = new WebChat(localApp().baseUrl, LUCIA, { timeoutMs: 15_000 });
    const olena = new WebChat(localApp().baseUrl, OLENA, { timeoutMs: 15_000 });
    const paperworkZh = t('zh', 'volunteering.type.paperwork');

    // Wei asks for help with the form.
    await onboard(wei, 'zh', 'applicant');
    await wei.send('/help_request');
    await wei.press(paperworkZh);
    await wei.waitFor(t('zh', 'help_request.township'));
    await wei.press('Riverside');
    await wei.waitFor(t('zh', 'help_request.name'));
    await wei.send('李梅');
    await wei.waitFor(t('zh', 'help_request.address'));
    await wei.send(ADDRESS);
    await wei.waitFor(t('zh', 'help_request.phone'));
    await wei.send('139 0000 1234');
    await wei.press(t('zh', 'help_request.button.send'));
    await wei.waitFor(t('zh', 'help_request.sent'));

    // Lucía signs up as a volunteer.
    await onboard(lucia, 'es', 'volunteer');
    await lucia.press(t('es', 'menu.button.volunteer'));
    await lucia.press({ data: 'v1:vol:lang:zh' });
    await ticked(lucia, '中文');
    await lucia.press(t('es', 'volunteering.button.next'));
    await lucia.waitFor(plain('es', 'volunteering.signup.skills'));
    await lucia.press(t('es', 'volunteering.type.paperwork'));
    await ticked(lucia, t('es', 'volunteering.type.paperwork'));
    await lucia.press(t('es', 'volunteering.button.next'));
    await lucia.waitFor(plain('es', 'volunteering.signup.township'));
    await lucia.press('Riverside');
    await lucia.waitFor(plain('es', 'volunteering.signup.availability'));
    await lucia.press(t('es', 'volunteering.availability.weekend'));
    await ticked(lucia, t('es', 'volunteering.availability.weekend'));
    await lucia.press(t('es', 'volunteering.button.next'));
    await lucia.waitFor(plain('es', 'volunteering.signup.max'));
    await lucia.press('2');
    await lucia.waitFor(t('es', 'volunteering.signup.saved_new'));

    // Olena approves her and publishes Wei's request; both hear of it in their language.
    await onboard(olena, 'uk');
    await olena.send('/volunteers');
    // Wait for the list: the consent notice has a ✅ button too.
    await olena.waitFor(plain('uk', 'coordination.volunteers.title'));
    await olena.press(/^✅ /);
    await lucia.waitFor(t('es', 'volunteering.approved'));
    await olena.send('/task_board');
    await olena.waitFor(plain('uk', 'coordination.board.title'));
    await olena.press(/^📣 /);
    await olena.press(t('uk', 'coordination.publish.hours_button', { hours: 2 }));
    await olena.waitFor(t('uk', 'coordination.publish.due', { id: 1 }));
    await olena.press(/2026|2027/);
    await olena.waitFor(/^📣 /);
    await wei.waitFor(t('zh', 'help_request.published', { type: paperworkZh }));

    // Lucía opens the task: no address until she claims it.
    await lucia.send('/tasks');
    await lucia.waitFor(plain('es', 'volunteering.tasks.title'));
    await lucia.press(/^#\d+ /);
    const card = await lucia.waitFor(plain('es', 'volunteering.status.open'));
    expect(card.text).not.toContain(ADDRESS);
    await lucia.press(t('es', 'volunteering.button.claim'));
    const claimed = await lucia.waitFor(ADDRESS);
    expect(claimed.text).toContain('139 0000 1234');
    await wei.waitFor(t('zh', 'help_request.claimed_named', { name: 'Lucía', type: paperworkZh }));

    // She completes it with a report and the hours; Wei is told and thanks her.
    await lucia.press(t('es', 'volunteering.button.complete'));
    await lucia.waitFor(t('es', 'volunteering.complete.report', { max: 1000 }));
    await lucia.send('Rellenamos el formulario juntos');
    await lucia.waitFor(t('es', 'volunteering.complete.hours'));
    await lucia.send('1,5');
    await lucia.waitFor(/✅ .*#\d+/);
    await wei.waitFor(t('zh', 'help_request.done', { type: paperworkZh }));
    await wei.press(t('zh', 'help_request.button.thanks'));
    await lucia.waitFor(t('es', 'volunteering.thanked', { type: t('es', 'volunteering.type.paperwork') }));

    // After completion her task list and history show no address.
    await lucia.send('/my_tasks');
    const mine = await lucia.waitFor(plain('es', 'volunteering.my.title'));
    expect(mine.text).toContain('1,5');
    expect(mine.text).not.toContain(ADDRESS);
  });
});
