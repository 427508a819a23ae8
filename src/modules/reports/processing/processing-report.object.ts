import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import type { ProcessingFormRow } from 'src/modules/reports/domain/processing-form';
import { ChartObject } from 'src/modules/reports/filters/report-objects';
import { toChart } from 'src/modules/reports/processing/processing-report.export';
import type { ProcessingEcho } from 'src/modules/reports/processing/processing-report-query.service';
import type {
  ProcessingReport,
  ProcessingReportLine,
} from 'src/modules/reports/processing/processing-report.service';

@ObjectType('DossierProcessingRow', {
  description: 'Form II.06a counts (columns 3–13) and the figures beyond the form',
})
export class ProcessingRowObject {
  @Field(() => Int, { description: '(3) received: online + direct/postal + carried over' }) received!: number;
  @Field(() => Int, { description: '(4) received online in the period' }) receivedOnline!: number;
  @Field(() => Int, { description: '(5) received directly or by post in the period' })
  receivedDirectOrPostal!: number;
  @Field(() => Int, { description: '(6) carried over: received before the period, open at its start' })
  carriedOver!: number;
  @Field(() => Int, { description: '(7) resolved (decision date, not return date) in the period' })
  resolved!: number;
  @Field(() => Int, { description: '(8)' }) resolvedEarly!: number;
  @Field(() => Int, { description: '(9)' }) resolvedOnTime!: number;
  @Field(() => Int, { description: '(10)' }) resolvedLate!: number;
  @Field(() => Int, { description: '(11) in progress at the period end' }) inProgress!: number;
  @Field(() => Int, { description: '(12)' }) inProgressWithinTime!: number;
  @Field(() => Int, { description: '(13)' }) inProgressOverdue!: number;
  @Field(() => Int) decided!: number;
  @Field(() => Int) decidedEarlyOrOnTime!: number;
  @Field(() => Int) returnedOrWithdrawn!: number;
  @Field(() => Int) waitingForSupplement!: number;
  @Field(() => Int) apologyLetters!: number;
}

@ObjectType('DossierProcessingLine', { description: 'One line of the form: a field at a handling level' })
export class ProcessingLineObject extends ProcessingRowObject {
  @Field() fieldCode!: string;
  @Field(() => String, { nullable: true }) fieldName!: string | null;
  @Field({ description: 'PROVINCE, DISTRICT or COMMUNE' }) level!: string;
}

@ObjectType('DossierProcessingFilters', {
  description: 'The period and the filters the figures were computed with',
})
export class ProcessingEchoObject {
  @Field() from!: string;
  @Field() to!: string;
  @Field(() => String, { nullable: true }) unitCode!: string | null;
  @Field(() => String, { nullable: true }) agencyCode!: string | null;
  @Field(() => String, { nullable: true }) fieldCode!: string | null;
  @Field(() => String, { nullable: true }) procedureCode!: string | null;
  @Field(() => String, { nullable: true }) level!: string | null;
}

@ObjectType('DossierProcessingReport', { description: 'Form II.06a (Circular 01/2020/TT-VPCP) for a period' })
export class ProcessingReportObject {
  @Field(() => ProcessingEchoObject) filters!: ProcessingEchoObject;
  @Field(() => [ProcessingLineObject]) lines!: ProcessingLineObject[];
  @Field(() => ProcessingRowObject) total!: ProcessingRowObject;
  @Field(() => Int, { nullable: true, description: 'Decided early or on time ÷ decided, basis points' })
  onTimeRateBasisPoints!: number | null;
  @Field(() => Float, { nullable: true, description: 'The same as a fraction 0…1' })
  onTimeRate!: number | null;
  @Field(() => [String], { description: 'Broken form rules (empty when consistent), e.g. "7 ≠ 8 + 9 + 10"' })
  consistencyErrors!: string[];
  @Field() generatedAt!: string;
  @Field(() => String, { nullable: true, description: 'The instant the figures are exact for' })
  asOf!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'ROLLUP (precomputed, with changes since the last refresh counted live) or LIVE (base tables)',
  })
  source!: string | null;
  @Field(() => String, { nullable: true, description: 'ROLLUP only: when the rollups were last refreshed' })
  rollupRefreshedAt!: string | null;
  @Field(() => ChartObject, {
    description: 'Chart-ready data: one label per line, one series per count column',
  })
  chart!: ChartObject;
}

@ObjectType('DossierProcessingDossier', { description: 'A dossier behind a figure of the form' })
export class ProcessingDrillRowObject {
  @Field() id!: string;
  @Field() code!: string;
  @Field() fieldCode!: string;
  @Field() level!: string;
}

@ObjectType('DossierProcessingDossierPage')
export class ProcessingDrillPageObject {
  @Field(() => [ProcessingDrillRowObject]) items!: ProcessingDrillRowObject[];
  @Field(() => String, { nullable: true, description: 'Pass as after for the next page' })
  endCursor!: string | null;
  @Field() hasNextPage!: boolean;
}

function rowObject(r: ProcessingFormRow): ProcessingRowObject {
  return {
    received: r.received,
    receivedOnline: r.receivedOnline,
    receivedDirectOrPostal: r.receivedDirectOrPostal,
    carriedOver: r.carriedOver,
    resolved: r.resolved,
    resolvedEarly: r.resolvedEarly,
    resolvedOnTime: r.resolvedOnTime,
    resolvedLate: r.resolvedLate,
    inProgress: r.inProgress,
    inProgressWithinTime: r.inProgressWithinTime,
    inProgressOverdue: r.inProgressOverdue,
    decided: r.decided,
    decidedEarlyOrOnTime: r.decidedEarlyOrOnTime,
    returnedOrWithdrawn: r.returnedOrWithdrawn,
    waitingForSupplement: r.waitingForSupplement,
    apologyLetters: r.apologyLetters,
  };
}

function lineObject(l: ProcessingReportLine): ProcessingLineObject {
  return { ...rowObject(l), fieldCode: l.fieldCode, fieldName: l.fieldName, level: l.level };
}

/** Freshness fields are optional on the service model (added with the rollups); absent means computed live. */
function freshness(
  report: ProcessingReport,
): Pick<ProcessingReportObject, 'asOf' | 'source' | 'rollupRefreshedAt'> {
  const r = report as Partial<Record<'asOf' | 'source' | 'rollupRefreshedAt', unknown>>;
  const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  return { asOf: text(r.asOf), source: text(r.source), rollupRefreshedAt: text(r.rollupRefreshedAt) };
}

export function toProcessingReportObject(
  report: ProcessingReport,
  echo: ProcessingEcho,
): ProcessingReportObject {
  return {
    filters: { ...echo },
    lines: report.lines.map(lineObject),
    total: rowObject(report.total),
    onTimeRateBasisPoints: report.onTimeRateBasisPoints,
    onTimeRate: report.onTimeRateBasisPoints === null ? null : report.onTimeRateBasisPoints / 10_000,
    consistencyErrors: [...report.consistencyErrors],
    generatedAt: report.generatedAt,
    ...freshness(report),
    chart: toChart(report),
  };
}
