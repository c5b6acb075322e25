// Inline keyboards of the first conversation and the role menus.
import { InlineKeyboard } from 'grammy';
import type { PersonRole } from '../../domain/people/roles.js';
import { LANGUAGE_NAMES, SUPPORTED_LANGUAGES, type Language, type Translate } from '../../i18n.js';
import { callbackData } from '../callback-data.js';

/** The guessed (or current) language comes first and is ticked, the rest follow two a row. */
export function languageKeyboard(current: Language): InlineKeyboard {
  const ordered = [current, ...SUPPORTED_LANGUAGES.filter((l) => l !== current)];
  const keyboard = new InlineKeyboard();
  ordered.forEach((lang, i) => {
    const label = lang === current ? `✓ ${LANGUAGE_NAMES[lang]}` : LANGUAGE_NAMES[lang];
    keyboard.text(label, callbackData('lang', 'set', lang));
    if (i % 2 === 0) keyboard.row();
  });
  return keyboard;
}

export function consentKeyboard(t: Translate): InlineKeyboard {
  return new InlineKeyboard()
    .text(t('consent.agree'), callbackData('consent', 'yes'))
    .row()
    .text(t('consent.decline'), callbackData('consent', 'no'));
}

export function roleKeyboard(t: Translate): InlineKeyboard {
  return new InlineKeyboard()
    .text(t('role.applicant'), callbackData('role', 'set', 'applicant'))
    .row()
    .text(t('role.volunteer'), callbackData('role', 'set', 'volunteer'))
    .row()
    .text(t('role.donor'), callbackData('role', 'set', 'donor'));
}

/** Every role's menu; features add their own buttons here as they land. */
export function roleMenuKeyboard(t: Translate, role: PersonRole): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (role === 'applicant') keyboard.text(t('menu.button.check'), callbackData('menu', 'check')).row();
  if (role === 'donor') keyboard.text(t('donations.button.pledge'), callbackData('pledge', 'start')).row();
  if (role === 'volunteer') {
    keyboard.text(t('menu.button.volunteer'), callbackData('vol', 'profile')).row();
    keyboard.text(t('menu.button.tasks'), callbackData('vol', 'tasks')).text(t('menu.button.my_tasks'), callbackData('vol', 'mine')).row();
  }
  return keyboard
    .text(t('menu.button.language'), callbackData('menu', 'language'))
    .text(t('menu.button.privacy'), callbackData('menu', 'privacy'))
    .row()
    .text(t('menu.button.role'), callbackData('menu', 'role'));
}
