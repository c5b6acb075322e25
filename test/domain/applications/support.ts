// Households the application tests share, and their screenings on a fixed date.
import type { QuestionnaireHousehold, QuestionnaireMember } from '../../../src/domain/questionnaire/index.js';
import { evaluate, type Screening } from '../../../src/domain/screening/index.js';

export const SCREENING_DATE = '2026-01-15';

export const member = (overrides: Partial<QuestionnaireMember> = {}): QuestionnaireMember => ({
  age: 35,
  monthlyIncome: 0,
  disability: 'none',
  seriousIllness: false,
  student: false,
  canWork: true,
  ...overrides,
});

export const household = (overrides: Partial<QuestionnaireHousehold> = {}): QuestionnaireHousehold => ({
  area: 'urban',
  residency: 'local',
  members: [member()],
  monthlyExpenses: { medical: 0 },
  savings: 0,
  hasSupporter: true,
  housingCondition: 'safe',
  recentHardship: 'none',
  ...overrides,
});

/** A 35-year-old living alone on 300 a month (urban standard: 400). */
export const singleAdult = household({ members: [member({ monthlyIncome: 300 })] });

/** A working parent, a 17-year-old student, a 9-year-old pupil and a grandmother with a severe disability. */
export const family = household({
  members: [
    member({ age: 45, monthlyIncome: 600 }),
    member({ age: 17, student: true, canWork: false }),
    member({ age: 9, student: true, canWork: false }),
    member({ age: 72, disability: 'severe', canWork: false }),
  ],
});

/** Newcomers in a rural area: a 30-year-old mother with a moderate disability and her 4-year-old. */
export const newcomers = household({
  area: 'rural',
  residency: 'newcomer',
  members: [member({ age: 30, monthlyIncome: 150, disability: 'moderate' }), member({ age: 4, canWork: false })],
});

/** Seriously ill, with medical bills, in dangerous housing after a disaster. */
export const hardship = household({
  area: 'rural',
  members: [member({ age: 58, monthlyIncome: 250, seriousIllness: true, canWork: false })],
  monthlyExpenses: { medical: 120 },
  housingCondition: 'dangerous',
  recentHardship: 'disaster',
});

/** Well above every line: eligible for nothing. */
export const wellOff = household({ members: [member({ monthlyIncome: 20_000 })], savings: 500_000 });

export const screen = (h: QuestionnaireHousehold): Screening => evaluate(h, SCREENING_DATE);
