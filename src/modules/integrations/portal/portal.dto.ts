import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsInt,
  IsObject,
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
import { DOSSIER_STATES, type DossierState } from 'src/modules/dossiers/domain/dossier-state';
import { ApplicantDto, SubmittedDocumentDto } from 'src/modules/dossiers/rest/receive-dossier.dto';
import type { DossierEntity } from 'src/modules/dossiers/entities/dossier.entity';

/** An online dossier from a portal; the procedure code is the portal's (mapped to the catalog by the admin table). */
export class PortalSubmitDto {
  @ApiProperty({ maxLength: 60, pattern: '^[A-Za-z0-9._-]{1,60}$', example: '1.001776' })
  @Matches(/^[A-Za-z0-9._-]{1,60}$/)
  procedureCode!: string;

  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, description: "Receiving agency; default the API key's" })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiProperty({ type: ApplicantDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ApplicantDto)
  applicant!: ApplicantDto;

  @ApiProperty({ type: [SubmittedDocumentDto], maxItems: 100, description: 'Documents (pre-uploaded file references by checklist code)' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SubmittedDocumentDto)
  documents!: SubmittedDocumentDto[];
}

export class PortalSupplementDto {
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
