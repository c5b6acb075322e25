// Callback data is short, versioned and validated: `v1:<feature>:<action>[:<argument>]`.
// It only says what the person pressed; handlers re-check who they are before acting on it.
const VERSION = 'v1';

export function callbackData(feature: string, action: string, argument?: string | number): string {
  const data = [VERSION, feature, action, ...(argument === undefined ? [] : [String(argument)])].join(':');
  // Telegram rejects callback data over 64 bytes; fail loudly in development, not at a user.
  if (Buffer.byteLength(data) > 64) throw new Error(`callback data too long: ${feature}:${action}`);
  return data;
}

/** Matches `v1:<feature>:<action>` with an optional argument of safe characters in group 1. */
export function callbackPattern(feature: string, action: string): RegExp {
  return new RegExp(`^${VERSION}:${feature}:${action}(?::([A-Za-z0-9_-]{1,40}))?$`);
}
