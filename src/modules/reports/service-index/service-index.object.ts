import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ChartObject, FilterEchoObject, ShareObject } from 'src/modules/reports/filters/report-objects';

@ObjectType('ServiceIndexCounts')
export class ServiceIndexCountsObject {
  @Field(() => Int) inForce!: number;
  @Field(() => Int) publishedComplete!: number;
  @Field(() => Int) offeredOnline!: number;
  @Field(() => Int) offeredOnlineUsed!: number;
  @Field(() => Int) decided!: number;
  @Field(() => Int) decidedEarlyOrOnTime!: number;
  @Field(() => Int) received!: number;
  @Field(() => Int) receivedOnline!: number;
  @Field(() => Int) electronicResult!: number;
  @Field(() => Int) fullyDigitised!: number;
}

@ObjectType('ServiceIndexIndicator')
export class ServiceIndexIndicatorObject {
  @Field() code!: string;
  @Field() group!: string;
  @Field() name!: string;
  @Field() formula!: string;
  @Field(() => ShareObject) share!: ShareObject;
  @Field(() => Float, { nullable: true }) maxPoints!: number | null;
  @Field(() => Float, { nullable: true }) thresholdPct!: number | null;
  @Field({ description: 'Points or threshold not confirmed from the legal text' }) unconfirmed!: boolean;
  @Field(() => Float, { nullable: true, description: 'Null without data or without points in the rules' })
  points!: number | null;
}

@ObjectType('ServiceIndexGroup')
export class ServiceIndexGroupObject {
  @Field() group!: string;
  @Field(() => Float) groupMaxPoints!: number;
  @Field(() => Float) availablePoints!: number;
  @Field(() => Float) points!: number;
}

@ObjectType('ServiceIndexAgency')
export class ServiceIndexAgencyObject {
  @Field() agencyId!: string;
  @Field() agencyCode!: string;
  @Field() agencyName!: string;
  @Field(() => ServiceIndexCountsObject) counts!: ServiceIndexCountsObject;
  @Field(() => [ServiceIndexIndicatorObject]) indicators!: ServiceIndexIndicatorObject[];
  @Field(() => [ServiceIndexGroupObject]) groups!: ServiceIndexGroupObject[];
  @Field(() => Float) points!: number;
  @Field(() => Float, { description: 'Max points of the sub-indicators scored here (not 100)' }) availablePoints!: number;
}

@ObjectType('ServiceIndexGroupName')
export class ServiceIndexGroupNameObject {
  @Field() group!: string;
  @Field() vi!: string;
  @Field() en!: string;
}

@ObjectType('ServiceIndexReport')
export class ServiceIndexReportObject {
  @Field(() => FilterEchoObject) filter!: FilterEchoObject;
  @Field(() => [ServiceIndexAgencyObject]) agencies!: ServiceIndexAgencyObject[];
  @Field(() => [ServiceIndexGroupNameObject]) groupNames!: ServiceIndexGroupNameObject[];
  @Field(() => ChartObject) chart!: ChartObject;
  @Field() generatedAt!: string;
}
