import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDateString,
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
} from 'class-validator';
import { RestPageQuery } from 'src/common/pagination/pagination';

export const FEEDBACK_KINDS = ['FEEDBACK', 'PETITION'] as const;
export const FEEDBACK_STATES = ['RECEIVED', 'ASSIGNED', 'ANSWERED', 'PUBLISHED', 'REJECTED'] as const;
export type FeedbackState = (typeof FEEDBACK_STATES)[number];

/** A feedback or petition as a portal submits it (API key with `feedback:write`). */
export class SubmitFeedbackDto {
  @ApiProperty({ enum: FEEDBACK_KINDS, example: 'FEEDBACK' })
  @IsIn(FEEDBACK_KINDS)
  kind!: (typeof FEEDBACK_KINDS)[number];

  @ApiProperty({
    description: 'Agency code the feedback is addressed to',
    example: '000.00.12.H40',
    maxLength: 35,
    pattern: '^[A-Z0-9.]{1,35}$',
  })
  @IsString()
  @Matches(/^[A-Z0-9.]{1,35}$/)
  agencyCode!: string;

  @ApiPropertyOptional({
    description: 'National procedure code it is about',
    example: '1.001776',
    maxLength: 40,
    pattern: '^[0-9]\\.[0-9]{6}',
  })
  @IsOptional()
  @Matches(/^[0-9]\.[0-9]{6}(\.[A-Z0-9.]{1,30})?$/)
  procedureCode?: string;

  @ApiPropertyOptional({ description: 'Dossier it is about', format: 'uuid', maxLength: 36 })
  @IsOptional()
  @IsUUID()
  dossierId?: string;

