import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ChartObject, FilterEchoObject, ShareObject } from 'src/modules/reports/filters/report-objects';

@ObjectType('OnlineShareOverall')
export class OnlineShareOverallObject {
  @Field(() => Int) received!: number;
  @Field(() => Int) online!: number;
  @Field(() => Int) directOrPostal!: number;
  @Field(() => Int) direct!: number;
  @Field(() => Int) postal!: number;
  @Field(() => ShareObject, { description: 'online ÷ received' }) share!: ShareObject;
}

@ObjectType('OnlineShareFullOnline')
export class OnlineShareFullObject {
  @Field(() => Int) received!: number;
  @Field(() => Int) online!: number;
  @Field(() => ShareObject) share!: ShareObject;
}

@ObjectType('OnlineShareProcedure')
export class OnlineShareProcedureObject {
  @Field() procedureCode!: string;
  @Field() procedureName!: string;
  @Field(() => Int) received!: number;
  @Field(() => Int) online!: number;
  @Field(() => ShareObject) share!: ShareObject;
}

@ObjectType('OnlineShareReport')
export class OnlineShareReportObject {
  @Field(() => FilterEchoObject) filter!: FilterEchoObject;
  @Field(() => OnlineShareOverallObject) overall!: OnlineShareOverallObject;
  @Field(() => OnlineShareFullObject, { description: 'Dossiers of procedures offered fully online (toàn trình)' })
  fullOnline!: OnlineShareFullObject;
  @Field(() => [OnlineShareProcedureObject]) byProcedure!: OnlineShareProcedureObject[];
  @Field(() => ChartObject) chart!: ChartObject;
  @Field() generatedAt!: string;
}
