import { describe, expect, it } from 'vitest';
import { answer, currentQuestion, startQuestionnaire, type AnswerError } from '../../../src/domain/questionnaire/index.js';
import { answerAll, asked, inputsOf, THREE_MEMBERS } from './support.js';

/** The state asking `question` in the three-member walk. */
function stateAsking(question: string) {
  const inputs = inputsOf(THREE_MEMBERS);
  const index = THREE_MEMBERS.findIndex(([asked]) => asked === question);
  const state = answerAll(startQuestionnaire(), inputs.slice(0, index));
  expect(asked(state)).toBe(question);
  return state;
}

describe('invalid answers', () => {
  it.each<[string, string, AnswerError]>([
    ['area', 'city', 'choice.unknown_option'],
    ['area', '', 'choice.unknown_option'],
    ['area', 'urban rural', 'choice.unknown_option'],
    ['residency', 'yes', 'choice.unknown_option'],
    ['age#0', '', 'whole_number.empty'],
    ['age#0', 'forty', 'whole_number.not_a_number'],
    ['age#0', '42.5', 'whole_number.not_whole'],
    ['age#0', '-1', 'whole_number.too_small'],
    ['age#0', '121', 'whole_number.too_large'],
    ['monthlyIncome#0', ' ', 'money.empty'],
    ['monthlyIncome#0', 'a lot', 'money.not_a_number'],
    ['monthlyIncome#0', '−200', 'money.negative'],
    ['monthlyIncome#0', '1 200,505', 'money.too_many_decimals'],
    ['monthlyIncome#0', '20000000', 'money.too_large'],
    ['canWork#0', 'maybe', 'yes_no.unknown_option'],
    ['canWork#0', 'true', 'yes_no.unknown_option'],
    ['disability#0', 'yes', 'choice.unknown_option'],
    ['anotherMember#0', '2', 'yes_no.unknown_option'],
    ['savings', '1e6', 'money.not_a_number'],
  ])('at %s, %j is refused with %s and the state is kept', (question, input, error) => {
    const state = stateAsking(question);
    const snapshot = structuredClone(state);
    expect(answer(state, input)).toEqual({ ok: false, error });
    expect(state).toEqual(snapshot);
    expect(asked(state)).toBe(question);
  });

  it('refuses answers at the review', () => {
    const done = answerAll(startQuestionnaire(), inputsOf(THREE_MEMBERS));
    expect(answer(done, 'urban')).toEqual({ ok: false, error: 'review.no_question' });
  });
});

describe('accepted forms', () => {
  it.each([
    ['area', ' Urban ', 'urban'],
    ['area', 'ＲＵＲＡＬ', 'rural'],
    ['residency', 'NEWCOMER', 'newcomer'],
  ])('at %s, %j is the option %s', (question, input, stored) => {
    const result = answer(stateAsking(question), input);
    expect(result.ok && result.state.answers).toMatchObject({ [question]: stored });
  });

  it.each([
    ['Yes', true],
    ['ｎｏ', false],
  ])('yes/no %j is stored as %s', (input, stored) => {
    const result = answer(stateAsking('canWork#0'), input);
    expect(result.ok && result.state.members[0]?.canWork).toBe(stored);
  });

  it('stores money in minor units, whatever the script', () => {
    for (const [input, minor] of [
      ['١٬٢٠٠٫٥٠', 1200_50],
      ['１２００元', 1200_00],
      ['1 200,5', 1200_50],
    ] as const) {
      const result = answer(stateAsking('monthlyIncome#0'), input);
      expect(result.ok && result.state.members[0]?.monthlyIncome).toBe(minor);
    }
  });

  it('describes the question for the bot: type, options, limits', () => {
    const area = currentQuestion(startQuestionnaire());
    expect(area?.question).toMatchObject({ id: 'area', type: 'choice', scope: 'household', options: ['urban', 'rural'] });
    expect(currentQuestion(stateAsking('age#0'))?.question).toMatchObject({
      type: 'whole_number',
      scope: 'member',
      validation: { min: 0, max: 120 },
    });
    expect(currentQuestion(stateAsking('canWork#0'))?.question).toMatchObject({ type: 'yes_no', options: ['yes', 'no'] });
  });
});
