import { DomainException } from 'src/common/errors/domain.exception';
import { UUID_PATTERN } from 'src/common/http/api-fields';
import type {
  CycleListArgs,
  DeathRegistrationListArgs,
  LineListArgs,
} from 'src/modules/benefits/api/benefit.inputs';
import type {
  AmountExplanationObject,
  ComputeResultObject,
  CoverageObject,
} from 'src/modules/benefits/api/benefit.objects';
import type { CycleState, LineKind, PaymentStatus } from 'src/modules/benefits/cycles/cycle.model';
import type { ComputeResult, PaymentCyclesService } from 'src/modules/benefits/cycles/payment-cycles.service';
import type { DeathRegistrationOutcome } from 'src/modules/benefits/deaths/death-registration.model';
import type { DeathRegistrationsService } from 'src/modules/benefits/deaths/death-registrations.service';
import type { AmountExplanation } from 'src/modules/benefits/domain/rules.model';
import type { PaymentStatisticsService } from 'src/modules/benefits/statistics/payment-statistics.service';

export function toExplanation(e: AmountExplanation): AmountExplanationObject {
  return {
    amount: e.amount,
    scheme: e.scheme,
    ruleKey: e.ruleKey,
    rate: e.rate,
    coefficientHundredths: e.coefficientHundredths,
    legalBasis: e.legalBasis,
    month: e.period.month,
    ruleEffectiveFrom: e.period.ruleEffectiveFrom,
    ruleEffectiveTo: e.period.ruleEffectiveTo,
    origin: e.origin,
    unconfirmed: e.unconfirmed,
    text: e.text,
  };
}

/** Keyset cursors of this module: the last id (uuid) or line number, as given back in `nextCursor`. */
export function idCursor(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!UUID_PATTERN.test(raw)) throw new DomainException('BAD_REQUEST', 'The cursor is not valid');
  return raw;
}

export function lineCursor(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{1,9}$/.test(raw)) throw new DomainException('BAD_REQUEST', 'The cursor is not valid');
  return Number(raw);
}

/** A page: `nextCursor` is set when the page is full. */
export function page<T>(
  items: T[],
  limit: number,
  cursorOf: (last: T) => string,
): { items: T[]; nextCursor: string | null } {
  return {
    items,
    nextCursor: items.length === limit && items.length > 0 ? cursorOf(items[items.length - 1]) : null,
  };
}

export const monthParam = (m: string): string => (m.length === 7 ? `${m}-01` : m);

export function uuidParam(
  raw: string,
  code: 'BENEFIT_CYCLE_NOT_FOUND' | 'BENEFIT_ENTITLEMENT_NOT_FOUND' | 'BENEFIT_ACCOUNT_NOT_FOUND',
): string {
  if (!UUID_PATTERN.test(raw)) throw new DomainException(code);
  return raw;
}

/** A computed cycle as both APIs return it (the per-statement timings stay in the log). */
export function toComputeResult(r: ComputeResult): ComputeResultObject {
  return { cycle: r.cycle, unpriced: r.unpriced, elapsedMs: r.elapsedMs };
}

/** The cycle list filter of both APIs (GraphQL args and REST query share one class). */
export function cycleListFilter(q: CycleListArgs): Parameters<PaymentCyclesService['list']>[1] {
  return {
    unitId: q.unitId,
    state: q.state as CycleState | undefined,
    fromPeriod: q.fromPeriod ? monthParam(q.fromPeriod) : undefined,
    toPeriod: q.toPeriod ? monthParam(q.toPeriod) : undefined,
    afterId: idCursor(q.cursor),
    limit: q.limit ?? 50,
  };
}

/** The cycle lines filter of both APIs. */
export function lineListFilter(q: LineListArgs): Parameters<PaymentCyclesService['lines']>[2] {
  return {
    kind: q.kind as LineKind | undefined,
    status: q.status as PaymentStatus | undefined,
    personId: q.personId,
    afterLineNo: lineCursor(q.cursor),
    limit: q.limit ?? 100,
  };
}

/** The death-registration outcomes filter of both APIs. */
export function deathRegistrationFilter(
  q: DeathRegistrationListArgs,
): Parameters<DeathRegistrationsService['list']>[1] {
  return {
    personId: q.personId,
    dossierId: q.dossierId,
    outcome: q.outcome as DeathRegistrationOutcome | undefined,
    afterId: idCursor(q.cursor),
    limit: q.limit ?? 50,
  };
}

/** Coverage as REST and GraphQL answer it: per-group and total rows carry no unit (and the total no group). */
export function toCoverageObject(r: Awaited<ReturnType<PaymentStatisticsService['coverage']>>): CoverageObject {
  return {
    date: r.date,
    rows: r.rows,
    groups: r.groups.map((g) => ({ ...g, unitId: null })),
    total: { ...r.total, unitId: null, group: null },
  };
}
