import { DomainException } from 'src/common/errors/domain.exception';
import type { DecisionDraftInput } from 'src/modules/procedures/domain/decision.types';
import { checkContent } from 'src/modules/procedures/domain/procedure-rules';
import { NATIONAL_CODE_PATTERN, PROCEDURE_CODE_PATTERN } from 'src/modules/procedures/domain/procedure.types';

/**
 * What a publication decision must satisfy when it is written (state rules — does the procedure exist, is the date
 * after the current version — are checked when it is applied): a number and effective date unless flagged
 * unconfirmed, each procedure once, content for every item but abolitions, and every content rule.
 */
export function checkDecisionDraft(input: DecisionDraftInput): void {
  const problems: string[] = [];
  if (!input.unconfirmed && (!input.number || !input.effectiveFrom))
    problems.push('a decision needs its number and effective date');
  if (input.signedOn && input.effectiveFrom && input.effectiveFrom < input.signedOn)
    problems.push('the effective date is before the signing date');
  if (input.items.length === 0) problems.push('a decision names at least one procedure');
  const codes = input.items.map((i) => i.procedureCode);
  if (new Set(codes).size !== codes.length) problems.push('a procedure appears twice in the decision');
  for (const item of input.items) {
    if (!PROCEDURE_CODE_PATTERN.test(item.procedureCode))
      problems.push(`${item.procedureCode}: not a procedure code`);
    if (item.action === 'ABOLISHED') {
      if (item.content) problems.push(`${item.procedureCode}: an abolition carries no content`);
      if (!input.effectiveFrom) problems.push(`${item.procedureCode}: an abolition needs an effective date`);
      continue;
    }
    if (!item.content) {
      problems.push(`${item.procedureCode}: ${item.action} needs the procedure content`);
      continue;
    }
    if (item.content.code !== item.procedureCode)
      problems.push(`${item.procedureCode}: the content's code is ${item.content.code}`);
    if (item.content.nationalCode && !NATIONAL_CODE_PATTERN.test(item.content.nationalCode))
      problems.push(`${item.procedureCode}: the national code must look like 1.001776`);
  }
  if (problems.length > 0)
    throw new DomainException('PROCEDURE_DECISION_INVALID', problems.join('; '), { problems });
  for (const item of input.items) if (item.content) checkContent(item.content);
}
