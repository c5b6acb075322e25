// Donations in words: the funds with their progress bars, the pledge form's screens, a donor's
// pledges and instalments, the receipt (message and document), and the coordinators' lists.
import { InlineKeyboard } from 'grammy';
import {
  pick,
  percentOf,
  type FundStats,
  type FundView,
  type Frequency,
  type InstalmentView,
  type OpenInstalment,
  type Outcome,
  type PledgeView,
  type Receipt,
} from '../../domain/donations/index.js';
import { escapeHtml, formatDate, formatDateTime, formatMoney, formatNumber, isRtl, t, type Language, type Translate } from '../../i18n.js';
import { callbackData } from '../callback-data.js';
import type { PledgeDraft } from '../context.js';

export const FEATURE = 'pledge';
export const STAFF_FEATURE = 'don';

export interface Screen {
  text: string;
  keyboard?: InlineKeyboard;
}

// Values are escaped here where they come from people or data, so i18next must not escape again.
const RAW = { interpolation: { escapeValue: false } } as const;

export const fundName = (lang: Language, fund: FundView) => escapeHtml(pick(fund.names, lang));

/** A calendar date (YYYY-MM-DD) as people there write it; no time zone shift. */
export function day(lang: Language, date: string): string {
  const at = new Date(`${date}T12:00:00Z`);
  return Number.isNaN(at.getTime()) ? escapeHtml(date) : formatDate(lang, at, 'UTC');
}

/** Ten cells, one per 10% reached: ▓▓▓░░░░░░░ 34%. */
export function progressBar(lang: Language, totalMinor: number, targetMinor: number): string {
  const percent = percentOf(totalMinor, targetMinor);
  const full = Math.floor(percent / 10);
  return `${'▓'.repeat(full)}${'░'.repeat(10 - full)} ${formatNumber(lang, percent)}%`;
}

function outcomeLine(tr: Translate, lang: Language, outcome: Outcome): string {
  const programme = tr(`screening.programme.${outcome.programme}`);
  return 'count' in outcome
    ? tr('donations.funds.outcome', { number: formatNumber(lang, outcome.count), programme, ...RAW })
    : tr('donations.funds.outcome_few', { number: formatNumber(lang, outcome.fewerThan), programme, ...RAW });
}

/** /funds: every active fund, its total against its target, and what it paid for. */
export function fundsScreen(tr: Translate, lang: Language, funds: FundView[], outcomes: Map<string, Outcome>, stats?: FundStats[]): Screen {
  if (funds.length === 0 && !stats?.length) return { text: tr('donations.funds.none') };
  const lines = [tr('donations.funds.title')];
  for (const fund of funds) {
    lines.push('');
    lines.push(`<b>${fundName(lang, fund)}</b>`);
    const description = pick(fund.descriptions, lang);
    if (description) lines.push(escapeHtml(description));
    lines.push(progressBar(lang, fund.totalMinor, fund.targetMinor));
    lines.push(
      tr('donations.funds.raised', {
        total: formatMoney(lang, fund.totalMinor, fund.currency),
        target: formatMoney(lang, fund.targetMinor, fund.currency),
        ...RAW,
      }),
    );
    const outcome = outcomes.get(fund.code);
    if (outcome) lines.push(outcomeLine(tr, lang, outcome));
  }
  if (stats) {
    lines.push('', tr('donations.staff.progress_title'));
    for (const s of stats) {
      lines.push(
        tr('donations.staff.progress_line', {
          fund: fundName(lang, s.fund),
          code: s.fund.code,
          status: tr(`donations.fund_status.${s.fund.status}`),
          pledges: s.activePledges,
          awaiting: s.awaitingConfirmation,
          overdue: s.overdue,
          offline: formatMoney(lang, s.offlineMinor, s.fund.currency),
          ...RAW,
        }),
      );
    }
  }
  const keyboard = funds.length > 0 ? new InlineKeyboard().text(tr('donations.button.pledge'), callbackData(FEATURE, 'start')) : undefined;
  return { text: lines.join('\n'), ...(keyboard ? { keyboard } : {}) };
}

// --- The pledge form ---------------------------------------------------------------------------

export function chooseFundScreen(tr: Translate, lang: Language, funds: FundView[]): Screen {
  if (funds.length === 0) return { text: tr('donations.funds.none') };
  const keyboard = new InlineKeyboard();
  for (const fund of funds) keyboard.text(pick(fund.names, lang), callbackData(FEATURE, 'fund', fund.code)).row();
  keyboard.text(tr('donations.button.cancel'), callbackData(FEATURE, 'quit'));
  return { text: tr('donations.form.choose_fund'), keyboard };
}

