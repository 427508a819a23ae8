import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ChartObject } from 'src/modules/reports/filters/report-objects';
import { AskedUnitObject } from 'src/modules/reports/registries/registries-report.object';

@ObjectType('AccountCoverageShare')
export class CoverageShareObject {
  @Field(() => Int) eligible!: number;
  @Field(() => Int) withAccount!: number;
  @Field(() => Int, { nullable: true, description: 'Basis points, half-up (7477 = 74.77%)' })
  shareBasisPoints!: number | null;
  @Field(() => String, { nullable: true }) sharePercent!: string | null;
}

@ObjectType('AccountCoverageGroup')
export class CoverageGroupObject extends CoverageShareObject {
  @Field({ description: 'POOR_HOUSEHOLD, MERIT or SOCIAL_PROTECTION' }) group!: string;
}

@ObjectType('AccountCoverageUnitTotal')
export class CoverageUnitTotalObject extends CoverageShareObject {
  @Field(() => ID) unitId!: string;
  @Field() unitCode!: string;
  @Field() unitName!: string;
}

@ObjectType('AccountCoverageLine')
export class CoverageLineObject extends CoverageGroupObject {
  @Field(() => ID) unitId!: string;
  @Field() unitCode!: string;
  @Field() unitName!: string;
  @Field() approximate!: boolean;
}

@ObjectType('AccountCoverageReport')
export class AccountCoverageReportObject {
  @Field() date!: string;
  @Field() era!: string;
  @Field(() => AskedUnitObject, { nullable: true }) unit!: AskedUnitObject | null;
  @Field(() => [CoverageLineObject]) lines!: CoverageLineObject[];
  @Field(() => [CoverageUnitTotalObject]) unitTotals!: CoverageUnitTotalObject[];
  @Field(() => [CoverageGroupObject]) groups!: CoverageGroupObject[];
  @Field(() => CoverageShareObject, { description: 'Distinct people over the groups' }) total!: CoverageShareObject;
  @Field() generatedAt!: string;
  @Field(() => ChartObject) chart!: ChartObject;
}

@ObjectType('AccountCoveragePerson')
export class CoveragePersonObject {
  @Field(() => ID) personId!: string;
  @Field() fullName!: string;
  @Field(() => String, { nullable: true, description: 'Masked (0010******45)' }) cccdMasked!: string | null;
  @Field() birth!: string;
  @Field(() => ID) unitId!: string;
  @Field() unitCode!: string;
  @Field() unitName!: string;
  @Field() group!: string;
  @Field() hasAccount!: boolean;
  @Field() approximate!: boolean;
}

@ObjectType('AccountCoveragePersonPage')
export class CoveragePersonPageObject {
  @Field(() => [CoveragePersonObject]) items!: CoveragePersonObject[];
  @Field(() => String, { nullable: true, description: 'Pass as after for the next page' }) endCursor!: string | null;
  @Field() hasNextPage!: boolean;
}

@ObjectType('PaidThroughAccountsFigures')
export class PaidFiguresObject {
  @Field(() => Int) people!: number;
  @Field(() => Float, { description: 'Integer VND' }) amount!: number;
  @Field(() => Int) lines!: number;
  @Field(() => Int) cumulativePeople!: number;
  @Field(() => Float, { description: 'Integer VND' }) cumulativeAmount!: number;
}

@ObjectType('PaidThroughAccountsLine')
export class PaidLineObject extends PaidFiguresObject {
  @Field(() => ID) unitId!: string;
  @Field() unitCode!: string;
  @Field() unitName!: string;
  @Field() approximate!: boolean;
}

@ObjectType('ReportPeriod')
export class ReportPeriodObject {
  @Field() from!: string;
  @Field() to!: string;
}

@ObjectType('PaidThroughAccountsReport')
export class PaidReportObject {
  @Field(() => ReportPeriodObject) period!: ReportPeriodObject;
  @Field() era!: string;
  @Field(() => AskedUnitObject, { nullable: true }) unit!: AskedUnitObject | null;
  @Field(() => [PaidLineObject]) lines!: PaidLineObject[];
  @Field(() => PaidFiguresObject) total!: PaidFiguresObject;
  @Field() generatedAt!: string;
  @Field(() => ChartObject) chart!: ChartObject;
}

@ObjectType('PaidThroughAccountsPerson')
export class PaidPersonObject {
  @Field(() => ID) personId!: string;
  @Field() fullName!: string;
  @Field(() => Int) lines!: number;
  @Field(() => Float, { description: 'Integer VND' }) amount!: number;
  @Field(() => ID) unitId!: string;
  @Field() unitCode!: string;
  @Field() unitName!: string;
}

@ObjectType('PaidThroughAccountsPersonPage')
export class PaidPersonPageObject {
  @Field(() => [PaidPersonObject]) items!: PaidPersonObject[];
  @Field(() => String, { nullable: true, description: 'Pass as after for the next page' }) endCursor!: string | null;
  @Field() hasNextPage!: boolean;
}
