// Random sessions, valid and invalid answers mixed with Back, edits, removals and restores: the
// questionnaire must never throw, must always be either asking a question or at a review with a
// valid household, and must always finish once the person answers sensibly. Seeded: a failure
// names its seed and replays.
import { describe, expect, it } from 'vitest';
import {
  answer,
  currentQuestion,
  editAnswer,
  goBack,
  isComplete,
  removeMember,
  restoreQuestionnaire,
  reviewItems,
  startQuestionnaire,
  toHousehold,
  type Question,
  type QuestionnaireState,
} from '../../../src/domain/questionnaire/index.js';
import { householdShape } from './support.js';

type Random = () => number;

function seeded(seed: number): Random {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const integer = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

const ANY_INPUT = [
  '', ' ', 'yes', 'no', 'YES', 'maybe', 'urban', 'rural', 'local', 'newcomer', 'none', 'moderate',
  'severe', 'safe', 'dangerous', 'illness', 'disaster', 'accident', 'other', '0', '5', '15', '16',
  '20', '25', '26', '64', '65', '70', '120', '121', '-5', '−5', '1,200.50', '١٢٠٠', '１２００',
  '1e9', 'NaN', 'Infinity', '99999999999', '12.3456', 'abc', '__proto__', 'constructor', '\u0000', '💰',
];

function sensibleInput(random: Random, question: Question): string {
  switch (question.type) {
    case 'choice':
    case 'yes_no':
      return pick(random, question.options);
    case 'money':
      return String(integer(random, 0, 5000));
    case 'whole_number':
      return String(integer(random, question.validation.min, question.validation.max));
  }
}

function expectConsistent(state: QuestionnaireState): void {
  const current = currentQuestion(state);
  if (current === null) {
    expect(isComplete(state)).toBe(true);
    expect(householdShape.safeParse(toHousehold(state)).success).toBe(true);
  } else {
    expect(current.progress.step).toBeGreaterThanOrEqual(1);
    expect(current.progress.step).toBeLessThanOrEqual(current.progress.total);
  }
}

function step(random: Random, state: QuestionnaireState): QuestionnaireState {
  const roll = random();
  const current = currentQuestion(state);
  if (roll < 0.45 || (roll < 0.7 && current)) {
    const input = roll < 0.45 ? pick(random, ANY_INPUT) : sensibleInput(random, current!.question);
    const result = answer(state, input);
    if (result.ok) return result.state;
    expect(result.error).toMatch(/^(choice|yes_no|money|whole_number|review)\.[a-z_]+$/);
    return state;
  }
  if (roll < 0.82) return goBack(state);
  if (roll < 0.9) {
    const items = reviewItems(state);
    if (items.length === 0 || random() < 0.2) return editAnswer(state, pick(random, ['age', 'area', 'x']), integer(random, -1, 3));
    const item = pick(random, items);
    return editAnswer(state, item.id, item.memberIndex);
  }
  if (roll < 0.95) return removeMember(state, integer(random, -1, state.members.length));
  const restored = restoreQuestionnaire(JSON.parse(JSON.stringify(state)));
  expect(restored).toEqual(state);
  return restored!;
}

/** Answers sensibly until the review; "another member?" mostly no, so it ends. */
function finish(random: Random, state: QuestionnaireState): QuestionnaireState {
  for (let guard = 0; guard < 500; guard++) {
    const current = currentQuestion(state);
    if (!current) return state;
    const input = current.question.id === 'anotherMember' && random() < 0.8 ? 'no' : sensibleInput(random, current.question);
    const result = answer(state, input);
    if (!result.ok) throw new Error(`sensible input ${input} refused: ${result.error}`);
    state = result.state;
  }
  throw new Error('the questionnaire did not finish');
}

describe('random sessions', () => {
  it('never throw, stay consistent and finish with a valid household (500 seeded runs)', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const random = seeded(seed);
      let state = startQuestionnaire();
      try {
        const steps = integer(random, 0, 150);
        for (let index = 0; index < steps; index++) {
          state = step(random, state);
          expectConsistent(state);
        }
        state = finish(random, state);
        expect(householdShape.safeParse(toHousehold(state)).success).toBe(true);
      } catch (error) {
        throw new Error(`seed ${seed}: ${String(error)}\nstate: ${JSON.stringify(state)}`);
      }
    }
  });
});