  @ApiProperty({ example: 'Nguyễn Văn A', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  submitterName!: string;

  @ApiPropertyOptional({
    description: 'Phone or e-mail for the answer (personal data: never listed)',
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  submitterContact?: string;

  @ApiProperty({ example: 'Chậm chi trả trợ cấp hằng tháng', maxLength: 300 })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  subject!: string;

  @ApiProperty({ maxLength: 10000 })
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  content!: string;

  @ApiPropertyOptional({
    description: "The portal's own id: resubmitting it returns the first record",
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  portalReference?: string;
}

export class AssignFeedbackDto {
  @ApiProperty({ format: 'uuid', maxLength: 36 })
  @IsUUID()
  assigneeId!: string;

  @ApiProperty({ minimum: 1, maximum: 2147483647, description: 'The version you read (optimistic locking)' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class AnswerFeedbackDto {
  @ApiProperty({ maxLength: 20000 })
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  answer!: string;

  @ApiProperty({ minimum: 1, maximum: 2147483647 })
  @IsInt()
  @Min(1)
  version!: number;
}

export class RejectFeedbackDto {
  @ApiProperty({ maxLength: 2000, example: 'Không thuộc thẩm quyền; đã chuyển Sở Y tế' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;

  @ApiProperty({ minimum: 1, maximum: 2147483647 })
  @IsInt()
  @Min(1)
  version!: number;
}

export class VersionDto {
  @ApiProperty({ minimum: 1, maximum: 2147483647 })
  @IsInt()
  @Min(1)
  version!: number;
}

export class FeedbackQuery extends RestPageQuery {
  @ApiPropertyOptional({ enum: FEEDBACK_STATES })
  @IsOptional()
  @IsIn(FEEDBACK_STATES)
  state?: FeedbackState;

  @ApiPropertyOptional({ format: 'date', maxLength: 10 })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date', maxLength: 10 })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;
}

/** A feedback as staff see it (the submitter's contact is not part of lists). */
export class FeedbackDto {
  @ApiProperty({ format: 'uuid', maxLength: 36 }) id!: string;
  @ApiProperty({ example: 'PAKN-260115-0007', maxLength: 40 }) code!: string;
  @ApiProperty({ enum: FEEDBACK_KINDS }) kind!: string;
  @ApiProperty({ enum: ['PORTAL', 'STAFF'] }) source!: string;
  @ApiProperty({ enum: FEEDBACK_STATES }) state!: FeedbackState;
  @ApiProperty({ format: 'uuid', maxLength: 36 }) agencyId!: string;
  @ApiPropertyOptional({ maxLength: 40, nullable: true }) procedureCode!: string | null;
  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, nullable: true }) dossierId!: string | null;
  @ApiProperty({ maxLength: 200 }) submitterName!: string;
  @ApiProperty({ maxLength: 300 }) subject!: string;
  @ApiProperty({ maxLength: 10000 }) content!: string;
  @ApiProperty({ format: 'date', maxLength: 10 }) receivedOn!: string;
  @ApiProperty({ format: 'date', maxLength: 10 }) responseDueOn!: string;
  @ApiPropertyOptional({ maxLength: 20000, nullable: true }) answer!: string | null;
  @ApiPropertyOptional({ format: 'date', maxLength: 10, nullable: true }) answeredOn!: string | null;
  @ApiPropertyOptional({ format: 'date', maxLength: 10, nullable: true }) publishedOn!: string | null;
  @ApiPropertyOptional({ maxLength: 2000, nullable: true }) rejectionReason!: string | null;
  @ApiProperty({
    description: 'Answered within the response deadline (null while open and not yet late)',
    nullable: true,
  })
  answeredOnTime!: boolean | null;
  @ApiProperty({ minimum: 1, maximum: 2147483647 }) version!: number;
}

export class FeedbackPageDto {
  @ApiProperty({ type: [FeedbackDto], maxItems: 500 }) items!: FeedbackDto[];
  @ApiPropertyOptional({ maxLength: 500, nullable: true }) nextCursor!: string | null;
}

/** A published answer, as the department publishes it: no name, no contact. */
export class PublishedFeedbackDto {
  @ApiProperty({ maxLength: 40 }) code!: string;
  @ApiProperty({ maxLength: 300 }) subject!: string;
  @ApiProperty({ maxLength: 10000 }) content!: string;
  @ApiProperty({ maxLength: 20000 }) answer!: string;
  @ApiProperty({ format: 'date', maxLength: 10 }) publishedOn!: string;
}

export class PublishedFeedbackPageDto {
  @ApiProperty({ type: [PublishedFeedbackDto], maxItems: 500 }) items!: PublishedFeedbackDto[];
  @ApiPropertyOptional({ maxLength: 500, nullable: true }) nextCursor!: string | null;
}

export class FeedbackStatsQuery {
  @ApiProperty({ format: 'date', maxLength: 10 })
  @IsDateString({ strict: true })
  from!: string;

  @ApiProperty({ format: 'date', maxLength: 10 })
  @IsDateString({ strict: true })
  to!: string;
}

export class FeedbackStatsDto {
  @ApiProperty({ minimum: 0, maximum: 1e9 }) received!: number;
  @ApiProperty({ minimum: 0, maximum: 1e9 }) answered!: number;
  @ApiProperty({ minimum: 0, maximum: 1e9 }) answeredOnTime!: number;
  @ApiProperty({ minimum: 0, maximum: 1e9 }) published!: number;
  @ApiProperty({ minimum: 0, maximum: 1e9 }) publishedOnTime!: number;
  @ApiProperty({ minimum: 0, maximum: 1e9 }) rejected!: number;
  @ApiProperty({ minimum: 0, maximum: 1e9 }) openOverdue!: number;
  @ApiProperty({ minimum: 0, maximum: 1e9, description: 'Citizens received in person (sum of visitors)' })
  citizensReceived!: number;
}

export const RECEPTION_TOPICS = [
  'MERITORIOUS_POLICY',
  'SOCIAL_PROTECTION',
  'POVERTY_REDUCTION',
  'EMPLOYMENT',
  'LABOUR_WAGES',
  'CHILDREN',
  'SOCIAL_EVILS',
  'OTHER',
] as const;
export const RECEPTION_OUTCOMES = ['GUIDED', 'PETITION_ACCEPTED', 'TRANSFERRED', 'RESOLVED_ON_SITE'] as const;

/** One visit at the citizen reception desk (tiếp công dân). */
export class RecordReceptionDto {
  @ApiProperty({ format: 'date', maxLength: 10, example: '2026-03-02' })
  @IsDateString({ strict: true })
  receivedOn!: string;

  @ApiProperty({ enum: RECEPTION_TOPICS })
  @IsIn(RECEPTION_TOPICS)
  topic!: (typeof RECEPTION_TOPICS)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  visitors?: number;

  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  summary!: string;

  @ApiProperty({ enum: RECEPTION_OUTCOMES })
  @IsIn(RECEPTION_OUTCOMES)
  outcome!: (typeof RECEPTION_OUTCOMES)[number];
}

export class ReceptionDto {
  @ApiProperty({ format: 'uuid', maxLength: 36 }) id!: string;
  @ApiProperty({ format: 'date', maxLength: 10 }) receivedOn!: string;
  @ApiProperty({ enum: RECEPTION_TOPICS }) topic!: string;
  @ApiProperty({ minimum: 1, maximum: 500 }) visitors!: number;
  @ApiProperty({ maxLength: 5000 }) summary!: string;
  @ApiProperty({ enum: RECEPTION_OUTCOMES }) outcome!: string;
  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, nullable: true }) feedbackId!: string | null;
}