export function amountPrompt(tr: Translate, lang: Language, fund: FundView): Screen {
  return {
    text: tr('donations.form.amount', { fund: fundName(lang, fund), example: formatMoney(lang, 50000, fund.currency), ...RAW }),
    keyboard: new InlineKeyboard().text(tr('donations.button.cancel'), callbackData(FEATURE, 'quit')),
  };
}

export function frequencyScreen(tr: Translate): Screen {
  const keyboard = new InlineKeyboard();
  for (const f of ['one_time', 'monthly', 'annual'] as const) keyboard.text(tr(`donations.frequency.${f}`), callbackData(FEATURE, 'freq', f)).row();
  keyboard.text(tr('donations.button.cancel'), callbackData(FEATURE, 'quit'));
  return { text: tr('donations.form.frequency'), keyboard };
}

export function startScreen(tr: Translate, lang: Language, today: string, nextMonth: string): Screen {
  return {
    text: tr('donations.form.start'),
    keyboard: new InlineKeyboard()
      .text(tr('donations.button.today', { date: day(lang, today), ...RAW }), callbackData(FEATURE, 'start_on', 'today'))
      .row()
      .text(tr('donations.button.next_month', { date: day(lang, nextMonth), ...RAW }), callbackData(FEATURE, 'start_on', 'next_month'))
      .row()
      .text(tr('donations.button.cancel'), callbackData(FEATURE, 'quit')),
  };
}

export function endScreen(tr: Translate): Screen {
  return {
    text: tr('donations.form.end'),
    keyboard: new InlineKeyboard()
      .text(tr('donations.button.no_end'), callbackData(FEATURE, 'end', 'none'))
      .row()
      .text(tr('donations.button.cancel'), callbackData(FEATURE, 'quit')),
  };
}

export function nameScreen(tr: Translate, firstName: string | null): Screen {
  return {
    text: tr('donations.form.name'),
    keyboard: new InlineKeyboard()
      .text(tr('donations.button.named', { name: escapeHtml(firstName ?? '—'), ...RAW }), callbackData(FEATURE, 'anon', 'no'))
      .row()
      .text(tr('donations.button.anonymous'), callbackData(FEATURE, 'anon', 'yes'))
      .row()
      .text(tr('donations.button.cancel'), callbackData(FEATURE, 'quit')),
  };
}

export function dedicationScreen(tr: Translate, max: number): Screen {
  return {
    text: tr('donations.form.dedication', { max }),
    keyboard: new InlineKeyboard()
      .text(tr('donations.button.skip'), callbackData(FEATURE, 'ded', 'skip'))
      .row()
      .text(tr('donations.button.cancel'), callbackData(FEATURE, 'quit')),
  };
}

function frequencyText(tr: Translate, frequency: Frequency): string {
  return tr(`donations.frequency.${frequency}`);
}

export function confirmScreen(tr: Translate, lang: Language, draft: Required<Pick<PledgeDraft, 'amountMinor' | 'frequency' | 'startDate'>> & PledgeDraft, fund: FundView, firstName: string | null): Screen {
  const lines = [
    tr('donations.form.summary'),
    tr('donations.field.fund', { value: fundName(lang, fund), ...RAW }),
    tr('donations.field.amount', { value: formatMoney(lang, draft.amountMinor, fund.currency), ...RAW }),
    tr('donations.field.frequency', { value: frequencyText(tr, draft.frequency), ...RAW }),
    tr('donations.field.start', { value: day(lang, draft.startDate), ...RAW }),
  ];
  if (draft.frequency !== 'one_time') {
    lines.push(tr('donations.field.end', { value: draft.endDate ? day(lang, draft.endDate) : tr('donations.no_end'), ...RAW }));
  }
  lines.push(tr('donations.field.name', { value: draft.anonymous ? tr('donations.anonymous') : escapeHtml(firstName ?? '—'), ...RAW }));
  if (draft.dedication) lines.push(tr('donations.field.dedication', { value: escapeHtml(draft.dedication), ...RAW }));
  return {
    text: lines.join('\n'),
    keyboard: new InlineKeyboard()
      .text(tr('donations.button.confirm'), callbackData(FEATURE, 'ok'))
      .row()
      .text(tr('donations.button.cancel'), callbackData(FEATURE, 'quit')),
  };
}

// --- A donor's pledges -----------------------------------------------------------------------

/** The earliest instalment still to pay, or the next one to come when all are paid. */
function nextDue(pledge: PledgeView): string | null {
  return pledge.instalments.filter((i) => i.status === 'pending').map((i) => i.dueDate).sort()[0] ?? pledge.nextDueDate;
}

