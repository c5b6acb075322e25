// The people a visitor can be in the local web chat. The caseworker is an admin in local mode
// (config.ts adds LOCAL_DEMO_ADMIN_ID to the admins).
import { LOCAL_DEMO_ADMIN_ID } from '../config.js';
import type { DemoUser } from './local/gateway.js';

export const LOCAL_BOT_INFO = { id: 1_000_000, first_name: 'Safety Net', username: 'safety_net_local_bot' };

export const DEMO_USERS: DemoUser[] = [
  // Telegram sends the app's language; these show the first guess at work.
  { id: 1001, firstName: 'Amina', languageCode: 'ar', label: 'Applicant' },
  { id: 1002, firstName: 'Wei', languageCode: 'zh', label: 'Volunteer' },
  { id: 1003, firstName: 'Lucía', languageCode: 'es', label: 'Donor' },
  { id: LOCAL_DEMO_ADMIN_ID, firstName: 'Olena', languageCode: 'uk', label: 'Caseworker' },
];
