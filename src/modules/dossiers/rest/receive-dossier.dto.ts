import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsObject,
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
import { CHANNELS, type Channel } from 'src/modules/dossiers/domain/portal-codes';

export const DOCUMENT_FORMS = ['ORIGINAL', 'CERTIFIED_COPY', 'COPY', 'ELECTRONIC'] as const;

export class ApplicantDto {
  @ApiProperty({ enum: ['PERSON', 'ORGANISATION'], example: 'PERSON' })
  @IsIn(['PERSON', 'ORGANISATION'])
  kind!: 'PERSON' | 'ORGANISATION';

  @ApiProperty({ maxLength: 300, example: 'Nguyễn Văn An' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name!: string;

  @ApiPropertyOptional({
    description: 'Citizen-ID number (12 digits) or tax code; stored for matching, never listed or logged',
    maxLength: 20,
    pattern: '^[0-9A-Z-]{6,20}$',
    example: '040190001234',
  })
  @IsOptional()
  @Matches(/^[0-9A-Z-]{6,20}$/)
  idNumber?: string;

  @ApiPropertyOptional({ maxLength: 16, pattern: '^\\+?[0-9]{8,15}$', example: '0912345678' })
  @IsOptional()
  @Matches(/^\+?[0-9]{8,15}$/)
  phone?: string;

  @ApiPropertyOptional({ maxLength: 254, format: 'email', example: 'an@example.vn' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ maxLength: 500, example: 'Xóm 3, xã Nghi Lộc, Nghệ An' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;

  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, description: 'Registry person, when the portal knows it' })
  @IsOptional()
  @IsUUID()
  registryPersonId?: string;
}

/** The deceased person of a death-registration dossier (liên thông khai tử): the applicant is the declarant. */
export class DeceasedDto {
  @ApiProperty({
    description: 'Citizen-ID number of the deceased (12 digits); stored for matching, never listed or logged',
    maxLength: 12,
    pattern: '^[0-9]{12}$',
    example: '040150001234',
  })
  @Matches(/^[0-9]{12}$/)
  idNumber!: string;

  @ApiProperty({ maxLength: 300, example: 'Nguyễn Văn Bình' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  fullName!: string;

  @ApiProperty({ format: 'date', maxLength: 10, example: '2026-03-01', description: 'Date of death (not after the submission)' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/)
  deathDate!: string;
}

export class SubmittedDocumentDto {
  @ApiPropertyOptional({ maxLength: 60, pattern: '^[A-Za-z0-9._-]{1,60}$', example: 'DON' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,60}$/)
  checklistCode?: string;

  @ApiPropertyOptional({ maxLength: 500, example: 'Đơn đề nghị' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  name?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, example: 1 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  copies?: number;

  @ApiPropertyOptional({ enum: DOCUMENT_FORMS, example: 'COPY' })
  @IsOptional()
  @IsIn(DOCUMENT_FORMS)
  form?: (typeof DOCUMENT_FORMS)[number];
}

export class ReceiveDossierDto {
  @ApiProperty({ maxLength: 60, pattern: '^[0-9A-Z.-]{1,60}$', example: '1.001776' })
  @Matches(/^[0-9A-Z.-]{1,60}$/)
  procedureCode!: string;

  @ApiProperty({ enum: CHANNELS, example: 'ONLINE' })
  @IsIn(CHANNELS)
  channel!: Channel;

  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, description: "Receiving agency; default the caller's" })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiProperty({ type: ApplicantDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ApplicantDto)
  applicant!: ApplicantDto;

  @ApiPropertyOptional({ type: DeceasedDto, description: 'Death-registration procedures: the deceased person' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DeceasedDto)
  deceased?: DeceasedDto;

  @ApiProperty({ type: [SubmittedDocumentDto], maxItems: 100 })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SubmittedDocumentDto)
  documents!: SubmittedDocumentDto[];

  @ApiPropertyOptional({ format: 'date', maxLength: 10, example: '2026-03-05', description: 'POSTAL: postmark date' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  postmarkDate?: string;

  @ApiPropertyOptional({ description: 'The desk accepts at once (completeness checked on the spot)', example: false })
  @IsOptional()
  @IsBoolean()
  acceptNow?: boolean;
}

export class SupplementDto {
  @ApiProperty({ minimum: 1, maximum: 2147483647, example: 3, description: 'The version you read (optimistic locking)' })
  @IsInt()
  @Min(1)
  @Max(2147483647)
  version!: number;

  @ApiProperty({ type: [SubmittedDocumentDto], maxItems: 100 })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SubmittedDocumentDto)
  documents!: SubmittedDocumentDto[];
}

export class AddDocumentDto {
  @ApiProperty({ minimum: 1, maximum: 2147483647, example: 2 })
  @IsInt()
  @Min(1)
  @Max(2147483647)
  version!: number;

  @ApiPropertyOptional({ maxLength: 60, pattern: '^[A-Za-z0-9._-]{1,60}$', example: 'GIAY_KHAI_TU' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,60}$/)
  checklistCode?: string;

  @ApiProperty({ maxLength: 500, example: 'Giấy chứng tử (bản sao)' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  name!: string;

  @ApiPropertyOptional({ maxLength: 255, example: 'giay-chung-tu.pdf' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  fileName?: string;

  @ApiPropertyOptional({ maxLength: 100, pattern: '^[a-z]+/[a-z0-9.+-]+$', example: 'application/pdf' })
  @IsOptional()
  @Matches(/^[a-z]+\/[a-z0-9.+-]+$/)
  @MaxLength(100)
  contentType?: string;

  @ApiPropertyOptional({ maxLength: 30_000_000, format: 'byte', description: 'File content, base64' })
  @IsOptional()
  @IsString()
  @MaxLength(30_000_000)
  contentBase64?: string;
}

export class TrackingQuery {
  @ApiProperty({ maxLength: 60, pattern: '^[0-9A-Z.]{1,35}-\\d{6}-\\d{4,}$', example: 'H40.12-260305-0012' })
  @IsString()
  @MaxLength(60)
  code!: string;

  @ApiProperty({ maxLength: 16, pattern: '^\\+?[0-9]{4,15}$', description: 'Last 4 digits of the ID number, or the phone number', example: '1234' })
  @Matches(/^\+?[0-9]{4,15}$/)
  factor!: string;
}

export class ChangesQuery {
  @ApiPropertyOptional({ maxLength: 500, description: 'nextCursor of the previous call' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, example: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class AttachResultDto {
  @ApiProperty({ minimum: 1, maximum: 2147483647, example: 6 })
  @IsInt()
  @Min(1)
  @Max(2147483647)
  version!: number;

  @ApiProperty({ maxLength: 255, example: 'quyet-dinh-12.pdf' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  fileName!: string;

  @ApiProperty({ maxLength: 100, pattern: '^[a-z]+/[a-z0-9.+-]+$', example: 'application/pdf' })
  @Matches(/^[a-z]+\/[a-z0-9.+-]+$/)
  @MaxLength(100)
  contentType!: string;

  @ApiProperty({ maxLength: 30_000_000, format: 'byte', description: 'File content, base64' })
  @IsString()
  @MinLength(1)
  @MaxLength(30_000_000)
  contentBase64!: string;

  @ApiProperty({ description: 'Electronic copy with legal value (số hóa kết quả)', example: true })
  @IsBoolean()
  digitised!: boolean;
}