function instalmentLine(tr: Translate, lang: Language, pledge: PledgeView, i: InstalmentView): string {
  return tr('donations.mine.instalment', {
    date: day(lang, i.dueDate),
    amount: formatMoney(lang, i.amountMinor, pledge.currency),
    status: tr(`donations.instalment_status.${i.status}`),
    ...RAW,
  });
}

/** /my_pledges: one line per pledge with a button to open it. */
export function myPledgesScreen(tr: Translate, lang: Language, pledges: PledgeView[]): Screen {
  if (pledges.length === 0) {
    return { text: tr('donations.mine.none'), keyboard: new InlineKeyboard().text(tr('donations.button.pledge'), callbackData(FEATURE, 'start')) };
  }
  const lines = [tr('donations.mine.title')];
  const keyboard = new InlineKeyboard();
  for (const p of pledges) {
    lines.push(
      tr('donations.mine.line', {
        reference: p.reference,
        fund: fundName(lang, p.fund),
        amount: formatMoney(lang, p.amountMinor, p.currency),
        frequency: frequencyText(tr, p.frequency),
        status: tr(`donations.pledge_status.${p.status}`),
        ...RAW,
      }),
    );
    keyboard.text(p.reference, callbackData(FEATURE, 'show', p.id)).row();
  }
  return { text: lines.join('\n'), keyboard };
}

/** One pledge: its terms, its instalments (the history), and what the donor can do now. */
export function pledgeScreen(tr: Translate, lang: Language, pledge: PledgeView): Screen {
  const lines = [
    tr('donations.mine.card_title', { reference: pledge.reference, status: tr(`donations.pledge_status.${pledge.status}`), ...RAW }),
    tr('donations.field.fund', { value: fundName(lang, pledge.fund), ...RAW }),
    tr('donations.field.amount', { value: formatMoney(lang, pledge.amountMinor, pledge.currency), ...RAW }),
    tr('donations.field.frequency', { value: frequencyText(tr, pledge.frequency), ...RAW }),
    tr('donations.field.start', { value: day(lang, pledge.startDate), ...RAW }),
  ];
  if (pledge.endDate) lines.push(tr('donations.field.end', { value: day(lang, pledge.endDate), ...RAW }));
  lines.push(tr('donations.field.name', { value: pledge.anonymous ? tr('donations.anonymous') : tr('donations.named'), ...RAW }));
  if (pledge.dedication) lines.push(tr('donations.field.dedication', { value: escapeHtml(pledge.dedication), ...RAW }));
  const next = nextDue(pledge);
  if (next && pledge.status === 'active') lines.push(tr('donations.mine.next', { date: day(lang, next), ...RAW }));
  if (pledge.instalments.length > 0) {
    lines.push('', tr('donations.mine.history'));
    for (const i of pledge.instalments.slice(0, 12)) lines.push(instalmentLine(tr, lang, pledge, i));
  }

  const keyboard = new InlineKeyboard();
  for (const i of pledge.instalments) {
    if (i.status === 'pending' || i.status === 'overdue') {
      keyboard.text(tr('donations.button.paid', { date: day(lang, i.dueDate), ...RAW }), callbackData(FEATURE, 'paid', i.id)).row();
    } else if (i.status === 'confirmed') {
      keyboard.text(tr('donations.button.receipt', { date: day(lang, i.dueDate), ...RAW }), callbackData(FEATURE, 'receipt', i.id)).row();
    }
  }
  if (pledge.status === 'active' && pledge.frequency !== 'one_time') keyboard.text(tr('donations.button.pause'), callbackData(FEATURE, 'pause', pledge.id));
  if (pledge.status === 'paused') keyboard.text(tr('donations.button.resume'), callbackData(FEATURE, 'resume', pledge.id));
  if (pledge.status === 'active' || pledge.status === 'paused') {
    keyboard.text(tr('donations.button.change_amount'), callbackData(FEATURE, 'amount', pledge.id)).row();
    keyboard.text(tr('donations.button.cancel_pledge'), callbackData(FEATURE, 'stop', pledge.id));
  }
  return { text: lines.join('\n'), keyboard };
}

export function cancelPledgeScreen(tr: Translate, pledge: PledgeView): Screen {
  return {
    text: tr('donations.mine.cancel_question', { reference: pledge.reference, ...RAW }),
    keyboard: new InlineKeyboard()
      .text(tr('donations.button.cancel_yes'), callbackData(FEATURE, 'stop_yes', pledge.id))
      .row()
      .text(tr('donations.button.keep'), callbackData(FEATURE, 'show', pledge.id)),
  };
}

