import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { RestPageQuery } from 'src/common/pagination/pagination';
import { UNIT_ERAS, UNIT_LEVELS, type UnitEra, type UnitLevel } from 'src/modules/organisation/entities/admin-unit.entity';

export class AdminUnitDto {
  @ApiProperty({ format: 'uuid', maxLength: 36 }) id!: string;
  @ApiProperty({ enum: UNIT_ERAS }) era!: UnitEra;
  @ApiProperty({ example: '17965', maxLength: 5, pattern: '^[0-9]{2,5}$' }) code!: string;
  @ApiProperty({ enum: UNIT_LEVELS }) level!: UnitLevel;
  @ApiProperty({ example: 'Phường Trường Vinh', maxLength: 200 }) name!: string;
  @ApiProperty({ example: 'Trường Vinh', maxLength: 200 }) shortName!: string;
  @ApiProperty({ example: 'phường', maxLength: 40 }) unitType!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, maxLength: 36 }) parentId!: string | null;
  @ApiProperty({ format: 'date', example: '2025-07-01', maxLength: 10 }) validFrom!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String, maxLength: 10 }) validTo!: string | null;
}

export class SuccessionLinkDto {
  @ApiProperty({ type: AdminUnitDto }) unit!: AdminUnitDto;
  @ApiProperty({ enum: ['FULL', 'PARTIAL'] }) coverage!: 'FULL' | 'PARTIAL';
  @ApiProperty({ format: 'date', maxLength: 10 }) effectiveFrom!: string;
}

export class AdminUnitDetailDto extends AdminUnitDto {
  @ApiProperty({ type: [SuccessionLinkDto], maxItems: 1000, description: 'New units this unit went into' })
  successors!: SuccessionLinkDto[];
  @ApiProperty({ type: [SuccessionLinkDto], maxItems: 1000, description: 'Old units that went into this unit' })
  predecessors!: SuccessionLinkDto[];
}

export class AdminUnitPageDto {
  @ApiProperty({ type: [AdminUnitDto], maxItems: 500 }) items!: AdminUnitDto[];
  @ApiProperty({ type: String, nullable: true, maxLength: 500 }) nextCursor!: string | null;
}

export class AdminUnitQuery extends RestPageQuery {
  @ApiPropertyOptional({ enum: UNIT_ERAS }) @IsOptional() @IsIn(UNIT_ERAS) era?: UnitEra;
  @ApiPropertyOptional({ enum: UNIT_LEVELS }) @IsOptional() @IsIn(UNIT_LEVELS) level?: UnitLevel;
  @ApiPropertyOptional({ format: 'uuid', maxLength: 36 }) @IsOptional() @IsUUID() parentId?: string;
  @ApiPropertyOptional({
    format: 'date',
    maxLength: 10,
    description: 'Only units in force on this date (old structure up to 2025-06-30, new from 2025-07-01)',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  @MaxLength(10)
  asOf?: string;
  @ApiPropertyOptional({ maxLength: 5, pattern: '^[0-9]{2,5}$' })
  @IsOptional()
  @Matches(/^[0-9]{2,5}$/)
  code?: string;
  @ApiPropertyOptional({ maxLength: 100, description: 'Name search, accents optional' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
