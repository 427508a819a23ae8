import { ArgsType, Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import {
  DATE_PATTERN,
  StatusKindEnum,
  UNIT_ERAS,
  UnitEraEnum,
  type UnitEraValue,
} from 'src/modules/registry/api/registry-enums';
import { STATUS_KINDS, type StatusKind } from 'src/modules/registry/statuses/status.model';

@ObjectType('RegistryStatusPeriod', {
  description: 'A status held over [validFrom, validTo), backed by a decision',
})
export class StatusPeriodDto {
  @Field(() => StatusKindEnum) @ApiProperty({ enum: STATUS_KINDS }) kind!: StatusKind;
  @Field(() => ID) @ApiProperty({ format: 'uuid', maxLength: 36 }) id!: string;
  @Field({ description: 'Poverty class, merit category, relative relationship, social-protection group…' })
  @ApiProperty({ maxLength: 60 })
  value!: string;
  @Field(() => ID, { nullable: true })
  @ApiProperty({ type: String, format: 'uuid', maxLength: 36, nullable: true })
  personId!: string | null;
  @Field(() => ID, { nullable: true })
  @ApiProperty({ type: String, format: 'uuid', maxLength: 36, nullable: true })
  householdId!: string | null;
  @Field(() => ID, { nullable: true })
  @ApiProperty({ type: String, format: 'uuid', maxLength: 36, nullable: true })
  unitId!: string | null;
  @Field() @ApiProperty({ format: 'date', maxLength: 10 }) validFrom!: string;
  @Field(() => String, { nullable: true, description: 'Exclusive: the first day the status no longer holds' })
  @ApiProperty({ type: String, format: 'date', maxLength: 10, nullable: true })
  validTo!: string | null;
  @Field() @ApiProperty({ maxLength: 100 }) decisionNumber!: string;
  @Field() @ApiProperty({ format: 'date', maxLength: 10 }) decisionDate!: string;
  @Field() @ApiProperty({ maxLength: 200 }) decisionSigner!: string;
  @Field(() => ID, { nullable: true })
  @ApiProperty({ type: String, format: 'uuid', maxLength: 36, nullable: true })
  dossierId!: string | null;
  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true, enum: ['DECISION', 'DEATH', 'REVIEW', 'SUPERSEDED'] })
  endReason!: string | null;
}

@ObjectType('RegistryStatusCount')
export class StatusCountDto {
  @Field(() => ID) unitId!: string;
  @Field(() => StatusKindEnum) kind!: StatusKind;
  @Field() value!: string;
  @Field(() => Int) count!: number;
  @Field({
    description: 'Some subjects were attributed to this unit through a partial or reverse succession link',
  })
  approximate!: boolean;
}

@ObjectType('RegistryMembership')
export class MembershipDto {
  @Field(() => ID) id!: string;
  @Field(() => ID) householdId!: string;
  @Field() householdCode!: string;
  @Field(() => ID) personId!: string;
  @Field() fullName!: string;
  @Field() relationship!: string;
  @Field() validFrom!: string;
  @Field(() => String, { nullable: true }) validTo!: string | null;
  @Field(() => String, { nullable: true }) endReason!: string | null;
  @Field() source!: string;
  @Field(() => String, { nullable: true }) sourceRef!: string | null;
  @Field() createdBy!: string;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}

@ObjectType('RegistryPovertyReview')
export class PovertyReviewDto {
  @Field(() => ID) id!: string;
  @Field(() => Int) year!: number;
  @Field() reviewType!: string;
  @Field() area!: string;
  @Field(() => Float, { description: 'VND per person per month' }) incomePerCapita!: number;
  @Field(() => [String]) deprivations!: string[];
  @Field() standardCode!: string;
  @Field() classification!: string;
  @Field() explanation!: string;
  @Field() reviewedOn!: string;
}

@ObjectType('RegistryHousehold')
export class HouseholdDto {
  @Field(() => ID) id!: string;
  @Field() code!: string;
  @Field(() => ID, { nullable: true }) residenceUnitId!: string | null;
  @Field(() => String, { nullable: true }) address!: string | null;
  @Field(() => String, { nullable: true }) area!: string | null;
  @Field() source!: string;
  @Field(() => String, { nullable: true }) sourceRef!: string | null;
  @Field() createdBy!: string;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => [MembershipDto], { description: 'Every membership period, oldest first' })
  members!: MembershipDto[];
  @Field(() => [PovertyReviewDto]) reviews!: PovertyReviewDto[];
  @Field(() => [StatusPeriodDto]) statuses!: StatusPeriodDto[];
}

@ObjectType('RegistryDuplicateCandidate')
export class DuplicateCandidateDto {
  @Field(() => ID) id!: string;
  @Field(() => ID) personAId!: string;
  @Field(() => ID) personBId!: string;
  @Field() matchKind!: string;
  @Field(() => Float) similarity!: number;
  @Field() state!: string;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}

@ArgsType()
export class StatusesOnArgs {
  @Field() @Matches(DATE_PATTERN) date!: string;
  @Field(() => StatusKindEnum, { nullable: true }) @IsOptional() @IsIn(STATUS_KINDS) kind?: StatusKind;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() personId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() householdId?: string;
}

@ArgsType()
export class StatusCountsArgs {
  @Field() @Matches(DATE_PATTERN) date!: string;
  @Field(() => UnitEraEnum) @IsIn(UNIT_ERAS) era!: UnitEraValue;
  @Field(() => StatusKindEnum, { nullable: true }) @IsOptional() @IsIn(STATUS_KINDS) kind?: StatusKind;
}

export class StatusesOnQuery {
  @ApiProperty({ format: 'date', maxLength: 10, pattern: DATE_PATTERN.source })
  @Matches(DATE_PATTERN)
  date!: string;
  @ApiPropertyOptional({ enum: STATUS_KINDS }) @IsOptional() @IsIn(STATUS_KINDS) kind?: StatusKind;
}
