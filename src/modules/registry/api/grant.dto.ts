import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { DATE_PATTERN, RecordSourceEnum } from 'src/modules/registry/api/registry-enums';
import { POVERTY_CLASSES, type PovertyClass } from 'src/modules/registry/domain/poverty-classification';
import {
  DISABILITY_LEVELS,
  SOCIAL_PROTECTION_BASES,
  type DisabilityLevel,
  type SocialProtectionBasis,
} from 'src/modules/registry/domain/social-protection.data';
import { RELATIONSHIPS, type Relationship } from 'src/modules/registry/households/households.service';
import { RECORD_SOURCES, type RecordSource } from 'src/modules/registry/registry.types';
import { MERIT_CATEGORIES, type MeritCategory } from 'src/modules/registry/statuses/status.model';

@InputType('RegistryDecisionInput', { description: 'The decision granting the status' })
export class DecisionInput {
  @Field() @IsString() @Length(1, 100) number!: string;
  @Field() @Matches(DATE_PATTERN) date!: string;
  @Field() @IsString() @Length(1, 200) signer!: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() dossierId?: string;
}

@InputType('RegistryProvenanceInput')
export class ProvenanceInput {
  @Field(() => RecordSourceEnum, { nullable: true })
  @IsOptional()
  @IsIn(RECORD_SOURCES)
  source?: RecordSource;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) ref?: string;
}

@InputType('CreateHouseholdInput')
export class CreateHouseholdInput {
  @Field() @Matches(/^[A-Z0-9][A-Z0-9._-]{0,39}$/) code!: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() residenceUnitId?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) address?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsIn(['RURAL', 'URBAN']) area?: 'RURAL' | 'URBAN';
}

@InputType('AddHouseholdMemberInput')
export class AddMemberInput {
  @Field(() => ID) @IsUUID() householdId!: string;
  @Field(() => ID) @IsUUID() personId!: string;
  @Field(() => String) @IsIn(RELATIONSHIPS) relationship!: Relationship;
  @Field() @Matches(DATE_PATTERN) validFrom!: string;
}

@InputType('PovertyReviewInput')
export class PovertyReviewInput {
  @Field(() => Int) @IsInt() @Min(2016) @Max(2100) year!: number;
  @Field(() => String) @IsIn(['ANNUAL', 'REGULAR']) reviewType!: 'ANNUAL' | 'REGULAR';
  @Field(() => String) @IsIn(['RURAL', 'URBAN']) area!: 'RURAL' | 'URBAN';
  @Field(() => Float, { description: 'VND per person per month' })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  incomePerCapita!: number;
  @Field(() => [String])
  @ArrayMaxSize(40)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  deprivations!: string[];
  @Field() @IsBoolean() agricultureForestryFishery!: boolean;
  @Field() @Matches(DATE_PATTERN) reviewedOn!: string;
}

@ObjectType('PovertyClassificationResult')
export class PovertyClassificationDto {
  @Field(() => ID) reviewId!: string;
  @Field() classification!: string;
  @Field() standardCode!: string;
  @Field(() => Float) incomeLine!: number;
  @Field(() => Int) deprivationCount!: number;
  @Field() explanation!: string;
  @Field() usesUnconfirmedData!: boolean;
}

@InputType('GrantPovertyStatusInput')
export class GrantPovertyInput {
  @Field(() => ID) @IsUUID() householdId!: string;
  @Field(() => String) @IsIn(POVERTY_CLASSES) classification!: PovertyClass;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() reviewId?: string;
  @Field() @Matches(DATE_PATTERN) validFrom!: string;
  @Field(() => DecisionInput) @ValidateNested() @Type(() => DecisionInput) decision!: DecisionInput;
}

@InputType('GrantMeritInput')
export class GrantMeritInput {
  @Field(() => ID) @IsUUID() personId!: string;
  @Field(() => String) @IsIn(MERIT_CATEGORIES) category!: MeritCategory;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(100) injuryRate?: number;
  @Field({ nullable: true, description: 'Archive code of the paper profile' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  archiveCode?: string;
  @Field() @Matches(DATE_PATTERN) validFrom!: string;
  @Field(() => DecisionInput) @ValidateNested() @Type(() => DecisionInput) decision!: DecisionInput;
}

@InputType('GrantSocialProtectionInput')
export class GrantSocialProtectionInput {
  @Field(() => ID) @IsUUID() personId!: string;
  @Field(() => [String], { description: 'Decree 20/2021 art. 5 bases, e.g. K6_DISABILITY' })
  @ArrayMaxSize(10)
  @IsIn(SOCIAL_PROTECTION_BASES, { each: true })
  bases!: SocialProtectionBasis[];
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(DISABILITY_LEVELS)
  disabilityLevel?: DisabilityLevel;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() studying?: boolean;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(30) childrenRaised?: number;
  @Field() @Matches(DATE_PATTERN) validFrom!: string;
  @Field(() => DecisionInput) @ValidateNested() @Type(() => DecisionInput) decision!: DecisionInput;
}

@ObjectType('SocialProtectionGroup', {
  description: 'The group and coefficient in force on a date (Decree 20/2021)',
})
export class SocialProtectionGroupDto {
  @Field() date!: string;
  @Field(() => Int) age!: number;
  @Field(() => [String]) bandCodes!: string[];
  @Field(() => Float) coefficient!: number;
  @Field() explanation!: string;
}

@ObjectType('RegistryReviewTask')
export class ReviewTaskDto {
  @Field(() => ID) id!: string;
  @Field() kind!: string;
  @Field(() => ID) personId!: string;
  @Field() details!: string;
}

@ObjectType('RegistryVerification')
export class VerificationDto {
  @Field() status!: string;
  @Field(() => [String]) mismatches!: string[];
  @Field() deathRecorded!: boolean;
}
