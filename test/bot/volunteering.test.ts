// Volunteering in the chat: an applicant (Chinese) asks for help with the form, a volunteer
// (Spanish) signs up, is approved, claims the task, sees the household's address only then, gives
// it back, claims it again and completes it; the applicant is told at each step and thanks them.
// Forged buttons for somebody else's task are refused and change nothing; simultaneous taps of
// several volunteers give the task to exactly one. Assertions are on data and callback data.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t, type Language } from '../../src/i18n.js';
import { createHarness, type Harness } from '../helpers/bot-harness.js';

const STAFF = 900; // admin by configuration: coordinates volunteers
const APPLICANT = 720; // writes in Chinese
const VOLUNTEER = 730; // writes in Spanish
const OTHER = 731;
const CONTACT = { name: '李梅', address: '柳树巷12号3室', phone: '+86 139 0000 1234' };

let h: Harness;
beforeEach(async () => {
  h = await createHarness({ adminTelegramIds: [STAFF] });
});
afterEach(async () => {
  await h.close();
});

const personId = async (telegramId: number) => (await h.db.user.findUniqueOrThrow({ where: { telegramId: BigInt(telegramId) } })).id;
const textsTo = (chatId: number) => h.sentMessages(chatId).map((m) => m.text);
const everything = (chatId: number) => JSON.stringify(h.calls.filter((c) => c.payload.chat_id === chatId));
const lastButtons = (chatId: number) => h.lastMessage(chatId).buttons.map((b) => b.callback_data);

async function applicantAsksForHelp(): Promise<number> {
  await h.onboard(APPLICANT, 'zh', 'applicant');
  await h.send(APPLICANT, '/help_request');
  await h.press(APPLICANT, { data: 'v1:hreq:type:paperwork' });
  await h.press(APPLICANT, { data: 'v1:hreq:town:riverside' });
  await h.send(APPLICANT, CONTACT.name);
  await h.send(APPLICANT, CONTACT.address);
  await h.send(APPLICANT, 'none'); // not a phone number: asked again
  expect(h.lastMessage(APPLICANT).text).toBe(t('zh', 'help_request.bad_phone'));
  await h.send(APPLICANT, CONTACT.phone);
  expect(h.lastMessage(APPLICANT).text).toContain(CONTACT.address);
  await h.press(APPLICANT, { data: 'v1:hreq:send' });
  const task = await h.db.volunteerTask.findFirstOrThrow({ include: { contact: true } });
  expect(task).toMatchObject({ status: 'requested', type: 'paperwork', township: 'riverside', language: 'zh' });
  expect(task.contact).toMatchObject(CONTACT);
  // The details left the session once sent.
  expect(JSON.stringify(await h.db.session.findMany())).not.toContain(CONTACT.address);
  return task.id;
}

/** The coordinator publishes a request: about 2 hours, due in 7 days. */
async function publish(taskId: number) {
  await h.press(STAFF, { data: `v1:coord:publish:${taskId}` });
  await h.press(STAFF, { data: `v1:coord:pube:${taskId}-2` });
  await h.press(STAFF, { data: `v1:coord:pubd:${taskId}-2-7` });
}

async function volunteerSignsUp(id: number, lang: Language) {
  await h.onboard(id, lang, 'volunteer');
  await h.send(id, '/volunteer');
  await h.press(id, { data: 'v1:vol:lang:zh' }); // the chat language is ticked already
  await h.press(id, { data: 'v1:vol:next' });
  await h.press(id, { data: 'v1:vol:next' }); // no skill yet: refused, still on the step
  await h.press(id, { data: 'v1:vol:skill:paperwork' });
  await h.press(id, { data: 'v1:vol:next' });
  // A restart in the middle of the sign-up resumes where it stopped (the session is in the db).
  h.restart();
  await h.press(id, { data: 'v1:vol:town:riverside' });
  await h.press(id, { data: 'v1:vol:avail:weekend' });
  await h.press(id, { data: 'v1:vol:next' });
  await h.press(id, { data: 'v1:vol:max:2' });
}

