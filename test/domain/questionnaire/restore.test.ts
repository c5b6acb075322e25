import { describe, expect, it } from 'vitest';
import { editAnswer, restoreQuestionnaire, startQuestionnaire } from '../../../src/domain/questionnaire/index.js';
import { answerAll, asked, inputsOf, THREE_MEMBERS } from './support.js';

const throughJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('restoreQuestionnaire', () => {
  it('restores every state of a walk, through JSON, exactly', () => {
    let state = startQuestionnaire();
    expect(restoreQuestionnaire(throughJson(state))).toEqual(state);
    for (const input of inputsOf(THREE_MEMBERS)) {
      state = answerAll(state, [input]);
      expect(restoreQuestionnaire(throughJson(state))).toEqual(state);
    }
    const editing = editAnswer(state, 'age', 1);
    expect(restoreQuestionnaire(throughJson(editing))).toEqual(editing);
  });

  const valid = throughJson(answerAll(startQuestionnaire(), inputsOf(THREE_MEMBERS).slice(0, 10))) as Record<string, unknown>;
  const withMember = (member: Record<string, unknown>) => ({ ...valid, members: [member] });

  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['a string', JSON.stringify(valid)],
    ['an array', [valid]],
    ['an empty object', {}],
    ['another version', { ...valid, version: 2 }],
    ['no version', { ...valid, version: undefined }],
    ['an unknown field', { ...valid, extra: true }],
    ['no members', { ...valid, members: [] }],
    ['thirteen members', { ...valid, members: Array.from({ length: 13 }, () => ({})) }],
    ['an unknown area', { ...valid, answers: { area: 'suburban' } }],
    ['an unknown answer', { ...valid, answers: { income: 5 } }],
    ['negative money', { ...valid, answers: { savings: -1 } }],
    ['fractional minor units', { ...valid, answers: { savings: 1.5 } }],
    ['money as text', { ...valid, answers: { savings: '100' } }],
    ['an impossible age', withMember({ age: 500 })],
    ['a yes/no as text', withMember({ seriousIllness: 'yes' })],
    ['"another member?" stored as yes', { ...valid, answers: { anotherMember: true } }],
    ['an unknown position', { ...valid, position: { kind: 'household', id: 'income' } }],
    ['an inherited name as position', { ...valid, position: { kind: 'household', id: '__proto__' } }],
    ['a negative member index', { ...valid, position: { kind: 'member', id: 'age', memberIndex: -1 } }],
    ['a position of the wrong kind', { ...valid, position: { kind: 'question' } }],
    ['a damaged history', { ...valid, history: [null] }],
    ['a damaged edit', { ...valid, editing: 'age' }],
  ])('refuses %s', (_what, json) => {
    expect(restoreQuestionnaire(json)).toBeNull();
  });

  it('drops answers that no longer apply and moves to a question that does', () => {
    const restored = restoreQuestionnaire({
      version: 1,
      answers: { area: 'urban', residency: 'local' },
      // An older rule asked a 70-year-old "can work?"; the position points at a member that is gone.
      members: [{ age: 70, canWork: true }],
      position: { kind: 'member', id: 'age', memberIndex: 4 },
      history: [{ kind: 'member', id: 'canWork', memberIndex: 0 }],
    });
    expect(restored?.members).toEqual([{ age: 70 }]);
    expect(restored?.history).toEqual([]);
    expect(restored && asked(restored)).toBe('monthlyIncome#0');
  });

  it('does not trust a review position while answers are missing', () => {
    const restored = restoreQuestionnaire({ ...valid, position: { kind: 'review' } });
    expect(restored && asked(restored)).toBe('canWork#1');
  });
});
