// Announcements in words: the wizard's screens (draft, translation language, audience, preview)
// and the confirmation a person gets when they stop or resume announcements.
import { InlineKeyboard } from 'grammy';
import { AUDIENCE_GROUPS, audienceCode, parseAudienceCode, type AnnouncementAudience } from '../../domain/announcements/index.js';
import { townshipName, type Township } from '../../domain/places/townships.js';
import { escapeHtml, LANGUAGE_NAMES, SUPPORTED_LANGUAGES, type Language, type Translate } from '../../i18n.js';
import { callbackData } from '../callback-data.js';
import type { Screen } from './questionnaire.js';
import { renderReminder } from './reminders.js';

export const FEATURE = 'ann';

/** The wizard kept in the session (database), so a restart resumes it. */
export interface AnnounceSession {
  /** The announcement's key (made when the draft starts): sending twice sends once. */
  key: string;
  /** The language the text is written in: the staff member's at the start. */
  language: Language;
  /** What the next text message is: the announcement, a translation, or nothing (buttons only). */
  step: 'text' | 'translation' | 'buttons';
  text?: string;
  translations: Partial<Record<Language, string>>;
  /** Step `translation`: the language being written. */
  translating?: Language;
  /** The audience chosen, as a code (see parseAudienceCode). */
  audience?: string;
}

const isLanguageCode = (value: unknown): value is Language => typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);

/** The session's draft when it is well-formed, else undefined (old or corrupt state is dropped). */
export function readAnnounceSession(value: unknown): AnnounceSession | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const s = value as Partial<AnnounceSession>;
  if (typeof s.key !== 'string' || !isLanguageCode(s.language) || !['text', 'translation', 'buttons'].includes(s.step ?? '')) return undefined;
  if (s.text !== undefined && typeof s.text !== 'string') return undefined;
  if (!s.translations || typeof s.translations !== 'object') return undefined;
  if (!Object.entries(s.translations).every(([lang, text]) => isLanguageCode(lang) && typeof text === 'string')) return undefined;
  if (s.step === 'translation' && !isLanguageCode(s.translating)) return undefined;
  if (s.audience !== undefined && (typeof s.audience !== 'string' || !parseAudienceCode(s.audience))) return undefined;
  return s as AnnounceSession;
}

export function audienceName(t: Translate, townships: readonly Township[], audience: AnnouncementAudience): string {
  if ('township' in audience) return t('announce.audience.township', { name: escapeHtml(townshipName(townships, audience.township)), interpolation: { escapeValue: false } });
  return t(`announce.audience.${audience.group}`);
}

export function writeTextScreen(t: Translate, max: number): Screen {
  return { text: t('announce.write', { max }), keyboard: new InlineKeyboard().text(t('announce.button.cancel'), callbackData(FEATURE, 'cancel')) };
}

export function draftScreen(t: Translate, draft: AnnounceSession): Screen {
  const translations = Object.keys(draft.translations).filter(isLanguageCode);
  const text = [
    t('announce.draft.title'),
    t('announce.draft.written_in', { language: LANGUAGE_NAMES[draft.language] }),
    t('announce.draft.translations', {
      languages: translations.length > 0 ? translations.map((l) => LANGUAGE_NAMES[l]).join(', ') : t('announce.draft.no_translations'),
    }),
    '',
    escapeHtml(draft.text ?? ''),
  ].join('\n');
  const keyboard = new InlineKeyboard()
    .text(t('announce.button.add_translation'), callbackData(FEATURE, 'tr'))
    .row()
    .text(t('announce.button.audience'), callbackData(FEATURE, 'aud'))
    .row()
    .text(t('announce.button.cancel'), callbackData(FEATURE, 'cancel'));
  return { text, keyboard };
}

export function translationLanguageScreen(t: Translate, draft: AnnounceSession): Screen {
  const keyboard = new InlineKeyboard();
  for (const lang of SUPPORTED_LANGUAGES.filter((l) => l !== draft.language)) {
    const mark = draft.translations[lang] !== undefined ? '✓ ' : '';
    keyboard.text(mark + LANGUAGE_NAMES[lang], callbackData(FEATURE, 'trl', lang)).row();
  }
  keyboard.text(t('announce.button.back'), callbackData(FEATURE, 'edit'));
  return { text: t('announce.translation.choose'), keyboard };
}

export function audienceScreen(t: Translate, townships: readonly Township[]): Screen {
  const keyboard = new InlineKeyboard();
  for (const group of AUDIENCE_GROUPS) keyboard.text(t(`announce.audience.${group}`), callbackData(FEATURE, 'to', group)).row();
  townships.forEach((township, i) => {
    keyboard.text(audienceName(t, townships, { township: township.code }), callbackData(FEATURE, 'to', audienceCode({ township: township.code })));
    if (i % 2 === 1) keyboard.row();
  });
  if (townships.length % 2 === 1) keyboard.row();
  keyboard.text(t('announce.button.back'), callbackData(FEATURE, 'edit'));
  return { text: t('announce.audience.choose'), keyboard };
}

/** The message a person reading `lang` will get, exactly as the scheduler renders it. */
export function previewMessage(t: Translate, lang: Language, count: number, draft: AnnounceSession): string {
  const text = draft.translations[lang] ?? draft.text ?? '';
  const message = renderReminder(lang, { id: 0, kind: 'announcement', payload: { text } }, { timeZone: 'UTC' });
  return `${t('announce.preview.as_received', { language: LANGUAGE_NAMES[lang], count })}\n\n${message.text}`;
}

export function previewSummary(
  t: Translate,
  townships: readonly Township[],
  audience: AnnouncementAudience,
  recipients: number,
  byLanguage: { language: string; count: number }[],
): Screen {
  const lines = [t('announce.preview.title'), t('announce.preview.audience', { audience: audienceName(t, townships, audience) })];
  lines.push(recipients === 0 ? t('announce.preview.nobody') : t('announce.preview.recipients', { count: recipients }));
  for (const { language, count } of byLanguage) {
    lines.push(`• ${isLanguageCode(language) ? LANGUAGE_NAMES[language] : escapeHtml(language)}: ${count}`);
  }
  const keyboard = new InlineKeyboard();
  if (recipients > 0) keyboard.text(t('announce.button.send', { count: recipients }), callbackData(FEATURE, 'send')).row();
  keyboard
    .text(t('announce.button.change_audience'), callbackData(FEATURE, 'aud'))
    .text(t('announce.button.edit'), callbackData(FEATURE, 'edit'))
    .row()
    .text(t('announce.button.cancel'), callbackData(FEATURE, 'cancel'));
  return { text: lines.join('\n'), keyboard };
}

/** Under an announcement a person received: stop them. */
export function stopButton(t: Translate): InlineKeyboard {
  return new InlineKeyboard().text(t('announce.button.stop'), callbackData(FEATURE, 'off'));
}

/** After /announcements or a stop/resume: the state, and the button that changes it. */
export function optOutScreen(t: Translate, optedOut: boolean): Screen {
  return {
    text: t(optedOut ? 'announce.optout.stopped' : 'announce.optout.receiving'),
    keyboard: new InlineKeyboard().text(
      t(optedOut ? 'announce.button.resume' : 'announce.button.stop'),
      callbackData(FEATURE, optedOut ? 'on' : 'off'),
    ),
  };
}
