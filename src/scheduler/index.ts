// The scheduler as the application starts it: a node-cron tick that claims due reminders and
// sends them through the bot's API (src/app.ts starts it after the bot and stops it first).
import { ReminderScheduler, type SchedulerOptions } from './scheduler.js';

export { systemClock, type Clock } from './clock.js';
export {
  DEFAULT_SCHEDULER_SETTINGS,
  ReminderScheduler,
  classifySendError,
  type BatchStats,
  type ReminderSender,
  type SchedulerOptions,
  type SchedulerSettings,
  type SchedulerTuning,
  type Sweep,
  type TickReport,
} from './scheduler.js';

export function startScheduler(options: SchedulerOptions & { tickSeconds: number }): ReminderScheduler {
  const scheduler = new ReminderScheduler(options);
  scheduler.start(options.tickSeconds);
  options.logger.info({ tickSeconds: options.tickSeconds, instance: scheduler.instanceId }, 'reminder scheduler started');
  return scheduler;
}
