import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsDateString, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { RestPageQuery } from 'src/common/pagination/pagination';

export class AuditEventQuery extends RestPageQuery {
  @ApiPropertyOptional({ maxLength: 100, description: 'Staff user id or API key id' })
  @IsOptional() @IsString() @MaxLength(100)
  actorId?: string;
  @ApiPropertyOptional({ maxLength: 64, example: 'agency' }) @IsOptional() @IsString() @MaxLength(64) entityType?: string;
  @ApiPropertyOptional({ maxLength: 200, description: 'With entityType: one record, diffs unmasked (and the view is audited)' })
  @IsOptional() @IsString() @MaxLength(200)
  entityId?: string;
  @ApiPropertyOptional({ maxLength: 64, pattern: '^[A-Z][A-Z0-9_]{1,63}$', example: 'UPDATE' })
  @IsOptional() @Matches(/^[A-Z][A-Z0-9_]{1,63}$/)
  action?: string;
  @ApiPropertyOptional({ format: 'date-time', maxLength: 40, type: String }) @IsOptional() @Type(() => Date) @IsDate() from?: Date;
  @ApiPropertyOptional({ format: 'date-time', maxLength: 40, type: String, description: 'Exclusive' })
  @IsOptional() @Type(() => Date) @IsDate()
  to?: Date;
}

export class AuditVerifyQuery {
  @ApiPropertyOptional({ format: 'date', maxLength: 10, description: 'First day segment (UTC+7) to check' })
  @IsOptional() @IsDateString({ strict: true }) @MaxLength(10)
  from?: string;
  @ApiPropertyOptional({ format: 'date', maxLength: 10 }) @IsOptional() @IsDateString({ strict: true }) @MaxLength(10)
  to?: string;
}

export class AuditEventDto {
  @ApiProperty({ format: 'uuid', maxLength: 36 }) id!: string;
  @ApiProperty({ maxLength: 20, pattern: '^[0-9]+$' }) seq!: string;
  @ApiProperty({ format: 'date-time', maxLength: 40 }) recordedAt!: Date;
  @ApiProperty({ enum: ['user', 'api_key', 'system', 'anonymous'] }) actorKind!: string;
  @ApiProperty({ maxLength: 100, nullable: true, type: String }) actorId!: string | null;
  @ApiProperty({ maxLength: 200, nullable: true, type: String }) actorName!: string | null;
  @ApiProperty({ format: 'uuid', maxLength: 36, nullable: true, type: String }) agencyId!: string | null;
  @ApiProperty({ maxLength: 128, nullable: true, type: String }) requestId!: string | null;
  @ApiProperty({ maxLength: 64, nullable: true, type: String }) ip!: string | null;
  @ApiProperty({ maxLength: 64, example: 'UPDATE' }) action!: string;
  @ApiProperty({ maxLength: 64 }) entityType!: string;
  @ApiProperty({ maxLength: 200, nullable: true, type: String }) entityId!: string | null;
  @ApiProperty({ type: Object, nullable: true, description: '{ before, after } of the changed fields' }) diff!: unknown;
  @ApiProperty({ type: 'array', items: { type: 'string', maxLength: 64 }, maxItems: 100 }) personalFields!: string[];
  @ApiProperty({ maxLength: 64, pattern: '^[0-9a-f]{64}$' }) prevHash!: string;
  @ApiProperty({ maxLength: 64, pattern: '^[0-9a-f]{64}$' }) hash!: string;
  @ApiProperty() masked!: boolean;
}

export class AuditEventPageDto {
  @ApiProperty({ type: [AuditEventDto], maxItems: 500 }) items!: AuditEventDto[];
  @ApiProperty({ type: String, nullable: true, maxLength: 500 }) nextCursor!: string | null;
}

export class BrokenLinkDto {
  @ApiProperty({ format: 'date', maxLength: 10 }) segmentDate!: string;
  @ApiProperty({ maxLength: 20 }) seq!: string;
  @ApiProperty({ format: 'uuid', maxLength: 36 }) id!: string;
  @ApiProperty({ enum: ['HASH_MISMATCH', 'PREV_LINK_MISMATCH'] }) reason!: 'HASH_MISMATCH' | 'PREV_LINK_MISMATCH';
}

export class SegmentHeadDto {
  @ApiProperty({ format: 'date', maxLength: 10 }) segmentDate!: string;
  @ApiProperty({ maxLength: 20 }) lastSeq!: string;
  @ApiProperty({ maxLength: 64 }) hash!: string;
  @ApiProperty() events!: number;
}

export class ChainReportDto {
  @ApiProperty() ok!: boolean;
  @ApiProperty() checkedEvents!: number;
  @ApiProperty() segments!: number;
  @ApiProperty({ format: 'date', nullable: true, type: String, maxLength: 10 }) from!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String, maxLength: 10 }) to!: string | null;
  @ApiProperty({ type: BrokenLinkDto, nullable: true }) firstBroken!: BrokenLinkDto | null;
  @ApiProperty({ type: [SegmentHeadDto], maxItems: 100000 }) segmentHeads!: SegmentHeadDto[];
}
