/** What a person came for; chosen after consent and changeable at any time. */
export const PERSON_ROLES = ['applicant', 'volunteer', 'donor'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** Civil-affairs staff. Granted by an admin (or ADMIN_TELEGRAM_IDS), never chosen. */
export const STAFF_ROLES = ['caseworker', 'coordinator', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export function isPersonRole(value: unknown): value is PersonRole {
  return typeof value === 'string' && (PERSON_ROLES as readonly string[]).includes(value);
}

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}
