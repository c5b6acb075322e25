import { describe, expect, it } from 'vitest';
import {
  currentQuestion,
  isComplete,
  reviewItems,
  startQuestionnaire,
  toHousehold,
} from '../../../src/domain/questionnaire/index.js';
import { answerAll, asked, expectValidHousehold, inputsOf, ONE_MEMBER, THREE_MEMBERS } from './support.js';

describe('a one-member household', () => {

  it('asks the questions in order and builds the household', () => {
    let state = startQuestionnaire();
    ONE_MEMBER.forEach(([question, input], index) => {
      expect(asked(state)).toBe(question);
      expect(currentQuestion(state)?.progress.step).toBe(index + 1);
      expect(isComplete(state)).toBe(false);
      expect(toHousehold(state)).toBeNull();
      state = answerAll(state, [input]);
    });
    expect(asked(state)).toBe('review');
    expect(isComplete(state)).toBe(true);
    const household = toHousehold(state);
    expect(household).toEqual({
      area: 'rural',
      residency: 'newcomer',
      members: [{ age: 70, monthlyIncome: 300, disability: 'moderate', seriousIllness: true, student: false, canWork: false }],
      monthlyExpenses: { medical: 250.5 },
      savings: 1000,
      hasSupporter: false,
      housingCondition: 'dangerous',
      recentHardship: 'illness',
    });
    expectValidHousehold(household);
  });

  it('lists the answers for the review, money in minor units, without the "another member?" control', () => {
    const state = answerAll(startQuestionnaire(), inputsOf(ONE_MEMBER));
    expect(reviewItems(state)).toEqual([
      { id: 'area', value: 'rural' },
      { id: 'residency', value: 'newcomer' },
      { id: 'age', memberIndex: 0, value: 70 },
      { id: 'monthlyIncome', memberIndex: 0, value: 300_00 },
      { id: 'disability', memberIndex: 0, value: 'moderate' },
      { id: 'seriousIllness', memberIndex: 0, value: true },
      { id: 'medicalExpenses', value: 250_50 },
      { id: 'savings', value: 1000_00 },
      { id: 'hasSupporter', value: false },
      { id: 'housingCondition', value: 'dangerous' },
      { id: 'recentHardship', value: 'illness' },
    ]);
  });
});

describe('a three-member household', () => {

  it('loops over the members, skipping questions that cannot apply', () => {
    let state = startQuestionnaire();
    for (const [question, input] of THREE_MEMBERS) {
      expect(asked(state)).toBe(question);
      state = answerAll(state, [input]);
    }
    expect(asked(state)).toBe('review');
    const household = toHousehold(state);
    expect(household).toEqual({
      area: 'urban',
      residency: 'local',
      members: [
        { age: 42, monthlyIncome: 1800, disability: 'none', seriousIllness: false, student: false, canWork: true },
        { age: 19, monthlyIncome: 0, disability: 'none', seriousIllness: false, student: true, canWork: true },
        { age: 9, monthlyIncome: 0, disability: 'severe', seriousIllness: true, student: true, canWork: false },
      ],
      monthlyExpenses: { medical: 600 },
      savings: 2000,
      // Members can work: not asked, and the default claims nothing.
      hasSupporter: true,
      housingCondition: 'safe',
      recentHardship: 'none',
    });
    expectValidHousehold(household);
  });

  it('estimates the total from the members known so far', () => {
    const inputs = inputsOf(THREE_MEMBERS);
    const atSecondMember = answerAll(startQuestionnaire(), inputs.slice(0, 8));
    const atClosing = answerAll(startQuestionnaire(), inputs.slice(0, 21));
    expect(currentQuestion(atSecondMember)?.progress).toEqual({ step: 9, total: 17 });
    expect(currentQuestion(atClosing)?.progress).toEqual({ step: 22, total: 25 });
  });
});

describe('the member limit', () => {
  it('stops asking "another member?" at twelve members', () => {
    const member = ['30', '0', 'no', 'none', 'no'];
    let state = answerAll(startQuestionnaire(), ['urban', 'local']);
    for (let index = 0; index < 11; index++) state = answerAll(state, [...member, 'yes']);
    state = answerAll(state, member);
    expect(asked(state)).toBe('medicalExpenses');
    state = answerAll(state, ['0', '0', 'no', 'safe', 'none']);
    expect(toHousehold(state)?.members).toHaveLength(12);
  });
});
