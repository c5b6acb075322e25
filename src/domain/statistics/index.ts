// Statistics: exact figures for staff, a protected public summary for everybody, CSV of both.
export * from './providers.js';
export * from './statistics.js';
export * from './transparency.js';
export * from './csv.js';
