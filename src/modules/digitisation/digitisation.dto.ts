import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
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

export class CreateProjectDto {
  @ApiProperty({ maxLength: 40, pattern: '^[A-Z0-9][A-Z0-9._-]{0,39}$', example: 'NCC-HUYEN-X' })
  @Matches(/^[A-Z0-9][A-Z0-9._-]{0,39}$/)
  code!: string;

  @ApiProperty({ maxLength: 300, example: 'Hồ sơ người có công huyện X' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name!: string;

  @ApiPropertyOptional({ format: 'uuid', maxLength: 36 })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}

export class RegisterFileDto {
  @ApiProperty({ maxLength: 60, example: 'HOP-001' })
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  boxCode!: string;

  @ApiProperty({ maxLength: 100, example: 'NCC.X.001.0001' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  archiveCode!: string;
}

export class EntryDto {
  @ApiProperty({ maxLength: 200, example: 'Nguyễn Văn An' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  fullName!: string;

  @ApiProperty({ maxLength: 10, pattern: '^\\d{4}(-\\d{2}-\\d{2})?$', example: '1950-03-02' })
  @Matches(/^\d{4}(-\d{2}-\d{2})?$/)
  birth!: string;

  @ApiProperty({ enum: ['MALE', 'FEMALE'] })
  @IsIn(['MALE', 'FEMALE'])
  gender!: 'MALE' | 'FEMALE';

  @ApiPropertyOptional({ maxLength: 12, pattern: '^[0-9]{12}$' })
  @IsOptional()
  @Matches(/^[0-9]{12}$/)
  cccd?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  injuryRate?: number;

  @ApiPropertyOptional({ maxLength: 100, example: '123/QĐ-UBND' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  decisionNumber?: string;

  @ApiPropertyOptional({ maxLength: 10, pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  decisionDate?: string;

  @ApiPropertyOptional({ maxLength: 60 })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  category?: string;

  @ApiPropertyOptional({ maxLength: 40 })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  householdCode?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;
}

export class VerifyDto {
  @ApiProperty({ description: 'true: the entered data matches the scan; false: send it back to data entry' })
  @IsBoolean()
  agree!: boolean;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class LinkDto {
  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, description: 'Explicit person; omitted: dedup rules decide' })
  @IsOptional()
  @IsUUID()
  personId?: string;
}

export class StatsQuery {
  @ApiPropertyOptional({ maxLength: 10, pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  from?: string;

  @ApiPropertyOptional({ maxLength: 10, pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  to?: string;
}
