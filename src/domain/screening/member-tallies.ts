// One pass over the members counts who meets each per-member test. A test is three-valued: a
// member whose answers are missing is counted as undecided, and those answers are named.
import { and, atLeastOne, NO_FIELDS, or, type Tally, type Tri } from './condition.js';
import type { CompiledPolicy } from './compiled-policy.js';
import type { Member } from './household.js';

export interface MemberTallies {
  /** Members who cannot work and have no income (with no supporter they are the "three noes"). */
  readonly unableToWorkWithoutIncome: Tally;
  readonly students: Tally;
  readonly seriouslyIll: Tally;
  readonly ableOfWorkingAge: Tally;
  /** Members whose special group raises the monthly allowance. */
  readonly raisedMembers: Tally;
  /** One adult who is not a student, with at least one student. */
  readonly singleParentWithStudents: Tri;
  readonly anySevereDisability: boolean;
  readonly anyElderly: boolean;
  readonly anyThreeNoes: boolean;
}

type MemberField = keyof Member;
const UNABLE_FIELDS: readonly MemberField[] = ['canWork', 'monthlyIncome'];
const STUDENT_FIELDS: readonly MemberField[] = ['student'];
const ILLNESS_FIELDS: readonly MemberField[] = ['seriousIllness'];
const AGE_FIELDS: readonly MemberField[] = ['age'];
const ABLE_FIELDS: readonly MemberField[] = ['age', 'canWork'];
const ADULT_FIELDS: readonly MemberField[] = ['age', 'student'];
const DISABILITY_FIELDS: readonly MemberField[] = ['disability'];

class TallyBuilder implements Tally {
  known = 0;
  unknown = 0;
  private fields: string[] | undefined;

  /** With no members yet, every tally is undecided until the members are given. */
  constructor(membersUnknown: boolean) {
    if (membersUnknown) {
      this.unknown = 1;
      this.note('members');
    }
  }

  get missing(): readonly string[] {
    return this.fields ?? NO_FIELDS;
  }

  /** Counts one member's result; true when it is undecided and the caller should note why. */
  count(result: Tri): boolean {
    if (result === true) this.known++;
    else if (result === undefined) this.unknown++;
    return result === undefined;
  }

  note(field: string): void {
    const fields = (this.fields ??= []);
    if (!fields.includes(field)) fields.push(field);
  }

  noteMember(index: number, member: Member, keys: readonly MemberField[]): void {
    for (const key of keys) if (member[key] === undefined) this.note(`members[${index}].${key}`);
  }
}

export function tallyMembers(
  members: readonly Member[],
  incomesMinor: readonly (number | undefined)[],
  noLegalSupporter: Tri,
  { policy, raises }: CompiledPolicy,
): MemberTallies {
  const { elderlyFromAge, adultFromAge, workingAge } = policy;
  const membersUnknown = members.length === 0;
  const unableToWorkWithoutIncome = new TallyBuilder(membersUnknown);
  const students = new TallyBuilder(membersUnknown);
  const seriouslyIll = new TallyBuilder(membersUnknown);
  const ableOfWorkingAge = new TallyBuilder(membersUnknown);
  const nonStudentAdults = new TallyBuilder(membersUnknown);
  const ownGroupRaised = new TallyBuilder(membersUnknown);
  let anySevereDisability = false;
  let anyElderly = false;
  let anyThreeNoes = false;

  members.forEach((m, i) => {
    const age = m.age;
    const incomeMinor = incomesMinor[i];
    const noIncome: Tri = incomeMinor === undefined ? undefined : incomeMinor === 0;
    const elderly: Tri = age === undefined ? undefined : age >= elderlyFromAge;
    const adult: Tri = age === undefined ? undefined : age >= adultFromAge;
    const ofWorkingAge: Tri = age === undefined ? undefined : age >= workingAge.from && age <= workingAge.to;
    const severe: Tri = m.disability === undefined ? undefined : m.disability === 'severe';
    const notStudent: Tri = m.student === undefined ? undefined : !m.student;
    const cannotWork: Tri = m.canWork === undefined ? undefined : !m.canWork;

    const unable = and(cannotWork, noIncome);
    if (unableToWorkWithoutIncome.count(unable)) unableToWorkWithoutIncome.noteMember(i, m, UNABLE_FIELDS);
    const threeNoes = and(unable, noLegalSupporter);
    if (students.count(m.student)) students.noteMember(i, m, STUDENT_FIELDS);
    if (seriouslyIll.count(m.seriousIllness)) seriouslyIll.noteMember(i, m, ILLNESS_FIELDS);
    if (ableOfWorkingAge.count(and(ofWorkingAge, m.canWork))) ableOfWorkingAge.noteMember(i, m, ABLE_FIELDS);
    if (nonStudentAdults.count(and(adult, notStudent))) nonStudentAdults.noteMember(i, m, ADULT_FIELDS);

    // A member is raised once, whichever of their groups qualifies them. When that is undecided no
    // operand is true, so each undecided operand's answers are worth asking for.
    const raisedSevere = raises.severe_disability ? severe : false;
    const raisedIll = raises.serious_illness ? m.seriousIllness : false;
    const raisedElderly = raises.elderly_low_income ? elderly : false;
    const raisedThreeNoes = raises.three_noes ? threeNoes : false;
    if (ownGroupRaised.count(or(or(raisedSevere, raisedIll), or(raisedElderly, raisedThreeNoes)))) {
      if (raisedSevere === undefined) ownGroupRaised.noteMember(i, m, DISABILITY_FIELDS);
      if (raisedIll === undefined) ownGroupRaised.noteMember(i, m, ILLNESS_FIELDS);
      if (raisedElderly === undefined) ownGroupRaised.noteMember(i, m, AGE_FIELDS);
      if (raisedThreeNoes === undefined) {
        ownGroupRaised.noteMember(i, m, UNABLE_FIELDS);
        if (noLegalSupporter === undefined) ownGroupRaised.note('hasSupporter');
      }
    }

    if (severe === true) anySevereDisability = true;
    if (elderly === true) anyElderly = true;
    if (threeNoes === true) anyThreeNoes = true;
  });

  // As far as the answers show it; a caseworker verifies the family situation.
  const singleParentWithStudents = and(exactlyOne(nonStudentAdults), atLeastOne(students));
  const raisedMembers = withSingleParentRaise(
    ownGroupRaised,
    raises.single_parent_with_students ? singleParentWithStudents : false,
    members.length,
    [nonStudentAdults, students],
  );
  return {
    unableToWorkWithoutIncome,
    students,
    seriouslyIll,
    ableOfWorkingAge,
    raisedMembers,
    singleParentWithStudents,
    anySevereDisability,
    anyElderly,
    anyThreeNoes,
  };
}

function exactlyOne(tally: Tally): Tri {
  if (tally.known > 1 || tally.known + tally.unknown === 0) return false;
  return tally.known === 1 && tally.unknown === 0 ? true : undefined;
}

/** In a single-parent family every member is raised; otherwise members raised by their own group. */
function withSingleParentRaise(
  own: TallyBuilder,
  singleParent: Tri,
  memberCount: number,
  singleParentInputs: readonly Tally[],
): Tally {
  if (singleParent === true) return { known: memberCount, unknown: 0, missing: NO_FIELDS };
  if (singleParent === false || own.known === memberCount) return own;
  const undecided = new TallyBuilder(false);
  undecided.known = own.known;
  undecided.unknown = memberCount - own.known;
  for (const tally of [own, ...singleParentInputs]) for (const field of tally.missing) undecided.note(field);
  return undecided;
}
