import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/bot-harness.js';

const ID = 777;
let h: Harness;

/** Yusuf, an applicant in English: his name must not outlive /delete_me. */
const onboard = () => h.onboard(ID, 'en', 'applicant', { firstName: 'Yusuf' });

beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

describe('privacy rights', () => {
  it('/privacy says nothing is stored before consent, and lists what is stored after', async () => {
    await h.send(ID, '/privacy');
    expect(h.lastMessage(ID).text).toContain('store nothing');
    await onboard();
    await h.send(ID, '/privacy');
    const text = h.lastMessage(ID).text;
    expect(text).toContain(String(ID));
    expect(text).toContain('looking for help');
  });

  it('/export_me sends a JSON file with the person and their activity', async () => {
    await onboard();
    await h.send(ID, '/export_me');
    const upload = h.callsTo('sendDocument').at(-1)!.payload;
    const raw = String(upload.multipart);
    expect(raw).toContain('safety-net-my-data.json');
    expect(raw).toContain(`"telegramId": ${ID}`);
    expect(raw).toContain('person.role_chosen');
  });

  it('/delete_me asks first, then erases the person and the session but keeps anonymous audit events', async () => {
    await onboard();
    await h.send(ID, '/delete_me');
    await h.press(ID, { data: 'v1:delete:no' });
    expect(await h.db.user.count()).toBe(1);

    await h.send(ID, '/delete_me');
    await h.press(ID, { data: 'v1:delete:yes' });
    expect(await h.db.user.count()).toBe(0);
    expect(await h.db.session.findUnique({ where: { key: String(ID) } })).toBeNull();
    const events = await h.db.auditEvent.findMany();
    expect(events.map((e) => e.action)).toEqual(['person.consented', 'person.role_chosen', 'person.erased']);
    for (const e of events) {
      expect(e.actorId).toBeNull();
      expect(e.subjectId).toBeNull();
      expect(e.details).not.toContain('Yusuf');
    }
    expect(h.lastMessage(ID).text).toMatch(/2 record/);
  });

  it('a stale delete button pressed after erasure does nothing harmful', async () => {
    await onboard();
    await h.send(ID, '/delete_me');
    await h.press(ID, { data: 'v1:delete:yes' });
    await h.press(ID, { data: 'v1:delete:yes' });
    expect(h.lastMessage(ID).text).toContain('store nothing');
  });
});
