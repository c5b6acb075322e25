// Sections of the statistics that other parts of the programme own: donations (funds pledged and
// received) and volunteering (active volunteers). Each is a provider that counts from its own
// tables; a provider that cannot count reports "not available", never a made-up zero (tests
// plug in their own). The statistics, the chat and the CLI show whatever a provider returns.
import type { Db } from '../../db/index.js';

/** A section a provider may not be able to give (yet). */
export type Section<T> = { available: true; value: T } | { available: false };

export interface MoneyTotal {
  currency: string;
  amountMinor: number;
}

export interface FundsFigures {
  /** Pledged in all, per currency. */
  pledged: MoneyTotal[];
  /** Received in all, per currency. */
  received: MoneyTotal[];
}

export interface VolunteerFigures {
  /** Volunteers active now (approved, not on a break); null in the public summary below 5. */
  active: number | null;
}

export interface StatisticsScope {
  /** Only this township (code); undefined: the whole district. */
  township?: string;
}

export interface StatisticsProviders {
  funds(db: Db, scope: StatisticsScope): Promise<Section<FundsFigures>>;
  volunteers(db: Db, scope: StatisticsScope): Promise<Section<VolunteerFigures>>;
}


function addTo(totals: Map<string, number>, currency: string, amountMinor: number): void {
  totals.set(currency, (totals.get(currency) ?? 0) + amountMinor);
}

const asList = (totals: Map<string, number>): MoneyTotal[] =>
  [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amountMinor]) => ({ currency, amountMinor }));

/**
 * Donations, district-wide (funds are not tied to a township): pledged is every instalment due so
 * far and not cancelled; received is what the funds' totals say (confirmed instalments and
 * offline donations).
 */
async function fundsFigures(db: Db): Promise<Section<FundsFigures>> {
  const pledged = new Map<string, number>();
  const instalments = await db.pledgeInstalment.findMany({
    where: { status: { not: 'cancelled' } },
    select: { amountMinor: true, pledge: { select: { currency: true } } },
  });
  for (const i of instalments) addTo(pledged, i.pledge.currency, i.amountMinor);
  const received = new Map<string, number>();
  for (const f of await db.fund.findMany({ select: { currency: true, totalMinor: true } })) addTo(received, f.currency, f.totalMinor);
  return { available: true, value: { pledged: asList(pledged), received: asList(received) } };
}

export const DEFAULT_PROVIDERS: StatisticsProviders = {
  // Issue 7 (donors): pledges and receipts per currency.
  funds: fundsFigures,
  // Volunteers approved and not on a break, of the township when scoped.
  volunteers: async (db, scope) => ({
    available: true,
    value: {
      active: await db.volunteerProfile.count({
        where: { status: 'approved', paused: false, ...(scope.township ? { township: scope.township } : {}) },
      }),
    },
  }),
};
