import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { CursorPageArgs } from 'src/common/pagination/pagination';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { DOSSIER_STATES, type DossierState } from 'src/modules/dossiers/domain/dossier-state';
import { CHANNELS, type Channel } from 'src/modules/dossiers/domain/portal-codes';
import { ChannelEnum, DossierStateEnum, WorkQueueKindEnum } from 'src/modules/dossiers/graphql/dossier.object';
import { DOCUMENT_FORMS } from 'src/modules/dossiers/rest/receive-dossier.dto';

@InputType('DossierApplicantInput')
export class ApplicantInputGql {
  @Field(() => String) @IsIn(['PERSON', 'ORGANISATION']) kind!: 'PERSON' | 'ORGANISATION';
  @Field() @IsString() @MinLength(1) @MaxLength(300) name!: string;
  @Field({ nullable: true }) @IsOptional() @Matches(/^[0-9A-Z-]{6,20}$/) idNumber?: string;
  @Field({ nullable: true }) @IsOptional() @Matches(/^\+?[0-9]{8,15}$/) phone?: string;
  @Field({ nullable: true }) @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) address?: string;
  @Field({ nullable: true }) @IsOptional() @IsUUID() registryPersonId?: string;
}

@InputType('DossierDeceasedInput', { description: 'Death-registration procedures: the deceased person' })
export class DeceasedInputGql {
  @Field() @Matches(/^[0-9]{12}$/) idNumber!: string;
  @Field() @IsString() @MinLength(1) @MaxLength(300) fullName!: string;
  @Field() @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/) deathDate!: string;
}

@InputType('DossierDocumentInput')
export class DocumentInputGql {
  @Field({ nullable: true }) @IsOptional() @Matches(/^[A-Za-z0-9._-]{1,60}$/) checklistCode?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) name?: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(100) copies?: number;
  @Field(() => String, { nullable: true }) @IsOptional() @IsIn(DOCUMENT_FORMS) form?: (typeof DOCUMENT_FORMS)[number];
}

@InputType('ReceiveDossierInput')
export class ReceiveDossierInputGql {
  @Field() @Matches(/^[0-9A-Z.-]{1,60}$/) procedureCode!: string;
  @Field(() => ChannelEnum) @IsIn(CHANNELS) channel!: Channel;
  @Field({ nullable: true }) @IsOptional() @IsUUID() agencyId?: string;
  @Field(() => ApplicantInputGql) @ValidateNested() @Type(() => ApplicantInputGql) applicant!: ApplicantInputGql;
  @Field(() => DeceasedInputGql, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DeceasedInputGql)
  deceased?: DeceasedInputGql;
  @Field(() => [DocumentInputGql])
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => DocumentInputGql)
  documents!: DocumentInputGql[];
  @Field({ nullable: true }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) postmarkDate?: string;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() acceptNow?: boolean;
}

@InputType('DossierDecisionInput')
export class DecisionInputGql {
  @Field() @IsString() @MinLength(1) @MaxLength(100) decisionNumber!: string;
  @Field() @IsString() @MinLength(1) @MaxLength(200) signer!: string;
  @Field({ nullable: true }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) decisionDate?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(4000) reason?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(4000) legalBasis?: string;
}

@InputType('DossierApologyInput')
export class ApologyInputGql {
  @Field() @IsString() @MinLength(1) @MaxLength(4000) reason!: string;
  @Field() @Matches(/^\d{4}-\d{2}-\d{2}$/) newDueDate!: string;
  @Field() @IsString() @MinLength(1) @MaxLength(200) signedBy!: string;
}

@InputType('DossierFilter')
export class DossierFilterInput {
  @Field(() => [DossierStateEnum], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsIn(DOSSIER_STATES, { each: true })
  states?: DossierState[];
  @Field(() => ChannelEnum, { nullable: true }) @IsOptional() @IsIn(CHANNELS) channel?: Channel;
  @Field({ nullable: true }) @IsOptional() @Matches(/^[0-9A-Z.-]{1,60}$/) procedureCode?: string;
  @Field({ nullable: true }) @IsOptional() @IsUUID() agencyId?: string;
  @Field({ nullable: true }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) receivedFrom?: string;
  @Field({ nullable: true }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) receivedTo?: string;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() overdue?: boolean;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) search?: string;
}

@InputType('DossierMissingInput')
export class MissingInputGql {
  @Field(() => [String]) @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(500, { each: true }) missing!: string[];
  @Field() @IsString() @MinLength(1) @MaxLength(4000) reason!: string;
}

@ArgsType()
export class DossiersArgs extends CursorPageArgs {
  @Field(() => DossierFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DossierFilterInput)
  filter?: DossierFilterInput;
}

@ArgsType()
export class WorkQueueArgs extends CursorPageArgs {
  @Field(() => WorkQueueKindEnum) @IsIn(Object.values(WorkQueueKindEnum)) kind!: WorkQueueKindEnum;
}
