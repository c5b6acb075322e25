// Reminders: the case calendar. Other features schedule and cancel through reminders.ts; the
// scheduler sends through queue.ts; time.ts knows time zones and quiet hours.
export * from './kinds.js';
export {
  ReminderInputError,
  cancelReminders,
  cancelRemindersInTx,
  respondToReminder,
  scheduleAnnouncement,
  scheduleReminder,
  scheduleReminderInTx,
  upcomingReminders,
  type AnnouncementInput,
  type CancelInput,
  type RespondResult,
  type ScheduleReminderInput,
  type Scheduled,
  type UpcomingReminder,
} from './reminders.js';
export { DEFAULT_QUIET_HOURS, parseQuietHours, type QuietHours } from './time.js';
