// The applicant's updated answers waiting for their case's re-review, read off the case row.
import { readScreening } from '../applications/stored.js';
import type { Screening } from '../screening/index.js';

/** The pending update, for the review card; null when there is none (or it is unreadable). */
export function pendingUpdate(row: { id: number; reviewScreening: string | null; reviewUpdatedAt: Date | null }): { screening: Screening; at: Date } | null {
  if (!row.reviewScreening || !row.reviewUpdatedAt) return null;
  try {
    return { screening: readScreening(row.id, row.reviewScreening), at: row.reviewUpdatedAt };
  } catch {
    return null;
  }
}
