// Who an announcement reaches. An audience is a group of people (everybody, applicants,
// recipients, volunteers, donors) or a township; as a code it travels in buttons and the audit
// trail (`all`, `recipients`, `t-riverside` …). Whatever the audience, people who blocked the bot
// or asked for no announcements are left out.

export const AUDIENCE_GROUPS = ['all', 'applicants', 'recipients', 'volunteers', 'donors'] as const;
export type AudienceGroup = (typeof AUDIENCE_GROUPS)[number];

export type AnnouncementAudience = { group: AudienceGroup } | { township: string };

const TOWNSHIP_PREFIX = 't-';
const TOWNSHIP_CODE = /^[a-z0-9_]{1,32}$/;

export function isAudienceGroup(value: unknown): value is AudienceGroup {
  return typeof value === 'string' && (AUDIENCE_GROUPS as readonly string[]).includes(value);
}

/** `{ township: 'old_town' }` → `t-old_town`; `{ group: 'donors' }` → `donors`. */
export function audienceCode(audience: AnnouncementAudience): string {
  return 'township' in audience ? TOWNSHIP_PREFIX + audience.township : audience.group;
}

/** The audience a code names, or null for anything else (a forged or outdated button). */
export function parseAudienceCode(code: string): AnnouncementAudience | null {
  if (isAudienceGroup(code)) return { group: code };
  if (code.startsWith(TOWNSHIP_PREFIX) && TOWNSHIP_CODE.test(code.slice(TOWNSHIP_PREFIX.length))) {
    return { township: code.slice(TOWNSHIP_PREFIX.length) };
  }
  return null;
}

/** People of a township: those with an application there, and the volunteers who work there. */
function townshipMembers(township: string) {
  return { OR: [{ applications: { some: { township } } }, { volunteerProfile: { township } }] };
}

/** The User filter of an audience: reachable people who did not opt out, then the audience's own condition. */
export function audienceWhere(audience: AnnouncementAudience) {
  const reachable = { active: true, announcementsOptOut: false };
  if ('township' in audience) return { ...reachable, ...townshipMembers(audience.township) };
  switch (audience.group) {
    case 'all':
      return reachable;
    case 'applicants':
      return { ...reachable, role: 'applicant' };
    case 'recipients':
      // Recipients are people whose application was approved, whatever role they chose since.
      return { ...reachable, applications: { some: { status: 'approved' } } };
    case 'volunteers':
      return { ...reachable, role: 'volunteer' };
    case 'donors':
      return { ...reachable, role: 'donor' };
  }
}
