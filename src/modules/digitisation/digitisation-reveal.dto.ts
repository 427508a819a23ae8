import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Entered data in full (only in the audited reveal). */
export class RevealedEntryDataDto {
  @ApiProperty({ maxLength: 200, example: 'Nguyễn Văn An' }) fullName!: string;
  @ApiProperty({ maxLength: 10, pattern: '^\\d{4}(-\\d{2}-\\d{2})?$', example: '1950-03-02' }) birth!: string;
  @ApiProperty({ enum: ['MALE', 'FEMALE'] }) gender!: 'MALE' | 'FEMALE';
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 12, pattern: '^[0-9]{12}$' }) cccd?: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 100 }) injuryRate?: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100 }) decisionNumber?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 10, format: 'date' }) decisionDate?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 60 }) category?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 40 }) householdCode?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 }) address?: string | null;
}

export class RevealedEntryDto {
  @ApiProperty({ maxLength: 200 }) clerk!: string;
  @ApiProperty({ type: RevealedEntryDataDto }) data!: RevealedEntryDataDto;
  @ApiProperty({ format: 'date-time', maxLength: 40 }) createdAt!: Date;
}

export class RevealedFileDataDto {
  @ApiProperty({ format: 'uuid', maxLength: 36 }) fileId!: string;
  @ApiProperty({ type: RevealedEntryDataDto, nullable: true, description: 'The agreed data after double entry' })
  data!: RevealedEntryDataDto | null;
  @ApiProperty({ type: [RevealedEntryDto], maxItems: 2, description: "The clerks' current entries, oldest first" })
  entries!: RevealedEntryDto[];
}
