import { describe, expect, it } from 'vitest';
import {
  answer,
  currentQuestion,
  editAnswer,
  goBack,
  removeMember,
  startQuestionnaire,
  toHousehold,
  type QuestionnaireState,
} from '../../../src/domain/questionnaire/index.js';
import { answerAll, asked, expectValidHousehold, inputsOf, ONE_MEMBER, THREE_MEMBERS } from './support.js';

/** The state after each answer of the script, starting with the fresh state. */
function statesOf(inputs: readonly string[]): QuestionnaireState[] {
  const states = [startQuestionnaire()];
  for (const input of inputs) states.push(answerAll(states[states.length - 1]!, [input]));
  return states;
}

describe('goBack', () => {
  it('stays at the first question', () => {
    const start = startQuestionnaire();
    expect(goBack(start)).toEqual(start);
  });

  describe.each([
    ['one member', ONE_MEMBER],
    ['three members', THREE_MEMBERS],
  ])('at every step of the %s walk', (_name, script) => {
    const states = statesOf(inputsOf(script));

    it.each(script.map(([question, input], index) => [index + 1, question, input] as const))(
      'after answer %i, returns to %s with its answer, and answering again restores the state',
      (step, question, input) => {
        const back = goBack(states[step]!);
        expect(asked(back)).toBe(question);
        expect(currentQuestion(back)?.currentAnswer).toBeDefined();
        expect(answerAll(back, [input])).toEqual(states[step]);
      },
    );
  });

  it('walks back across the member loop, to the previous member and to the opening questions', () => {
    const atSecondAge = answerAll(startQuestionnaire(), inputsOf(THREE_MEMBERS).slice(0, 8));
    expect(asked(atSecondAge)).toBe('age#1');
    const seen: string[] = [];
    let state = atSecondAge;
    for (let step = 0; step < 9; step++) {
      state = goBack(state);
      seen.push(asked(state));
    }
    expect(seen).toEqual([
      'anotherMember#0',
      'seriousIllness#0',
      'disability#0',
      'canWork#0',
      'monthlyIncome#0',
      'age#0',
      'residency',
      'area',
      'area',
    ]);
    // The implicit "yes" shows as the current answer of "another member?" for the first member.
    expect(currentQuestion(goBack(atSecondAge))?.currentAnswer).toBe(true);
  });

  it('walks back from the closing questions into the last member', () => {
    const atMedical = answerAll(startQuestionnaire(), inputsOf(THREE_MEMBERS).slice(0, 21));
    expect(asked(atMedical)).toBe('medicalExpenses');
    expect(asked(goBack(atMedical))).toBe('anotherMember#2');
    expect(asked(goBack(goBack(atMedical)))).toBe('student#2');
  });

  it('after fixing an earlier answer, moves on to the first unanswered question', () => {
    const atMedical = answerAll(startQuestionnaire(), inputsOf(THREE_MEMBERS).slice(0, 21));
    const atIllness = goBack(goBack(goBack(atMedical)));
    expect(asked(atIllness)).toBe('seriousIllness#2');
    const fixed = answerAll(atIllness, ['no']);
    expect(asked(fixed)).toBe('medicalExpenses');
    expect(fixed.members[2]?.seriousIllness).toBe(false);
  });

  it('"no" to "another member?" after going back drops the later members', () => {
    const atSecondAge = answerAll(startQuestionnaire(), inputsOf(THREE_MEMBERS).slice(0, 9));
    expect(asked(atSecondAge)).toBe('monthlyIncome#1');
    const back = goBack(goBack(atSecondAge));
    expect(asked(back)).toBe('anotherMember#0');
    const closed = answerAll(back, ['no']);
    expect(closed.members).toHaveLength(1);
    expect(asked(closed)).toBe('medicalExpenses');
    expect(asked(goBack(closed))).toBe('anotherMember#0');
  });

  it('from the review, returns to the last question', () => {
    const done = answerAll(startQuestionnaire(), inputsOf(ONE_MEMBER));
    expect(asked(goBack(done))).toBe('recentHardship');
  });
});

