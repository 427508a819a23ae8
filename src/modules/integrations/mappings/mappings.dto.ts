import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { DOSSIER_STATES, type DossierState } from 'src/modules/dossiers/domain/dossier-state';

export class PortalQuery {
  @ApiPropertyOptional({ maxLength: 40, pattern: '^[A-Z0-9_]{1,40}$', example: 'DVCQG' })
  @IsOptional()
  @Matches(/^[A-Z0-9_]{1,40}$/)
  portal?: string;
}

export class StatusMappingDto {
  @ApiProperty({ maxLength: 40, pattern: '^[A-Z0-9_]{1,40}$', example: 'DVCQG' })
  @Matches(/^[A-Z0-9_]{1,40}$/)
  portal!: string;
  @ApiProperty({ enum: DOSSIER_STATES, example: 'RECEIVED' })
  @IsIn(DOSSIER_STATES)
  internalState!: DossierState;
  @ApiProperty({ maxLength: 40, example: '2' })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  portalCode!: string;
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class ProcedureMappingDto {
  @ApiProperty({ maxLength: 40, pattern: '^[A-Z0-9_]{1,40}$', example: 'DVCQG' })
  @Matches(/^[A-Z0-9_]{1,40}$/)
  portal!: string;
  @ApiProperty({ maxLength: 60, pattern: '^[A-Za-z0-9._-]{1,60}$', example: 'LDTBXH-1.001776' })
  @Matches(/^[A-Za-z0-9._-]{1,60}$/)
  portalCode!: string;
  @ApiProperty({ maxLength: 60, pattern: '^[0-9A-Z.-]{1,60}$', example: '1.001776' })
  @Matches(/^[0-9A-Z.-]{1,60}$/)
  catalogCode!: string;
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class StatusMappingView extends StatusMappingDto {
  @ApiProperty({ format: 'uuid', maxLength: 36 }) id!: string;
  @ApiProperty({ format: 'date-time', maxLength: 40 }) updatedAt!: Date;
}

export class ProcedureMappingView extends ProcedureMappingDto {
  @ApiProperty({ format: 'uuid', maxLength: 36 }) id!: string;
  @ApiProperty({ format: 'date-time', maxLength: 40 }) updatedAt!: Date;
}

export class ClientSettingsDto {
  @ApiPropertyOptional({ maxLength: 40, pattern: '^[A-Z0-9_]{1,40}$', example: 'DVCQG' })
  @IsOptional()
  @Matches(/^[A-Z0-9_]{1,40}$/)
  portal?: string;
  @ApiPropertyOptional({ description: 'Refuse unsigned requests from this key' })
  @IsOptional()
  @IsBoolean()
  signingRequired?: boolean;
  @ApiPropertyOptional({ description: 'Issue a new signing secret (shown once in the answer)' })
  @IsOptional()
  @IsBoolean()
  rotateSecret?: boolean;
}

export class ClientSettingsView {
  @ApiProperty({ format: 'uuid', maxLength: 36 }) apiKeyId!: string;
  @ApiProperty({ maxLength: 40 }) portal!: string;
  @ApiProperty() signingRequired!: boolean;
  @ApiProperty() hasSigningSecret!: boolean;
  @ApiPropertyOptional({ maxLength: 100, nullable: true, type: String, description: 'Only when just rotated' })
  signingSecret?: string | null;
  @ApiProperty({ format: 'date-time', maxLength: 40 }) updatedAt!: Date;
}
