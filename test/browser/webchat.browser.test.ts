/**
 * The web chat page in headless Chromium against the local gateway and a tiny bot: what a
 * person sees and does. Needs /usr/bin/chromium (Debian: apt-get install -y chromium).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ARABIC_GREETING, startTestChannel, type TestChannel } from '../channels/local/test-bot.js';

/** Runs in the page (evaluate); declared here because the project compiles without the DOM lib. */
declare function getComputedStyle(element: unknown): { direction: string };

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`Skipping the web chat browser tests: ${CHROMIUM} not found (install it with apt-get install -y chromium).`);
}

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
/** Generous for a loaded 2-core machine; every wait returns as soon as the page is ready. */
const UI_TIMEOUT_MS = 5000;

describe.skipIf(!hasChromium)('the web chat page in a browser', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let channel: TestChannel;
  let pageErrors: string[];

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 15_000 });
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    channel = await startTestChannel();
    // A small phone screen.
    context = await browser.newContext({ viewport: { width: 390, height: 780 } });
    context.setDefaultTimeout(UI_TIMEOUT_MS);
    page = await context.newPage();
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // CSP violations and failed requests show up as console errors.
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(channel.gateway.url);
    await expect.poll(() => page.getByRole('button', { name: 'Applicant' }).getAttribute('aria-pressed')).toBe('true');
  });

  afterEach(async () => {
    await context?.close();
    await channel?.stop();
    expect(pageErrors).toEqual([]);
    expect(channel.handlerErrors).toEqual([]);
  });

  const botBubble = (text: string | RegExp) => page.locator('.bubble.bot', { hasText: text });

  async function send(text: string): Promise<void> {
    const input = page.getByLabel('Message', { exact: true });
    await input.fill(text);
    await input.press('Enter');
  }

  it('answers /start, and edits the message when an inline button is pressed from the keyboard', async () => {
    await expect.poll(() => page.locator('#empty').isVisible()).toBe(true);
    await send('/start');
    await botBubble('Welcome, Amina!').waitFor();
    expect(await botBubble('Welcome').locator('strong').textContent()).toBe('Amina');

    const apply = page.getByRole('button', { name: 'Apply' });
    await apply.focus();
    await page.keyboard.press('Enter');
    await botBubble('Your application has started ✅').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).waitFor();
    await expect.poll(() => page.locator('#toast').textContent()).toBe('Application started');
    expect(await page.locator('.bubble.bot').count()).toBe(1);
  });

  it('sends an attached file and shows the bot acknowledging it', async () => {
    const pdf = Buffer.from('%PDF-1.4 proof of income');
    await page.locator('#file').setInputFiles({ name: 'income.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.locator('.bubble.user a.document', { hasText: 'income.pdf' }).waitFor();
    await botBubble(`Got your document income.pdf (${pdf.length} bytes)`).waitFor();
  });

  it('keeps a separate chat per demo user, and the command menu follows their language', async () => {
    await send('/arabic');
    await botBubble(ARABIC_GREETING).waitFor();

    await page.getByRole('button', { name: 'Volunteer' }).click();
    await expect.poll(() => page.locator('#empty').isVisible()).toBe(true);
    expect(await page.locator('.bubble').count()).toBe(0);
    await send('hello');
    await botBubble('You said: hello').waitFor();

    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('menuitem', { name: '/help — What I can do' }).waitFor();
    await page.getByRole('menuitem', { name: /Send a sticker/ }).click();
    await botBubble("Sorry, I can't handle that kind of message yet.").waitFor();

    await page.getByRole('button', { name: 'Applicant' }).click();
    await botBubble(ARABIC_GREETING).waitFor();
    expect(await botBubble('You said').count()).toBe(0);
  });

  it('lays out Arabic bubbles right to left and English ones left to right', async () => {
    await send('/start');
    await botBubble('Welcome').waitFor();
    await send('/arabic');
    await botBubble(ARABIC_GREETING).waitFor();
    await send('/keyboard');
    await botBubble('Pick one').waitFor();
    await page.getByRole('group', { name: 'Suggested replies' }).getByRole('button', { name: 'Yes' }).click();
    await botBubble('You said: Yes').waitFor();

    const direction = (text: string) =>
      botBubble(text).evaluate((element) => getComputedStyle(element).direction);
    expect(await direction(ARABIC_GREETING)).toBe('rtl');
    expect(await direction('You said: Yes')).toBe('ltr');

    await send('/arabic');
    await expect.poll(() => botBubble(ARABIC_GREETING).count()).toBe(2);
    expect(await page.getByLabel('Message', { exact: true }).getAttribute('dir')).toBe('rtl');
    await page.screenshot({ path: '/tmp/webchat.png', fullPage: true });
  });
});
