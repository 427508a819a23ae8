import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';

const KINDS = ['MONTH', 'QUARTER', 'HALF_YEAR', 'YEAR'] as const;

/** Either an official period (kind, year, index) or explicit dates (from, to). */
export class PeriodQuery {
  @ApiPropertyOptional({
    enum: KINDS,
    description: 'Official period (Decree 09/2019 art. 12); or give from/to',
  })
  @IsOptional()
  @IsIn(KINDS)
  kind?: (typeof KINDS)[number];

  @ApiPropertyOptional({ minimum: 2000, maximum: 2100, example: 2024 })
  @ValidateIf((q: PeriodQuery) => q.kind !== undefined)
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 12,
    description: 'Month 1–12, quarter 1–4, half 1–2; ignored for YEAR',
    example: 1,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(12)
  index?: number;

  @ApiPropertyOptional({ format: 'date', maxLength: 10 })
  @ValidateIf((q: PeriodQuery) => q.kind === undefined)
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date', maxLength: 10 })
  @ValidateIf((q: PeriodQuery) => q.kind === undefined)
  @IsDateString({ strict: true })
  to?: string;
}

export function periodOf(
  q: PeriodQuery,
): { kind: (typeof KINDS)[number]; year: number; index: number } | { from: string; to: string } {
  return q.kind
    ? { kind: q.kind, year: q.year as number, index: q.index ?? 1 }
    : { from: q.from as string, to: q.to as string };
}
