import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBase64,
  IsBoolean,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DATE_PATTERN } from 'src/common/http/api-fields';
import { ProcedureContentInput } from 'src/modules/procedures/api/decision.input';

/** The publication decision an import becomes (a draft until applied). */
export class DecisionHeaderInput {
  @ApiProperty({ maxLength: 100, example: '1234/QĐ-UBND' }) @IsString() @MaxLength(100) number!: string;
  @ApiProperty({ maxLength: 1000, required: false, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  title?: string | null;
  @ApiProperty({ maxLength: 300, required: false, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  issuer?: string | null;
  @ApiProperty({ maxLength: 200, required: false, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  signer?: string | null;
  @ApiProperty({ format: 'date', maxLength: 10, pattern: DATE_PATTERN.source })
  @Matches(DATE_PATTERN)
  signedOn!: string;
  @ApiProperty({ format: 'date', maxLength: 10, pattern: DATE_PATTERN.source })
  @Matches(DATE_PATTERN)
  effectiveFrom!: string;
  @ApiProperty({ maxLength: 4000, required: false, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string | null;
}

/** A procedure as exported by GET /procedures/export.json (the version fields are informative and ignored). */
export class CatalogProcedureInput extends ProcedureContentInput {
  @ApiProperty({ required: false, minimum: 1 }) @IsOptional() @IsInt() @Min(1) versionNo?: number;
  @ApiProperty({ required: false, nullable: true, format: 'date', maxLength: 10 })
  @IsOptional()
  @Matches(DATE_PATTERN)
  validFrom?: string | null;
  @ApiProperty({ required: false, nullable: true, maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  decisionNumber?: string | null;
  @ApiProperty({ required: false, nullable: true, type: Object, additionalProperties: true })
  @IsOptional()
  @IsObject()
  source?: Record<string, unknown> | null;
}

export class ImportCatalogJsonInput {
  @ApiProperty({ type: DecisionHeaderInput })
  @ValidateNested()
  @Type(() => DecisionHeaderInput)
  decision!: DecisionHeaderInput;
  @ApiProperty({ type: [CatalogProcedureInput], maxItems: 2000 })
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => CatalogProcedureInput)
  procedures!: CatalogProcedureInput[];
  @ApiProperty({ required: false, description: 'Abolish procedures in force that the file does not list' })
  @IsOptional()
  @IsBoolean()
  abolishMissing?: boolean;
}

export class ImportCatalogXlsxInput {
  @ApiProperty({ type: DecisionHeaderInput })
  @ValidateNested()
  @Type(() => DecisionHeaderInput)
  decision!: DecisionHeaderInput;
  @ApiProperty({ maxLength: 900_000, format: 'byte', description: 'The workbook (as exported), base64' })
  @IsString()
  @MaxLength(900_000)
  @IsBase64()
  fileBase64!: string;
  @ApiProperty({ required: false }) @IsOptional() @IsBoolean() abolishMissing?: boolean;
}
