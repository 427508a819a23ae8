import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ChartObject, FilterEchoObject, ShareObject } from 'src/modules/reports/filters/report-objects';

@ObjectType('ResultDigitisation')
export class ResultDigitisationObject {
  @Field(() => Int, { description: 'Dossiers decided (approved or rejected) in the period' }) decided!: number;
  @Field(() => Int, { description: 'With an electronic result with legal value as of the last day' })
  electronicResult!: number;
  @Field(() => Int, { description: 'With the electronic result and every submitted document stored as a file' })
  fullyDigitised!: number;
  @Field(() => ShareObject) resultShare!: ShareObject;
  @Field(() => ShareObject) fullShare!: ShareObject;
}

@ObjectType('ArchiveDigitisationUnit')
export class ArchiveUnitObject {
  @Field(() => String, { nullable: true }) unitId!: string | null;
  @Field(() => String, { nullable: true }) unitCode!: string | null;
  @Field(() => String, { nullable: true }) unitName!: string | null;
  @Field(() => Int) projects!: number;
  @Field(() => Int) files!: number;
  @Field(() => Int) done!: number;
  @Field(() => ShareObject) share!: ShareObject;
}

@ObjectType('ArchiveDigitisationTotal')
export class ArchiveTotalObject {
  @Field(() => Int) projects!: number;
  @Field(() => Int) files!: number;
  @Field(() => Int) done!: number;
  @Field(() => ShareObject) share!: ShareObject;
}

@ObjectType('ArchiveDigitisation')
export class ArchiveObject {
  @Field() asOf!: string;
  @Field(() => [ArchiveUnitObject]) units!: ArchiveUnitObject[];
  @Field(() => ArchiveTotalObject) total!: ArchiveTotalObject;
}

@ObjectType('DigitisationReport')
export class DigitisationReportObject {
  @Field(() => FilterEchoObject) filter!: FilterEchoObject;
  @Field(() => ResultDigitisationObject) results!: ResultDigitisationObject;
  @Field(() => ArchiveObject) archive!: ArchiveObject;
  @Field(() => ChartObject) chart!: ChartObject;
  @Field() generatedAt!: string;
}
