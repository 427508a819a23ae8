import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DOSSIER_STATES, allowedActions, type DossierState } from 'src/modules/dossiers/domain/dossier-state';
import { CHANNELS, portalChannel, portalStatus, type Channel } from 'src/modules/dossiers/domain/portal-codes';
import type { DossierEntity } from 'src/modules/dossiers/entities/dossier.entity';

export const DossierStateEnum = Object.fromEntries(DOSSIER_STATES.map((s) => [s, s])) as Record<DossierState, DossierState>;
registerEnumType(DossierStateEnum, { name: 'DossierState' });
export const ChannelEnum = Object.fromEntries(CHANNELS.map((c) => [c, c])) as Record<Channel, Channel>;
registerEnumType(ChannelEnum, { name: 'DossierChannel' });
export enum WorkQueueKindEnum {
  ASSIGNED_TO_ME = 'ASSIGNED_TO_ME',
  UNIT_UNASSIGNED = 'UNIT_UNASSIGNED',
  DUE_SOON = 'DUE_SOON',
  OVERDUE = 'OVERDUE',
}
registerEnumType(WorkQueueKindEnum, { name: 'WorkQueueKind' });

@ObjectType('DossierApplicant', { description: 'The applicant; the citizen-ID number and phone are never returned' })
export class ApplicantObject {
  @Field() kind!: string;
  @Field() name!: string;
  @Field({ description: 'Whether an ID number was recorded (it is used for registry matching and tracking only)' })
  hasIdNumber!: boolean;
  @Field(() => ID, { nullable: true }) registryPersonId!: string | null;
}

@ObjectType('DossierStep')
export class DossierStepObject {
  @Field(() => ID) id!: string;
  @Field(() => Int) seq!: number;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) level!: string | null;
  @Field(() => ID, { nullable: true }) assigneeUserId!: string | null;
  @Field() status!: string;
  @Field(() => GraphQLISODateTime, { nullable: true }) dueAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) finishedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'EARLY / ON_TIME / LATE' }) outcome!: string | null;
}

@ObjectType('DossierEvent', { description: 'One entry of the append-only history' })
export class DossierEventObject {
  @Field(() => ID) id!: string;
  @Field() type!: string;
  @Field(() => String, { nullable: true }) fromState!: string | null;
  @Field(() => String, { nullable: true }) toState!: string | null;
  @Field() actorKind!: string;
  @Field() actorName!: string;
  @Field(() => GraphQLISODateTime) occurredAt!: Date;
  @Field({ description: 'Event facts as JSON (no personal identifiers)' }) payload!: string;
}

@ObjectType('DossierHandover', { description: 'A line of the process control slip' })
export class DossierHandoverObject {
  @Field(() => ID, { nullable: true }) fromStepId!: string | null;
  @Field(() => ID, { nullable: true }) toStepId!: string | null;
  @Field(() => ID, { nullable: true }) fromAgencyId!: string | null;
  @Field(() => ID, { nullable: true }) toAgencyId!: string | null;
  @Field() fromPerson!: string;
  @Field(() => String, { nullable: true }) toPerson!: string | null;
  @Field(() => GraphQLISODateTime) handedAt!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) stepDueAt!: Date | null;
  @Field(() => String, { nullable: true }) stepOutcome!: string | null;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType('DossierProcedure')
export class DossierProcedureObject {
  @Field(() => ID) versionId!: string;
  @Field() code!: string;
  @Field() name!: string;
  @Field(() => Float, { nullable: true }) timeLimitAmount!: number | null;
  @Field(() => String, { nullable: true }) timeLimitUnit!: string | null;
}