describe('editAnswer', () => {
  const done = answerAll(startQuestionnaire(), inputsOf(THREE_MEMBERS));

  it('changes an answer and returns to the review', () => {
    const editing = editAnswer(done, 'savings');
    expect(asked(editing)).toBe('savings');
    expect(currentQuestion(editing)?.currentAnswer).toBe(2000_00);
    const edited = answerAll(editing, ['3 500']);
    expect(asked(edited)).toBe('review');
    expect(toHousehold(edited)?.savings).toBe(3500);
  });

  it('edits a member answer', () => {
    const edited = answerAll(editAnswer(done, 'disability', 1), ['moderate']);
    expect(asked(edited)).toBe('review');
    expect(toHousehold(edited)?.members[1]?.disability).toBe('moderate');
  });

  it('asks the follow-up an edit makes necessary, then returns to the review', () => {
    // The mother's age changed to 20: now she may be a student.
    const edited = answerAll(editAnswer(done, 'age', 0), ['20']);
    expect(asked(edited)).toBe('student#0');
    const followedUp = answerAll(edited, ['yes']);
    expect(asked(followedUp)).toBe('review');
    expect(toHousehold(followedUp)?.members[0]).toMatchObject({ age: 20, student: true, canWork: true });
  });

  it('drops answers an edit makes moot and asks "legal supporter?" once nobody can work', () => {
    const single = answerAll(startQuestionnaire(), inputsOf(THREE_MEMBERS).slice(0, 7).concat(['no', '0', '0', 'safe', 'none']));
    expect(toHousehold(single)?.hasSupporter).toBe(true);
    const retired = answerAll(editAnswer(single, 'age', 0), ['70']);
    expect(retired.members[0]?.canWork).toBeUndefined();
    expect(asked(retired)).toBe('hasSupporter');
    const answered = answerAll(retired, ['no']);
    expect(asked(answered)).toBe('review');
    expect(toHousehold(answered)).toMatchObject({ hasSupporter: false, members: [{ age: 70, canWork: false }] });

    // Back to working age: "can work?" is needed again; "yes" makes "legal supporter?" moot.
    const working = answerAll(editAnswer(answered, 'age', 0), ['40']);
    expect(asked(working)).toBe('canWork#0');
    const ableToWork = answerAll(working, ['yes']);
    expect(asked(ableToWork)).toBe('review');
    expect(ableToWork.answers.hasSupporter).toBeUndefined();
    expect(toHousehold(ableToWork)).toMatchObject({ hasSupporter: true, members: [{ age: 40, canWork: true }] });
  });

  it('Back from the edited question returns to the review unchanged', () => {
    const editing = editAnswer(done, 'area');
    expect(asked(goBack(editing))).toBe('review');
    expect(toHousehold(goBack(editing))).toEqual(toHousehold(done));
  });

  it('Back from a follow-up returns to the edited question, then to the review once complete', () => {
    const followUp = answerAll(editAnswer(done, 'age', 0), ['20']);
    const atAge = goBack(followUp);
    expect(asked(atAge)).toBe('age#0');
    const restored = answerAll(atAge, ['42']);
    expect(asked(restored)).toBe('review');
    expect(toHousehold(restored)).toEqual(toHousehold(done));
  });

  it('Back from an edited question that left a gap is an ordinary Back', () => {
    const followUp = answerAll(editAnswer(done, 'age', 0), ['20']);
    const atAge = goBack(followUp);
    const before = goBack(atAge);
    expect(asked(before)).not.toBe('review');
    expect(before.editing).toBeUndefined();
  });

  it.each([
    ['an unknown question', 'income', undefined],
    ['a household question with a member index', 'area', 0],
    ['a member question without an index', 'age', undefined],
    ['a member that does not exist', 'age', 3],
    ['a fractional member index', 'age', 0.5],
    ['a question that does not apply', 'student', 0],
    ['the "another member?" control', 'anotherMember', 0],
    ['an inherited property name', 'constructor', undefined],
  ])('ignores %s', (_what, id, memberIndex) => {
    expect(editAnswer(done, id, memberIndex)).toBe(done);
  });

  it('ignores edits before the questionnaire is complete', () => {
    const halfway = answerAll(startQuestionnaire(), ['urban', 'local']);
    expect(editAnswer(halfway, 'area')).toBe(halfway);
  });
});

describe('removeMember', () => {
  const done = answerAll(startQuestionnaire(), inputsOf(THREE_MEMBERS));

  it('removes a member and stays at the review', () => {
    const removed = removeMember(done, 1);
    expect(asked(removed)).toBe('review');
    const household = toHousehold(removed);
    expect(household?.members.map((m) => m.age)).toEqual([42, 9]);
    expectValidHousehold(household);
    // The history follows the renumbering: Back still lands on questions that exist.
    let state = removed;
    for (let step = 0; step < 30; step++) state = goBack(state);
    expect(asked(state)).toBe('area');
  });

  it('asks "legal supporter?" when the only members able to work are removed', () => {
    const childOnly = removeMember(removeMember(done, 0), 0);
    expect(childOnly.members).toHaveLength(1);
    expect(asked(childOnly)).toBe('hasSupporter');
    const finished = answerAll(childOnly, ['yes']);
    expect(asked(finished)).toBe('review');
    expect(toHousehold(finished)).toMatchObject({ hasSupporter: true, members: [{ age: 9 }] });
  });

  it('keeps the last member, and ignores indexes that do not exist or an incomplete questionnaire', () => {
    const single = answerAll(startQuestionnaire(), inputsOf(ONE_MEMBER));
    expect(removeMember(single, 0)).toBe(single);
    expect(removeMember(done, 3)).toBe(done);
    expect(removeMember(done, -1)).toBe(done);
    expect(removeMember(done, 1.5)).toBe(done);
    const halfway = answerAll(startQuestionnaire(), inputsOf(THREE_MEMBERS).slice(0, 10));
    expect(removeMember(halfway, 0)).toBe(halfway);
  });

  it('does not reopen the member list after removing from twelve', () => {
    const member = ['30', '0', 'no', 'none', 'no'];
    let state = answerAll(startQuestionnaire(), ['urban', 'local']);
    for (let index = 0; index < 11; index++) state = answerAll(state, [...member, 'yes']);
    state = answerAll(state, [...member, '0', '0', 'no', 'safe', 'none']);
    const eleven = removeMember(state, 5);
    expect(asked(eleven)).toBe('review');
    expect(toHousehold(eleven)?.members).toHaveLength(11);
  });
});

describe('answers do not change the state they are given', () => {
  it('leaves the input state untouched', () => {
    const done = answerAll(startQuestionnaire(), inputsOf(THREE_MEMBERS));
    const snapshot = structuredClone(done);
    const editing = editAnswer(done, 'age', 0);
    answer(editing, '20');
    removeMember(done, 0);
    goBack(done);
    expect(done).toEqual(snapshot);
  });
});
