import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

/** GraphQL shape of a Share (filters/share.ts). */
@ObjectType('ReportShare', { description: 'part ÷ whole; rate and basisPoints are null when whole is 0' })
export class ShareObject {
  @Field(() => Int) part!: number;
  @Field(() => Int) whole!: number;
  @Field(() => Float, { nullable: true }) rate!: number | null;
  @Field(() => Int, { nullable: true }) basisPoints!: number | null;
}

@ObjectType('ReportFilterEcho', { description: 'The period and filters the figures were computed with' })
export class FilterEchoObject {
  @Field() from!: string;
  @Field() to!: string;
  @Field(() => String, { nullable: true }) unitCode!: string | null;
  @Field(() => String, { nullable: true }) agencyCode!: string | null;
  @Field(() => String, { nullable: true }) fieldCode!: string | null;
}

/** One row behind a figure (dossier, procedure, decision item or archive file); fields not relevant are null. */
export interface DrillRow {
  id: string;
  code: string;
  name: string | null;
  procedureCode: string | null;
  fieldCode: string | null;
  level: string | null;
  channel: string | null;
  state: string | null;
  onlineMode: string | null;
  legacyLevel: string | null;
}

@ObjectType('ReportDrillRow', {
  description:
    'A row behind a figure: a dossier (code = dossier code), a procedure version (code = procedure code), a ' +
    'decision item (code = decision number) or an archive file (code = archive code)',
})
export class DrillRowObject implements DrillRow {
  @Field() id!: string;
  @Field() code!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => String, { nullable: true }) procedureCode!: string | null;
  @Field(() => String, { nullable: true }) fieldCode!: string | null;
  @Field(() => String, { nullable: true }) level!: string | null;
  @Field(() => String, { nullable: true }) channel!: string | null;
  @Field(() => String, { nullable: true }) state!: string | null;
  @Field(() => String, { nullable: true }) onlineMode!: string | null;
  @Field(() => String, { nullable: true }) legacyLevel!: string | null;
}

@ObjectType('ReportDrillPage')
export class DrillPageObject {
  @Field(() => [DrillRowObject]) items!: DrillRowObject[];
  @Field(() => String, { nullable: true, description: 'Pass as after for the next page' }) endCursor!: string | null;
  @Field() hasNextPage!: boolean;
}

export function toDrillPage(page: { items: DrillRow[]; nextCursor: string | null }): DrillPageObject {
  return { items: page.items, endCursor: page.nextCursor, hasNextPage: page.nextCursor !== null };
}

@ObjectType('ReportChartSeries')
export class ChartSeriesObject {
  @Field() key!: string;
  @Field({ description: 'Vietnamese heading' }) name!: string;
  @Field() nameEn!: string;
  @Field({ description: 'count, amount or rate (0…1)' }) kind!: string;
  @Field(() => [Float], { nullable: 'items' }) data!: Array<number | null>;
}

@ObjectType('ReportChart', { description: 'Chart-ready data: one label per row, one series per numeric column' })
export class ChartObject {
  @Field(() => [String]) labels!: string[];
  @Field(() => [ChartSeriesObject]) series!: ChartSeriesObject[];
}
