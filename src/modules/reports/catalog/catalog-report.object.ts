import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ChartObject, FilterEchoObject } from 'src/modules/reports/filters/report-objects';

@ObjectType('ReportKeyCount')
export class KeyCountObject {
  @Field() key!: string;
  @Field(() => Int) count!: number;
}

@ObjectType('CatalogInForce', { description: 'Procedures in force on the date; every breakdown adds up to total' })
export class CatalogInForceObject {
  @Field(() => Int) total!: number;
  @Field(() => [KeyCountObject], { description: 'One level, MULTI_LEVEL or NOT_STATED' }) byLevel!: KeyCountObject[];
  @Field(() => [KeyCountObject]) byField!: KeyCountObject[];
  @Field(() => [KeyCountObject], { description: 'FULL, PARTIAL, NONE, NOT_STATED' }) byOnlineMode!: KeyCountObject[];
  @Field(() => [KeyCountObject], { description: '1–4 (Decree 43/2011) or NOT_STATED' }) byLegacyLevel!: KeyCountObject[];
}

@ObjectType('CatalogDecisionAction')
export class CatalogDecisionActionObject {
  @Field() action!: string;
  @Field(() => Int) count!: number;
  @Field(() => [KeyCountObject]) byLevel!: KeyCountObject[];
}

@ObjectType('CatalogDecisions')
export class CatalogDecisionsObject {
  @Field(() => Int, { description: 'Applied decisions signed in the period' }) decisions!: number;
  @Field(() => [CatalogDecisionActionObject]) actions!: CatalogDecisionActionObject[];
}

@ObjectType('CatalogReport')
export class CatalogReportObject {
  @Field(() => FilterEchoObject) filter!: FilterEchoObject;
  @Field(() => String, { nullable: true }) level!: string | null;
  @Field() onDate!: string;
  @Field(() => CatalogInForceObject) inForce!: CatalogInForceObject;
  @Field(() => [String]) consistencyErrors!: string[];
  @Field(() => CatalogDecisionsObject) decisions!: CatalogDecisionsObject;
  @Field(() => ChartObject) chart!: ChartObject;
  @Field() generatedAt!: string;
}
