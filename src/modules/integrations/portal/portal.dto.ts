import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { DOSSIER_STATES, type DossierState } from 'src/modules/dossiers/domain/dossier-state';
import { ReceiveDossierDto } from 'src/modules/dossiers/rest/receive-dossier.dto';
import type { DossierEntity } from 'src/modules/dossiers/entities/dossier.entity';

/**
 * An online dossier from a portal: the dossier module's receipt body (applicant, documents, receiving agency), with
 * the portal's own procedure code (mapped to the catalog by the admin table) instead of the catalog's.
 */
export class PortalSubmitDto extends PickType(ReceiveDossierDto, ['agencyId', 'applicant', 'documents'] as const) {
  @ApiProperty({ maxLength: 60, pattern: '^[A-Za-z0-9._-]{1,60}$', example: '1.001776' })
  @Matches(/^[A-Za-z0-9._-]{1,60}$/)
  procedureCode!: string;
}

export const MULTIPART_MAX_FILES = 20;

/** One file part of a multipart submission, declared in the `dossier` JSON part before it. */
export class PortalFilePartDto {
  @ApiProperty({ maxLength: 40, pattern: '^[A-Za-z0-9_-]{1,40}$', example: 'file1', description: 'Form field name of the file part' })
  @Matches(/^[A-Za-z0-9_-]{1,40}$/)
  part!: string;

  @ApiPropertyOptional({ maxLength: 60, pattern: '^[A-Za-z0-9._-]{1,60}$', example: 'DON', description: 'Checklist document the file is' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,60}$/)
  checklistCode?: string;

  @ApiPropertyOptional({ maxLength: 500, example: 'Đơn đề nghị (bản scan)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  name?: string;

  @ApiProperty({ maxLength: 255, example: 'don-de-nghi.pdf' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  fileName!: string;

  @ApiProperty({ maxLength: 100, pattern: '^[a-z]+/[a-z0-9.+-]+$', example: 'application/pdf', description: 'Must equal the part\'s Content-Type and be allowed' })
  @Matches(/^[a-z]+\/[a-z0-9.+-]+$/)
  @MaxLength(100)
  contentType!: string;

  @ApiProperty({ minimum: 0, maximum: 1073741824, example: 48213 })
  @IsInt()
  @Min(0)
  @Max(1073741824)
  sizeBytes!: number;

  @ApiProperty({ maxLength: 64, pattern: '^[0-9a-f]{64}$', description: 'Hex SHA-256 of the content, checked while it streams' })
  @Matches(/^[0-9a-f]{64}$/)
  sha256!: string;
}

/** The `dossier` JSON part of a multipart submission: the dossier, and the file parts that follow it. */
export class PortalMultipartSubmitDto extends PortalSubmitDto {
  @ApiProperty({ type: [PortalFilePartDto], minItems: 1, maxItems: MULTIPART_MAX_FILES })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MULTIPART_MAX_FILES)
  @ValidateNested({ each: true })
  @Type(() => PortalFilePartDto)
  files!: PortalFilePartDto[];
}

export class PortalWithdrawDto {
  @ApiProperty({ minimum: 1, maximum: 2147483647, example: 3 })
  @IsInt()
  @Min(1)
  @Max(2147483647)
  version!: number;

  @ApiProperty({ maxLength: 1000, example: 'Người nộp đề nghị rút hồ sơ' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason!: string;
}

/** A dossier as a portal sees it: the internal state and the portal's own status code from the mapping table. */
export class PortalDossierView {
  @ApiProperty({ format: 'uuid', maxLength: 36 }) id!: string;
  @ApiProperty({ maxLength: 60, example: 'H40.12-260305-0012' }) code!: string;
  @ApiProperty({ enum: DOSSIER_STATES, example: 'SUBMITTED' }) state!: DossierState;
  @ApiProperty({ maxLength: 40, nullable: true, type: String, example: '1', description: "The portal's status code (admin mapping table)" })
  portalStatus!: string | null;
  @ApiProperty({ maxLength: 60, example: '1.001776' }) procedureCode!: string;
  @ApiProperty({ format: 'date-time', maxLength: 40 }) submittedAt!: string;
  @ApiPropertyOptional({ format: 'date', maxLength: 10, nullable: true, type: String }) dueDate!: string | null;
  @ApiProperty({ minimum: 1, maximum: 2147483647, description: 'Send it back on writes (optimistic locking)' }) version!: number;
}

export function toPortalView(d: DossierEntity, statuses: Map<string, string>): PortalDossierView {
  return {
    id: d.id,
    code: d.code,
    state: d.state,
    portalStatus: statuses.get(d.state) ?? null,
    procedureCode: d.procedureCode,
    submittedAt: d.submittedAt.toISOString(),
    dueDate: d.dueDate,
    version: d.version,
  };
}

export class PortalChangeView {
  @ApiProperty({ maxLength: 20, example: '4211' }) eventId!: string;
  @ApiProperty({ format: 'uuid', maxLength: 36 }) dossierId!: string;
  @ApiProperty({ maxLength: 60 }) code!: string;
  @ApiProperty({ maxLength: 100, example: 'dossier.received' }) type!: string;
  @ApiProperty({ maxLength: 60, nullable: true, type: String }) toState!: string | null;
  @ApiProperty({ maxLength: 40, nullable: true, type: String }) portalStatus!: string | null;
  @ApiProperty({ format: 'date-time', maxLength: 40 }) occurredAt!: string;
}

export class PortalChangePage {
  @ApiProperty({ type: [PortalChangeView], maxItems: 500 }) items!: PortalChangeView[];
  @ApiProperty({ maxLength: 500, nullable: true, type: String }) nextCursor!: string | null;
}
