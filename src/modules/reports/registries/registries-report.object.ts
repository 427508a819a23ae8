import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ChartObject } from 'src/modules/reports/filters/report-objects';

@ObjectType('ReportAskedUnit', { description: 'The unit whose territory the report answers for' })
export class AskedUnitObject {
  @Field(() => ID) id!: string;
  @Field() code!: string;
  @Field() name!: string;
  @Field() era!: string;
  @Field() level!: string;
}

@ObjectType('PovertyFlow')
export class PovertyFlowObject {
  @Field() class!: string;
  @Field(() => Int, { description: 'Households in the class on 31 December of the previous year' }) previous!: number;
  @Field(() => Int, { description: 'Households in the class on 31 December of the year' }) current!: number;
  @Field(() => Int, { description: 'In the class at the end of the year, not at the end of the previous one' })
  entries!: number;
  @Field(() => Int, { description: 'In the class at the end of the previous year, not at the end of the year' })
  exits!: number;
}

@ObjectType('PovertyReportLine')
export class PovertyLineObject extends PovertyFlowObject {
  @Field(() => ID) unitId!: string;
  @Field() unitCode!: string;
  @Field() unitName!: string;
  @Field({ description: 'Some households came through a PARTIAL or new → old succession link' }) approximate!: boolean;
}

@ObjectType('PovertyReport')
export class PovertyReportObject {
  @Field(() => Int) year!: number;
  @Field() previousDate!: string;
  @Field() date!: string;
  @Field() era!: string;
  @Field(() => AskedUnitObject, { nullable: true }) unit!: AskedUnitObject | null;
  @Field(() => [PovertyLineObject]) lines!: PovertyLineObject[];
  @Field(() => [PovertyFlowObject]) totals!: PovertyFlowObject[];
  @Field() generatedAt!: string;
  @Field(() => ChartObject) chart!: ChartObject;
}

@ObjectType('PovertyReportHousehold')
export class PovertyHouseholdObject {
  @Field(() => ID) householdId!: string;
  @Field() householdCode!: string;
  @Field(() => ID) unitId!: string;
  @Field() unitCode!: string;
  @Field() unitName!: string;
  @Field(() => ID) filedUnitId!: string;
  @Field(() => String, { nullable: true }) classBefore!: string | null;
  @Field(() => String, { nullable: true }) classAfter!: string | null;
  @Field() approximate!: boolean;
  @Field(() => String, { nullable: true }) headName!: string | null;
  @Field(() => String, { nullable: true, description: 'Masked (0010******45)' }) headCccdMasked!: string | null;
}

@ObjectType('PovertyReportHouseholdPage')
export class PovertyHouseholdPageObject {
  @Field(() => [PovertyHouseholdObject]) items!: PovertyHouseholdObject[];
  @Field(() => String, { nullable: true, description: 'Pass as after for the next page' }) endCursor!: string | null;
  @Field() hasNextPage!: boolean;
}

@ObjectType('StatusReportCategory')
export class StatusCategoryObject {
  @Field() category!: string;
  @Field(() => Int) subjects!: number;
  @Field(() => Int) relatives!: number;
}

@ObjectType('StatusReportLine')
export class StatusLineObject extends StatusCategoryObject {
  @Field(() => ID) unitId!: string;
  @Field() unitCode!: string;
  @Field() unitName!: string;
  @Field() approximate!: boolean;
}

@ObjectType('StatusReportTotal', { description: 'Distinct people over all categories' })
export class StatusTotalObject {
  @Field(() => Int) subjects!: number;
  @Field(() => Int) relatives!: number;
}

@ObjectType('StatusReport')
export class StatusReportObject {
  @Field({ description: 'MERIT or SOCIAL_PROTECTION' }) kind!: string;
  @Field() date!: string;
  @Field() era!: string;
  @Field(() => AskedUnitObject, { nullable: true }) unit!: AskedUnitObject | null;
  @Field(() => [StatusLineObject]) lines!: StatusLineObject[];
  @Field(() => [StatusCategoryObject]) categories!: StatusCategoryObject[];
  @Field(() => StatusTotalObject) total!: StatusTotalObject;
  @Field() generatedAt!: string;
  @Field(() => ChartObject) chart!: ChartObject;
}

@ObjectType('StatusReportPerson')
export class StatusPersonObject {
  @Field(() => ID) personId!: string;
  @Field() fullName!: string;
  @Field(() => String, { nullable: true, description: 'Masked (0010******45)' }) cccdMasked!: string | null;
  @Field() birth!: string;
  @Field() gender!: string;
  @Field(() => ID) unitId!: string;
  @Field() unitCode!: string;
  @Field() unitName!: string;
  @Field() category!: string;
  @Field() kind!: string;
  @Field(() => ID) statusId!: string;
  @Field() validFrom!: string;
  @Field() decisionNumber!: string;
  @Field() approximate!: boolean;
}

@ObjectType('StatusReportPersonPage')
export class StatusPersonPageObject {
  @Field(() => [StatusPersonObject]) items!: StatusPersonObject[];
  @Field(() => String, { nullable: true, description: 'Pass as after for the next page' }) endCursor!: string | null;
  @Field() hasNextPage!: boolean;
}

/** A service page as a GraphQL page (endCursor, hasNextPage). */
export function toGraphPage<T>(page: { items: T[]; nextCursor: string | null }): {
  items: T[];
  endCursor: string | null;
  hasNextPage: boolean;
} {
  return { items: page.items, endCursor: page.nextCursor, hasNextPage: page.nextCursor !== null };
}
