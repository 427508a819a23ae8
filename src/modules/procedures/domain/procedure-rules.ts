import { DomainException } from 'src/common/errors/domain.exception';
import type { Amount, ProcedureContent, TimeUnit } from 'src/modules/procedures/domain/procedure.types';

/** A working day is 8 working hours (civil-service day, Decree 118 processes count steps in either). */
export const WORKING_HOURS_PER_DAY = 8;

/** An amount in its comparison base: working hours for working time, days for calendar time. */
function toBase(a: Amount): { value: number; base: 'WORKING' | 'CALENDAR' } {
  if (a.unit === 'CALENDAR_DAYS') return { value: a.amount, base: 'CALENDAR' };
  return { value: a.unit === 'WORKING_DAYS' ? a.amount * WORKING_HOURS_PER_DAY : a.amount, base: 'WORKING' };
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * The internal process must use exactly the statutory limit: the step budgets add up to the limit (working days
 * and hours convert at 8 h/day; calendar days only add to calendar days). Steps without any budget are allowed only
 * when none has one (the source gave the steps but not their shares).
 */
export function checkStepBudgets(content: Pick<ProcedureContent, 'timeLimit' | 'steps'>): void {
  const steps = content.steps ?? [];
  const budgeted = steps.filter((s) => s.budget);
  if (budgeted.length === 0) return;
  const limit = content.timeLimit;
  if (!limit)
    throw new DomainException(
      'PROCEDURE_STEP_BUDGET_MISMATCH',
      'The steps have time budgets but the procedure states no time limit',
    );
  if (budgeted.length !== steps.length)
    throw new DomainException(
      'PROCEDURE_STEP_BUDGET_MISMATCH',
      'Either every step has a time budget or none has',
      {
        stepsWithoutBudget: steps.filter((s) => !s.budget).map((s) => s.name),
      },
    );
  const target = toBase(limit);
  let sum = 0;
  for (const step of budgeted) {
    const b = toBase(step.budget as Amount);
    if (b.base !== target.base)
      throw new DomainException(
        'PROCEDURE_STEP_BUDGET_MISMATCH',
        `Step "${step.name}" is budgeted in ${step.budget?.unit} but the limit is in ${limit.unit}`,
      );
    sum += b.value;
  }
  if (round2(sum) !== round2(target.value)) {
    const unit: TimeUnit = target.base === 'CALENDAR' ? 'CALENDAR_DAYS' : 'WORKING_HOURS';
    throw new DomainException(
      'PROCEDURE_STEP_BUDGET_MISMATCH',
      `The step budgets add up to ${round2(sum)} ${unit}, the time limit is ${round2(target.value)} ${unit}`,
      { stepTotal: round2(sum), limit: round2(target.value), unit },
    );
  }
}

/** Every rule a version's content must satisfy before a decision may carry it. */
export function checkContent(content: ProcedureContent): void {
  checkStepBudgets(content);
  const problems: Array<{ field: string; message: string }> = [];
  if (content.norm) {
    if (!content.timeLimit)
      problems.push({ field: 'norm', message: 'a service norm needs a statutory limit' });
    else {
      const n = toBase(content.norm);
      const l = toBase(content.timeLimit);
      if (n.base !== l.base)
        problems.push({ field: 'norm', message: 'the norm and the limit count different days' });
      else if (n.value > l.value)
        problems.push({ field: 'norm', message: 'the norm is longer than the statutory limit' });
    }
  }
  const docCodes = content.documents.map((d) => d.code);
  if (new Set(docCodes).size !== docCodes.length)
    problems.push({ field: 'documents', message: 'document codes must be unique within a procedure' });
  if (content.feePolicy === 'NONE' && content.fees.some((f) => (f.amountVnd ?? 0) > 0))
    problems.push({ field: 'fees', message: 'a free procedure cannot list fee amounts' });
  if (content.feePolicy === 'FIXED' && !content.fees.some((f) => f.amountVnd !== null))
    problems.push({ field: 'fees', message: 'a fixed fee needs at least one amount' });
  if (content.onlineMode === 'FULL' && content.channels && !content.channels.includes('ONLINE'))
    problems.push({ field: 'channels', message: 'a fully online procedure must accept the ONLINE channel' });
  if (content.onlineMode === 'NONE' && content.channels?.includes('ONLINE'))
    problems.push({ field: 'channels', message: 'a procedure without online service cannot accept ONLINE' });
  if (content.interLevel && content.steps.length > 0) {
    const levels = new Set(content.steps.map((s) => s.level).filter(Boolean));
    if (levels.size < 2)
      problems.push({ field: 'steps', message: 'an inter-level procedure has steps at two levels or more' });
  }
  if (problems.length > 0)
    throw new DomainException(
      'PROCEDURE_CONTENT_INVALID',
      problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      {
        errors: problems,
      },
    );
}
