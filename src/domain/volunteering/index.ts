// Volunteering: sign-up and approval (volunteers.ts), tasks and claims (tasks.ts), the stale-claim
// sweep (stale.ts), pairing (pairing.ts), export and erasure (privacy.ts).
export * from './codes.js';
export * from './volunteers.js';
export * from './tasks.js';
export * from './stale.js';
export * from './pairing.js';
export * from './privacy.js';
