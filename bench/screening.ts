// `npx tsx bench/run.ts screening [--seconds N]`: evaluations per second of evaluate() on a varied
// set of four-member households, after a warm-up, with the target beside the figure. Two runs:
// every screening on the same day (how the chat and the CLI use it) and alternating days
// (the standard lookup redone on each call).
import { evaluate, type Household, type Member } from '../src/domain/screening/index.js';

const TARGET_PER_SECOND = 100_000;
const HOUSEHOLDS = 512;
const WARM_UP_SECONDS = 1;

export default async function screeningBenchmark(args: string[]): Promise<void> {
  const secondsArg = args.indexOf('--seconds');
  const seconds = secondsArg >= 0 ? Number(args[secondsArg + 1]) : 3;
  if (!(seconds > 0)) throw new Error('usage: npx tsx bench/run.ts screening [--seconds N]');

  const households = variedHouseholds(HOUSEHOLDS);
  measure(households, ['2009-01-01'], WARM_UP_SECONDS);
  const sameDay = measure(households, ['2009-01-01'], seconds);
  const alternating = measure(households, ['2008-06-30', '2009-01-01'], seconds);

  console.log(
    `screening: evaluate() on ${HOUSEHOLDS} varied 4-member households, ` +
      `${seconds}s each after ${WARM_UP_SECONDS}s warm-up`,
  );
  report('same day', sameDay.perSecond);
  report('alternating days', alternating.perSecond);
  console.log(`  (checksum ${sameDay.checksum + alternating.checksum})`);
}

function report(label: string, perSecond: number): void {
  const verdict = perSecond >= TARGET_PER_SECOND ? 'meets' : 'BELOW';
  console.log(
    `  ${label.padEnd(17)} ${Math.round(perSecond).toLocaleString('en').padStart(10)} evaluations/s` +
      `   target ≥ ${TARGET_PER_SECOND.toLocaleString('en')}/s (${verdict})`,
  );
}

/** Runs whole batches until `seconds` have passed; the checksum keeps the work observable. */
function measure(households: readonly Household[], dates: readonly string[], seconds: number) {
  const batch = households.length;
  let evaluations = 0;
  let checksum = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < batch; i++) {
      const screening = evaluate(households[i] as Household, dates[i % dates.length] as string);
      checksum += screening.results[0]?.monthlyAmountMinor ?? 0;
    }
    evaluations += batch;
  }
  const elapsed = (performance.now() - start) / 1000;
  return { perSecond: evaluations / elapsed, checksum };
}

/** Deterministic mix: both areas, incomes below, around and far above the lines, every flag. */
function variedHouseholds(count: number): Household[] {
  let seed = 20080701;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(options: readonly T[]): T => options[Math.floor(next() * options.length)] as T;
  const ageBetween = (from: number, to: number) => from + Math.floor(next() * (to - from));
  const member = (age: number): Member => ({
    age,
    monthlyIncome: Math.round(next() * pick([0, 300, 800, 3000])),
    disability: pick(['none', 'none', 'moderate', 'severe'] as const),
    seriousIllness: next() < 0.15,
    student: age < 23 && next() < 0.8,
    canWork: age >= 16 && age < 60 && next() < 0.8,
  });
  return Array.from({ length: count }, () => ({
    area: pick(['urban', 'rural'] as const),
    members: [ageBetween(25, 75), ageBetween(20, 80), ageBetween(0, 20), ageBetween(60, 90)].map(member),
    monthlyExpenses: { medical: Math.round(next() * pick([0, 100, 600])) },
    savings: Math.round(next() * pick([0, 5000, 50000])),
    hasSupporter: next() < 0.7,
    housingCondition: pick(['safe', 'safe', 'dangerous'] as const),
    recentHardship: pick(['none', 'none', 'illness', 'disaster', 'accident', 'other'] as const),
    residency: pick(['local', 'newcomer'] as const),
  }));
}
