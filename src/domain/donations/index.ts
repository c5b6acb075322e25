// Donations: named funds, donors' pledges with their instalments, coordinators' confirmations.
export * from './access.js';
export * from './coordination.js';
export * from './funds.js';
export * from './pledges.js';
export * from './schedule.js';
export * from './settings.js';
