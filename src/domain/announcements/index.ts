// Announcements: staff → many people through the reminder queue; each person may opt out.
export * from './announcements.js';
export { AUDIENCE_GROUPS, audienceCode, parseAudienceCode, type AnnouncementAudience, type AudienceGroup } from '../reminders/audience.js';