describe('volunteering in the chat', () => {
  it('sign-up → approval → claim (address shown only then) → give back → claim → complete; the applicant is told at each step', async () => {
    const taskId = await applicantAsksForHelp();
    await volunteerSignsUp(VOLUNTEER, 'es');
    const volunteerId = await personId(VOLUNTEER);
    expect(await h.db.volunteerProfile.findUniqueOrThrow({ where: { personId: volunteerId } })).toMatchObject({
      languages: 'zh,es',
      skills: 'paperwork',
      township: 'riverside',
      availability: 'weekend',
      maxActiveTasks: 2,
      status: 'pending',
    });
    await h.send(VOLUNTEER, '/tasks');
    expect(h.lastMessage(VOLUNTEER).text).toBe(t('es', 'volunteering.refused.not_approved'));

    // The coordinator approves the volunteer and publishes the request.
    await h.onboard(STAFF, 'en');
    await h.send(STAFF, '/volunteers');
    expect(lastButtons(STAFF)).toContain(`v1:coord:approve:${volunteerId}`);
    await h.press(STAFF, { data: `v1:coord:approve:${volunteerId}` });
    expect(h.lastMessage(VOLUNTEER).text).toBe(t('es', 'volunteering.approved'));
    await h.send(STAFF, '/task_board');
    expect(lastButtons(STAFF)).toContain(`v1:coord:publish:${taskId}`);
    await publish(taskId);
    const published = await h.db.volunteerTask.findUniqueOrThrow({ where: { id: taskId } });
    expect(published).toMatchObject({ status: 'open', effortHours: 2 });
    expect(Math.round((published.dueDate!.getTime() - Date.now()) / 86_400_000)).toBe(7);
    expect(h.lastMessage(APPLICANT).text).toBe(t('zh', 'help_request.published', { type: t('zh', 'volunteering.type.paperwork') }));

    // The volunteer finds it among the tasks that match, opens it: no contact yet.
    await h.send(VOLUNTEER, '/tasks');
    expect(lastButtons(VOLUNTEER)).toContain(`v1:vol:card:${taskId}`);
    await h.press(VOLUNTEER, { data: `v1:vol:card:${taskId}` });
    expect(lastButtons(VOLUNTEER)).toContain(`v1:vol:claim:${taskId}`);
    expect(everything(VOLUNTEER)).not.toContain(CONTACT.address);

    // Claim: the card now shows the household; the applicant hears of it in Chinese.
    await h.press(VOLUNTEER, { data: `v1:vol:claim:${taskId}` });
    const card = h.lastMessage(VOLUNTEER);
    expect(card.text).toContain(CONTACT.address);
    expect(card.text).toContain(CONTACT.phone);
    expect(card.buttons.map((b) => b.callback_data)).toEqual(expect.arrayContaining([`v1:vol:done:${taskId}`, `v1:vol:unclaim:${taskId}`, `v1:vol:checkin:${taskId}`]));
    const claimed = h.lastMessage(APPLICANT);
    expect(claimed.text).toBe(t('zh', 'help_request.claimed_named', { name: 'Test', type: t('zh', 'volunteering.type.paperwork') }));
    expect(claimed.buttons.map((b) => b.callback_data)).toEqual([`v1:hreq:problem:${taskId}`]);

    // Give it back: the card no longer shows the household.
    await h.press(VOLUNTEER, { data: `v1:vol:unclaim:${taskId}` });
    expect((await h.db.volunteerTask.findUniqueOrThrow({ where: { id: taskId } })).status).toBe('open');
    await h.press(VOLUNTEER, { data: `v1:vol:card:${taskId}` });
    expect(h.lastMessage(VOLUNTEER).text).not.toContain(CONTACT.address);

    // Claim again and complete with a report and the hours ("1,5" as a Spanish speaker writes it).
    await h.press(VOLUNTEER, { data: `v1:vol:claim:${taskId}` });
    await h.press(VOLUNTEER, { data: `v1:vol:done:${taskId}` });
    await h.send(VOLUNTEER, 'Rellenamos el formulario juntos');
    await h.send(VOLUNTEER, 'mucho');
    expect(h.lastMessage(VOLUNTEER).text).toBe(t('es', 'volunteering.complete.bad_hours', { max: 100 }));
    await h.send(VOLUNTEER, '1,5');
    expect(await h.db.volunteerTask.findUniqueOrThrow({ where: { id: taskId } })).toMatchObject({
      status: 'done',
      completedById: volunteerId,
      minutesSpent: 90,
      claimantId: null,
    });
    const done = h.lastMessage(APPLICANT);
    expect(done.text).toBe(t('zh', 'help_request.done', { type: t('zh', 'volunteering.type.paperwork') }));
    expect(done.buttons.map((b) => b.callback_data)).toEqual([`v1:hreq:thanks:${taskId}`, `v1:hreq:problem:${taskId}`]);

    // After completion the volunteer cannot open the task any more (its contact is out of reach).
    h.clearCalls();
    await h.press(VOLUNTEER, { data: `v1:vol:card:${taskId}` });
    expect(everything(VOLUNTEER)).not.toContain(CONTACT.address);
    expect(h.callsTo('answerCallbackQuery').at(-1)?.payload.show_alert).toBe(true);

    // The applicant thanks the volunteer, who hears it in Spanish; a second tap changes nothing.
    await h.press(APPLICANT, { data: `v1:hreq:thanks:${taskId}` });
    expect(h.lastMessage(VOLUNTEER).text).toBe(t('es', 'volunteering.thanked', { type: t('es', 'volunteering.type.paperwork') }));
    await h.press(APPLICANT, { data: `v1:hreq:problem:${taskId}` });
    expect((await h.db.volunteerTask.findUniqueOrThrow({ where: { id: taskId } })).feedback).toBe('thanks');

    // /my_tasks: the hours.
    await h.send(VOLUNTEER, '/my_tasks');
    expect(h.lastMessage(VOLUNTEER).text).toContain(t('es', 'volunteering.my.hours', { tasks: 1, hours: '1,5', year: '1,5' }));
  });

  it("refuses forged buttons for another volunteer's task and never shows them the household", async () => {
    const taskId = await applicantAsksForHelp();
    await h.onboard(STAFF, 'en');
    for (const id of [VOLUNTEER, OTHER]) {
      await volunteerSignsUp(id, 'es');
      await h.press(STAFF, { data: `v1:coord:approve:${await personId(id)}` });
    }
    await publish(taskId);
    await h.press(VOLUNTEER, { data: `v1:vol:claim:${taskId}` });
    const before = await h.db.volunteerTask.findUniqueOrThrow({ where: { id: taskId } });

    h.clearCalls();
    for (const action of ['card', 'claim', 'unclaim', 'checkin', 'done']) await h.press(OTHER, { data: `v1:vol:${action}:${taskId}` });
    await h.press(OTHER, { data: `v1:hreq:thanks:${taskId}` });
    await h.press(OTHER, { data: `v1:hreq:problem:${taskId}` });
    // Staff buttons from somebody who is not staff, and garbage ids.
    await h.press(OTHER, { data: `v1:coord:publish:${taskId}` });
    await h.press(OTHER, { data: `v1:coord:pubd:${taskId}-2-7` });
    await h.press(OTHER, { data: `v1:coord:approve:${await personId(OTHER)}` });
    await h.press(OTHER, { data: 'v1:vol:claim:99999999' });
    await h.press(OTHER, { data: 'v1:vol:card:abc' });

    expect(await h.db.volunteerTask.findUniqueOrThrow({ where: { id: taskId } })).toEqual(before);
    expect(everything(OTHER)).not.toContain(CONTACT.address);
    expect(everything(OTHER)).not.toContain(CONTACT.phone);
    // Only short refusals on the buttons themselves: no message, no card.
    expect(h.sentMessages(OTHER)).toEqual([]);
    // A forged Done started no completion: the next text is not taken as a report.
    expect((await h.db.session.findMany()).map((s) => s.value).join()).not.toContain('completing');
    expect(await h.db.volunteerTask.count({ where: { feedback: { not: null } } })).toBe(0);
  });

  it('gives the task to exactly one of several volunteers tapping Claim at the same moment', async () => {
    const taskId = await applicantAsksForHelp();
    await h.onboard(STAFF, 'en');
    const volunteers = [740, 741, 742, 743, 744];
    for (const id of volunteers) {
      await volunteerSignsUp(id, 'en');
      await h.press(STAFF, { data: `v1:coord:approve:${await personId(id)}` });
    }
    await publish(taskId);
    h.clearCalls();
    await Promise.all(volunteers.map((id) => h.press(id, { data: `v1:vol:claim:${taskId}` })));
    const row = await h.db.volunteerTask.findUniqueOrThrow({ where: { id: taskId } });
    expect(row.status).toBe('claimed');
    const answers = h.callsTo('answerCallbackQuery').map((c) => String(c.payload.text));
    expect(answers.filter((a) => a === t('en', 'volunteering.claim.ok'))).toHaveLength(1);
    expect(answers.filter((a) => a === t('en', 'volunteering.claim.taken'))).toHaveLength(4);
    // Only the winner was shown the household.
    const shown = volunteers.filter((id) => everything(id).includes(CONTACT.address));
    expect(shown).toHaveLength(1);
    expect(await personId(shown[0]!)).toBe(row.claimantId);
    expect(textsTo(APPLICANT).filter((text) => text.startsWith('🤝'))).toHaveLength(1);
  });

  it('pairs a volunteer with a household; the volunteer logs contacts; the coordinator ends it', async () => {
    await h.onboard(STAFF, 'en');
    await volunteerSignsUp(VOLUNTEER, 'es');
    const volunteerId = await personId(VOLUNTEER);
    await h.press(STAFF, { data: `v1:coord:approve:${volunteerId}` });
    await h.onboard(APPLICANT, 'zh', 'applicant');
    const household = await personId(APPLICANT);
    await h.db.application.create({
      data: { reference: 'SN-2026-000777', personId: household, status: 'submitted', household: '{}', screening: '{}', area: 'urban', submittedAt: new Date() },
    });

    await h.send(STAFF, '/pair 12');
    expect(h.lastMessage(STAFF).text).toBe(t('en', 'coordination.pair.usage'));
    await h.send(STAFF, `/pair ${volunteerId} sn-2026-000777`);
    expect(lastButtons(STAFF)).toContain(`v1:coord:pair:${volunteerId}-SN-2026-000777-weekly`);
    await h.press(STAFF, { data: `v1:coord:pair:${volunteerId}-SN-2026-000777-weekly` });
    const pairing = await h.db.pairing.findFirstOrThrow();
    expect(pairing).toMatchObject({ volunteerId, householdId: household, frequency: 'weekly', status: 'active' });
    expect(h.lastMessage(VOLUNTEER).text).toBe(t('es', 'coordination.pair.volunteer_told', { frequency: t('es', 'volunteering.frequency.weekly') }));

    // Somebody else cannot log a contact or end the pairing.
    await h.onboard(OTHER, 'en', 'volunteer');
    await h.press(OTHER, { data: `v1:vol:contact:${pairing.id}` });
    await h.press(OTHER, { data: `v1:coord:unpair:${pairing.id}` });
    expect(await h.db.pairingCheckIn.count()).toBe(0);

    await h.send(VOLUNTEER, '/my_tasks');
    expect(lastButtons(VOLUNTEER)).toContain(`v1:vol:contact:${pairing.id}`);
    await h.press(VOLUNTEER, { data: `v1:vol:contact:${pairing.id}` });
    expect(await h.db.pairingCheckIn.count({ where: { pairingId: pairing.id } })).toBe(1);

    await h.send(STAFF, '/pairings');
    expect(lastButtons(STAFF)).toEqual([`v1:coord:unpair:${pairing.id}`]);
    await h.press(STAFF, { data: `v1:coord:unpair:${pairing.id}` });
    expect((await h.db.pairing.findUniqueOrThrow({ where: { id: pairing.id } })).status).toBe('ended');
    expect(await h.db.reminder.count({ where: { kind: 'pairing_checkin', status: 'pending' } })).toBe(0);
  });
});
