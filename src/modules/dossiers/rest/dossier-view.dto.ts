import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DOSSIER_STATES, type DossierState } from 'src/modules/dossiers/domain/dossier-state';
import { CHANNELS, portalChannel, portalStatus, type Channel } from 'src/modules/dossiers/domain/portal-codes';
import type { DossierEntity } from 'src/modules/dossiers/entities/dossier.entity';

/** A dossier as portals see it. No citizen-ID number, phone or address. */
export class DossierView {
  @ApiProperty({ format: 'uuid', maxLength: 36 }) id!: string;
  @ApiProperty({ maxLength: 60, example: 'H40.12-260305-0012' }) code!: string;
  @ApiProperty({ enum: DOSSIER_STATES, example: 'RECEIVED' }) state!: DossierState;
  @ApiProperty({ minimum: 1, maximum: 10, example: 2, description: 'National portal TrangThaiHoSo' }) portalStatus!: number;
  @ApiProperty({ enum: CHANNELS, example: 'ONLINE' }) channel!: Channel;
  @ApiProperty({ minimum: 1, maximum: 3, example: 2, description: 'National portal KenhThucHien' }) portalChannel!: number;
  @ApiProperty({ maxLength: 60, example: '1.001776' }) procedureCode!: string;
  @ApiProperty({ format: 'uuid', maxLength: 36 }) procedureVersionId!: string;
  @ApiProperty({ format: 'uuid', maxLength: 36 }) agencyId!: string;
  @ApiProperty({ format: 'uuid', maxLength: 36 }) handlingAgencyId!: string;
  @ApiProperty({ maxLength: 300, example: 'Nguyễn Văn An' }) applicantName!: string;
  @ApiProperty({ format: 'date-time', maxLength: 40 }) submittedAt!: string;
  @ApiPropertyOptional({ format: 'date-time', maxLength: 40, nullable: true }) acceptedAt!: string | null;
  @ApiPropertyOptional({ format: 'date', maxLength: 10, nullable: true, description: 'Appointment date' }) dueDate!: string | null;
  @ApiProperty({ minimum: 0, maximum: 10000 }) pausedWorkingDays!: number;
  @ApiPropertyOptional({ maxLength: 100, nullable: true }) decisionNumber!: string | null;
  @ApiPropertyOptional({ format: 'date', maxLength: 10, nullable: true }) decisionDate!: string | null;
  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, nullable: true }) resultFileId!: string | null;
  @ApiProperty() resultDigitised!: boolean;
  @ApiProperty({ minimum: 1, maximum: 2147483647, description: 'Send it back on writes (optimistic locking)' }) version!: number;
}

export function toDossierView(d: DossierEntity): DossierView {
  return {
    id: d.id,
    code: d.code,
    state: d.state,
    portalStatus: portalStatus(d.state),
    channel: d.channel,
    portalChannel: portalChannel(d.channel),
    procedureCode: d.procedureCode,
    procedureVersionId: d.procedureVersionId,
    agencyId: d.agencyId,
    handlingAgencyId: d.handlingAgencyId,
    applicantName: d.applicantName,
    submittedAt: d.submittedAt.toISOString(),
    acceptedAt: d.acceptedAt ? d.acceptedAt.toISOString() : null,
    dueDate: d.dueDate,
    pausedWorkingDays: d.pausedWorkingDays,
    decisionNumber: d.decisionNumber,
    decisionDate: d.decisionDate,
    resultFileId: d.resultFileId,
    resultDigitised: d.resultDigitised,
    version: d.version,
  };
}
