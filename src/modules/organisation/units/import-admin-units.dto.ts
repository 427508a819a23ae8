import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { AdminUnitFiles } from 'src/modules/organisation/units/admin-units-csv';

const MAX_FILE_CHARS = 2_000_000;
const csv = (file: string, header: string) => ({
  description: `Text of \`${file}\` (UTF-8 CSV, header \`${header}\`, codes as strings with leading zeros)`,
  maxLength: MAX_FILE_CHARS,
  example: `${header}\n…`,
});

/**
 * The national (or one province's) administrative-unit lists as CSV text, one member per file of
 * `data/admin-units/`. Any subset may be sent; everything given is loaded in one transaction or nothing is.
 */
export class ImportAdminUnitsDto implements AdminUnitFiles {
  @ApiPropertyOptional(csv('provinces_old.csv', 'code,name,type,parent_code,short_name,successor_province_code'))
  @IsOptional() @IsString() @MaxLength(MAX_FILE_CHARS)
  provincesOld?: string;

  @ApiPropertyOptional(csv('districts_old.csv', 'code,name,type,province_code,short_name'))
  @IsOptional() @IsString() @MaxLength(MAX_FILE_CHARS)
  districtsOld?: string;

  @ApiPropertyOptional(csv('communes_old.csv', 'code,name,type,district_code,short_name,province_code'))
  @IsOptional() @IsString() @MaxLength(MAX_FILE_CHARS)
  communesOld?: string;

  @ApiPropertyOptional(csv('provinces_2025.csv', 'code,name,type,merged_from,short_name'))
  @IsOptional() @IsString() @MaxLength(MAX_FILE_CHARS)
  provinces2025?: string;

  @ApiPropertyOptional(csv('communes_2025.csv', 'code,name,type,province_code,short_name'))
  @IsOptional() @IsString() @MaxLength(MAX_FILE_CHARS)
  communes2025?: string;

  @ApiPropertyOptional(
    csv('commune_succession.csv', 'old_commune_code,new_commune_code,coverage,old_province_code,new_province_code'),
  )
  @IsOptional() @IsString() @MaxLength(MAX_FILE_CHARS)
  communeSuccession?: string;

  @ApiPropertyOptional(
    csv(
      'district_succession_special.csv',
      'old_district_code,new_commune_code,coverage,old_province_code,new_province_code',
    ),
  )
  @IsOptional() @IsString() @MaxLength(MAX_FILE_CHARS)
  districtSuccessionSpecial?: string;
}

export class AdminUnitImportResultDto {
  @ApiProperty({ example: 63 }) provincesOld!: number;
  @ApiProperty({ example: 696 }) districtsOld!: number;
  @ApiProperty({ example: 10047 }) communesOld!: number;
  @ApiProperty({ example: 34 }) provinces2025!: number;
  @ApiProperty({ example: 3321 }) communes2025!: number;
  @ApiProperty({ example: 10599 }) communeSuccessions!: number;
  @ApiProperty({ example: 5 }) specialDistrictSuccessions!: number;
  @ApiProperty({ example: 63 }) provinceSuccessions!: number;
}