// --- Receipts --------------------------------------------------------------------------------

function receiptFields(lang: Language, receipt: Receipt, timeZone: string): { label: string; value: string }[] {
  const tr = (key: string) => t(lang, `donations.receipt.field.${key}`);
  const fields = [
    { label: tr('number'), value: escapeHtml(receipt.receiptNumber) },
    { label: tr('pledge'), value: escapeHtml(receipt.pledgeReference) },
    { label: tr('fund'), value: fundName(lang, receipt.fund) },
    { label: tr('amount'), value: formatMoney(lang, receipt.amountMinor, receipt.currency) },
    { label: tr('due'), value: day(lang, receipt.dueDate) },
    { label: tr('received'), value: formatDateTime(lang, receipt.confirmedAt, timeZone) },
    { label: tr('donor'), value: receipt.donorName ? escapeHtml(receipt.donorName) : t(lang, 'donations.anonymous') },
  ];
  if (receipt.dedication) fields.push({ label: tr('dedication'), value: escapeHtml(receipt.dedication) });
  return fields;
}

/** The chat message that comes with the receipt document. */
export function receiptMessage(lang: Language, receipt: Receipt, timeZone: string): string {
  const lines = [t(lang, 'donations.receipt.message', { fund: fundName(lang, receipt.fund), ...RAW })];
  for (const f of receiptFields(lang, receipt, timeZone)) lines.push(`${f.label}: ${f.value}`);
  return lines.join('\n');
}

/** The downloadable receipt: a small self-contained HTML page, printable, right-to-left in Arabic. */
export function receiptDocument(lang: Language, receipt: Receipt, timeZone: string): { filename: string; content: Buffer } {
  const rows = receiptFields(lang, receipt, timeZone)
    .map((f) => `<tr><th>${f.label}</th><td>${f.value}</td></tr>`)
    .join('\n');
  const html = `<!doctype html>
<html lang="${lang}" dir="${isRtl(lang) ? 'rtl' : 'ltr'}">
<head><meta charset="utf-8"><title>${t(lang, 'donations.receipt.title')} ${escapeHtml(receipt.receiptNumber)}</title>
<style>body{font-family:sans-serif;max-width:40em;margin:2em auto}th{text-align:start;padding-inline-end:1em}td,th{padding:.3em 0}</style></head>
<body>
<h1>${t(lang, 'donations.receipt.title')}</h1>
<table>
${rows}
</table>
<p>${t(lang, 'donations.receipt.thanks')}</p>
</body>
</html>
`;
  return { filename: `receipt-${receipt.receiptNumber}.html`, content: Buffer.from(html, 'utf8') };
}

// --- Coordinators ----------------------------------------------------------------------------

function openLine(tr: Translate, lang: Language, item: OpenInstalment): string {
  return tr('donations.staff.line', {
    reference: item.pledgeReference,
    fund: fundName(lang, item.fund),
    amount: formatMoney(lang, item.instalment.amountMinor, item.currency),
    date: day(lang, item.instalment.dueDate),
    donor: item.donorName ? escapeHtml(item.donorName) : tr('donations.anonymous'),
    ...RAW,
  });
}

/** Payments donors reported, each with a Confirm button. */
export function toConfirmScreen(tr: Translate, lang: Language, items: OpenInstalment[]): Screen {
  if (items.length === 0) return { text: tr('donations.staff.none_to_confirm') };
  const lines = [tr('donations.staff.to_confirm_title')];
  const keyboard = new InlineKeyboard();
  for (const item of items) {
    const paidRef = item.instalment.paymentReference ? ` — ${escapeHtml(item.instalment.paymentReference)}` : '';
    lines.push(openLine(tr, lang, item) + paidRef);
    keyboard.text(tr('donations.button.confirm_payment', { reference: item.pledgeReference, ...RAW }), callbackData(STAFF_FEATURE, 'confirm', item.instalment.id)).row();
  }
  return { text: lines.join('\n'), keyboard };
}

export function overdueScreen(tr: Translate, lang: Language, items: OpenInstalment[]): Screen {
  if (items.length === 0) return { text: tr('donations.staff.none_overdue') };
  const lines = [tr('donations.staff.overdue_title')];
  const keyboard = new InlineKeyboard();
  for (const item of items) {
    lines.push(openLine(tr, lang, item));
    keyboard.text(tr('donations.button.confirm_payment', { reference: item.pledgeReference, ...RAW }), callbackData(STAFF_FEATURE, 'confirm', item.instalment.id)).row();
  }
  return { text: lines.join('\n'), keyboard };
}