@ObjectType('Dossier')
export class DossierObject {
  @Field(() => ID) id!: string;
  @Field() code!: string;
  @Field(() => DossierStateEnum) state!: DossierState;
  @Field(() => Int, { description: 'National portal TrangThaiHoSo 1–10' }) portalStatus!: number;
  @Field(() => ChannelEnum) channel!: Channel;
  @Field(() => Int, { description: 'National portal KenhThucHien 1–3' }) portalChannel!: number;
  @Field() procedureCode!: string;
  @Field(() => ID) procedureVersionId!: string;
  @Field(() => ID) agencyId!: string;
  @Field(() => ID) handlingAgencyId!: string;
  @Field() handlingLevel!: string;
  @Field(() => ApplicantObject) applicant!: ApplicantObject;
  @Field(() => ID, { nullable: true }) assigneeUserId!: string | null;
  @Field(() => GraphQLISODateTime) submittedAt!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) acceptedAt!: Date | null;
  @Field(() => String, { nullable: true }) countingStart!: string | null;
  @Field(() => String, { nullable: true, description: 'Appointment date' }) dueDate!: string | null;
  @Field(() => String, { nullable: true }) originalDueDate!: string | null;
  @Field() appointmentMoved!: boolean;
  @Field(() => Int) pausedWorkingDays!: number;
  @Field(() => Int) supplementRequests!: number;
  @Field(() => GraphQLISODateTime, { nullable: true }) resolvedAt!: Date | null;
  @Field(() => String, { nullable: true }) decisionNumber!: string | null;
  @Field(() => String, { nullable: true }) decisionSigner!: string | null;
  @Field(() => String, { nullable: true }) decisionDate!: string | null;
  @Field(() => String, { nullable: true }) decisionReason!: string | null;
  @Field(() => String, { nullable: true }) legalBasis!: string | null;
  @Field(() => ID, { nullable: true }) resultFileId!: string | null;
  @Field() resultDigitised!: boolean;
  @Field(() => GraphQLISODateTime, { nullable: true }) resultReturnedAt!: Date | null;
  @Field(() => [String]) allowedActions!: string[];
  @Field(() => Int) version!: number;
}

@ObjectType('DossierPage')
export class DossierPage {
  @Field(() => [DossierObject]) items!: DossierObject[];
  @Field(() => String, { nullable: true }) endCursor!: string | null;
  @Field() hasNextPage!: boolean;
}

@ObjectType('DossierSlipLine')
export class SlipLineObject {
  @Field() label!: string;
  @Field() value!: string;
}

@ObjectType('DossierSlip', { description: 'Slip data; the PDF is at GET /dossiers/{id}/slips/{kind}' })
export class DossierSlipObject {
  @Field() kind!: string;
  @Field() form!: string;
  @Field() title!: string;
  @Field() code!: string;
  @Field(() => [SlipLineObject]) lines!: SlipLineObject[];
  @Field(() => [[String]], { nullable: true }) rows!: string[][] | null;
}

@ObjectType('DossierApologyCounts')
export class ApologyCountsObject {
  @Field(() => Int) overdue!: number;
  @Field(() => Int) apologyInTime!: number;
  @Field(() => Int) apologyLate!: number;
  @Field(() => Int) overdueWithoutApology!: number;
}

export function toDossierObject(d: DossierEntity): DossierObject {
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
    handlingLevel: d.handlingLevel,
    applicant: {
      kind: d.applicantKind,
      name: d.applicantName,
      hasIdNumber: d.applicantIdNumber !== null,
      registryPersonId: d.registryPersonId,
    },
    assigneeUserId: d.assigneeUserId,
    submittedAt: d.submittedAt,
    acceptedAt: d.acceptedAt,
    countingStart: d.countingStart,
    dueDate: d.dueDate,
    originalDueDate: d.originalDueDate,
    appointmentMoved: d.appointmentMoved,
    pausedWorkingDays: d.pausedWorkingDays,
    supplementRequests: d.supplementRequests,
    resolvedAt: d.resolvedAt,
    decisionNumber: d.decisionNumber,
    decisionSigner: d.decisionSigner,
    decisionDate: d.decisionDate,
    decisionReason: d.decisionReason,
    legalBasis: d.legalBasis,
    resultFileId: d.resultFileId,
    resultDigitised: d.resultDigitised,
    resultReturnedAt: d.resultReturnedAt,
    allowedActions: allowedActions(d.state),
    version: d.version,
  };
}
