import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { Roles, Scopes } from 'src/common/auth/auth.decorators';
import { ProcedureCatalogPort } from 'src/modules/dossiers/dossier-ports';
import {
  DossierEventEntity,
  DossierHandoverEntity,
  DossierStepEntity,
} from 'src/modules/dossiers/entities/dossier-parts.entity';
import {
  ApologyInputGql,
  DecisionInputGql,
  DocumentInputGql,
  DossiersArgs,
  MissingInputGql,
  ReceiveDossierInputGql,
  WorkQueueArgs,
} from 'src/modules/dossiers/graphql/dossier.inputs';
import {
  ApologyCountsObject,
  ChannelEnum,
  DossierEventObject,
  DossierHandoverObject,
  DossierObject,
  DossierPage,
  DossierProcedureObject,
  DossierSlipObject,
  DossierStepObject,
  toDossierObject,
} from 'src/modules/dossiers/graphql/dossier.object';
import { DossierPdfService, SLIP_KINDS, type SlipKind } from 'src/modules/dossiers/pdf/dossier-pdf.service';
import type { Channel } from 'src/modules/dossiers/domain/portal-codes';
import { DossierOutcomeService } from 'src/modules/dossiers/services/dossier-outcome.service';
import { DossierProcessingService } from 'src/modules/dossiers/services/dossier-processing.service';
import { DossierReceiptService } from 'src/modules/dossiers/services/dossier-receipt.service';
import { DossiersService } from 'src/modules/dossiers/services/dossiers.service';
import { DomainException } from 'src/common/errors/domain.exception';

const STAFF = ['RECEPTION_OFFICER', 'SPECIALIST', 'LEADER', 'ADMIN'] as const;

interface Loaders {
  steps: DataLoader<string, DossierStepObject[]>;
  events: DataLoader<string, DossierEventObject[]>;
  handovers: DataLoader<string, DossierHandoverObject[]>;
  procedures: DataLoader<string, DossierProcedureObject | null>;
}
const LOADERS = new WeakMap<object, Loaders>();

/** GraphQL for staff: queries with filters and cursors, the work queue, and every action on a dossier. */
@Resolver(() => DossierObject)
export class DossiersResolver {
  constructor(
    private readonly reads: DossiersService,
    private readonly receipt: DossierReceiptService,
    private readonly processing: DossierProcessingService,
    private readonly outcome: DossierOutcomeService,
    private readonly pdf: DossierPdfService,
    private readonly catalog: ProcedureCatalogPort,
    private readonly dataSource: DataSource,
  ) {}

  /** One loader set per GraphQL request: a page of N dossiers costs one query for steps and one for procedures. */
  private loaders(ctx: object): Loaders {
    let l = LOADERS.get(ctx);
    if (!l) {
      l = {
        steps: new DataLoader(async (ids) => {
          const rows = await this.dataSource
            .getRepository(DossierStepEntity)
            .createQueryBuilder('s')
            .where('s.dossier_id = any(:ids)', { ids: [...ids] })
            .orderBy('s.seq')
            .getMany();
          return ids.map((id) =>
            rows.filter((r) => r.dossierId === id).map((r) => ({ ...r, level: r.level, outcome: r.outcome })),
          );
        }),
        events: new DataLoader(async (ids) => {
          const rows = await this.dataSource
            .getRepository(DossierEventEntity)
            .createQueryBuilder('e')
            .where('e.dossier_id = any(:ids)', { ids: [...ids] })
            .orderBy('e.id')
            .getMany();
          return ids.map((id) =>
            rows.filter((r) => r.dossierId === id).map((r) => ({ ...r, payload: JSON.stringify(r.payload) })),
          );
        }),
        handovers: new DataLoader(async (ids) => {
          const rows = await this.dataSource
            .getRepository(DossierHandoverEntity)
            .createQueryBuilder('h')
            .where('h.dossier_id = any(:ids)', { ids: [...ids] })
            .orderBy('h.handed_at')
            .addOrderBy('h.id')
            .getMany();
          return ids.map((id) => rows.filter((r) => r.dossierId === id));
        }),
        procedures: new DataLoader(async (ids) => {
          const versions = await this.catalog.versionsByIds(ids);
          return ids.map((id) => {
            const v = versions.find((x) => x.id === id);
            return v
              ? { versionId: v.id, code: v.procedureCode, name: v.name, timeLimitAmount: v.timeLimit?.amount ?? null, timeLimitUnit: v.timeLimit?.unit ?? null }
              : null;
          });
        }),
      };
      LOADERS.set(ctx, l);
    }
    return l;
  }

  @ResolveField(() => [DossierStepObject])
  steps(@Parent() d: DossierObject, @Context() ctx: object): Promise<DossierStepObject[]> {
    return this.loaders(ctx).steps.load(d.id);
  }

  @ResolveField(() => [DossierEventObject], { description: 'The append-only history, oldest first' })
  events(@Parent() d: DossierObject, @Context() ctx: object): Promise<DossierEventObject[]> {
    return this.loaders(ctx).events.load(d.id);
  }

  @ResolveField(() => [DossierHandoverObject], { description: 'The process control slip' })
  handovers(@Parent() d: DossierObject, @Context() ctx: object): Promise<DossierHandoverObject[]> {
    return this.loaders(ctx).handovers.load(d.id);
  }

  @ResolveField(() => DossierProcedureObject, { nullable: true })
  procedure(@Parent() d: DossierObject, @Context() ctx: object): Promise<DossierProcedureObject | null> {
    return this.loaders(ctx).procedures.load(d.procedureVersionId);
  }

  @Roles(...STAFF)
  @Query(() => DossierObject)
  async dossier(@Args('id', { type: () => ID }) id: string): Promise<DossierObject> {
    return toDossierObject(await this.reads.get(id));
  }

  @Roles(...STAFF)
  @Query(() => DossierObject)
  async dossierByCode(@Args('code') code: string): Promise<DossierObject> {
    return toDossierObject(await this.reads.getByCode(code));
  }

  @Roles(...STAFF, 'REPORT_VIEWER')
  @Query(() => DossierPage)
  async dossiers(@Args() args: DossiersArgs): Promise<DossierPage> {
    const p = await this.reads.list(args.filter ?? {}, args.first, args.after);
    return { items: p.items.map(toDossierObject), endCursor: p.nextCursor, hasNextPage: p.nextCursor !== null };
  }

  @Roles(...STAFF)
  @Query(() => DossierPage, { description: 'Assigned to me, my unit’s unassigned, due soon, overdue' })
  async myWorkQueue(@Args() args: WorkQueueArgs): Promise<DossierPage> {
    const p = await this.reads.workQueue(args.kind, args.first, args.after);
    return { items: p.items.map(toDossierObject), endCursor: p.nextCursor, hasNextPage: p.nextCursor !== null };
  }

  @Roles(...STAFF)
  @Query(() => DossierSlipObject)
  async dossierSlip(@Args('id', { type: () => ID }) id: string, @Args('kind') kind: string): Promise<DossierSlipObject> {
    if (!(SLIP_KINDS as readonly string[]).includes(kind)) throw new DomainException('BAD_REQUEST', `Slips: ${SLIP_KINDS.join(', ')}`);
    const s = await this.pdf.data(id, kind as SlipKind);
    return { ...s, lines: s.lines.map(([label, value]) => ({ label, value })), rows: s.table?.rows ?? null };
  }

  @Roles(...STAFF, 'REPORT_VIEWER')
  @Query(() => ApologyCountsObject)
  dossierApologyCounts(): Promise<ApologyCountsObject> {
    return this.reads.apologyCounts();
  }

  // --- mutations ---

  @Roles('RECEPTION_OFFICER', 'ADMIN')
  @Scopes('dossiers:write')
  @Mutation(() => DossierObject)
  async receiveDossier(@Args('input') input: ReceiveDossierInputGql): Promise<DossierObject> {
    return toDossierObject((await this.receipt.receive(input)).dossier);
  }

  @Roles('RECEPTION_OFFICER', 'ADMIN')
  @Mutation(() => DossierObject)
  async acceptDossier(@Args('id', { type: () => ID }) id: string, @Args('version', { type: () => Int }) version: number): Promise<DossierObject> {
    return toDossierObject(await this.receipt.accept(id, version));
  }

  @Roles('RECEPTION_OFFICER', 'ADMIN')
  @Mutation(() => DossierObject)
  async requestDossierSupplementAtReceipt(
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('input') input: MissingInputGql,
  ): Promise<DossierObject> {
    return toDossierObject(await this.processing.requestSupplementAtReceipt(id, version, input.missing, input.reason));
  }

  @Roles('RECEPTION_OFFICER', 'ADMIN')
  @Mutation(() => DossierObject)
  async refuseDossier(
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('reason') reason: string,
  ): Promise<DossierObject> {
    return toDossierObject(await this.processing.refuse(id, version, reason.slice(0, 4000)));
  }

  @Roles(...STAFF)
  @Mutation(() => DossierObject, { description: 'Hand over to the next step (the first handover starts processing)' })
  async handoverDossier(
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('toUserId', { type: () => ID, nullable: true }) toUserId?: string,
    @Args('note', { nullable: true }) note?: string,
  ): Promise<DossierObject> {
    return toDossierObject(await this.processing.handover(id, version, { userId: toUserId, note: note?.slice(0, 2000) }));
  }

  @Roles('LEADER', 'ADMIN', 'SPECIALIST')
  @Mutation(() => DossierObject)
  async assignDossier(
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('userId', { type: () => ID }) userId: string,
  ): Promise<DossierObject> {
    return toDossierObject(await this.processing.assign(id, version, userId));
  }

  @Roles(...STAFF)
  @Mutation(() => DossierObject, { description: 'Inter-level transfer (commune → district → province, or commune → province)' })
  async transferDossier(
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('toAgencyId', { type: () => ID }) toAgencyId: string,
    @Args('note', { nullable: true }) note?: string,
  ): Promise<DossierObject> {
    return toDossierObject(await this.processing.transfer(id, version, toAgencyId, note?.slice(0, 2000)));
  }

  @Roles(...STAFF)
  @Mutation(() => DossierObject, { description: 'Ask the applicant for a supplement; the clock stops' })
  async requestDossierSupplement(
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('input') input: MissingInputGql,
  ): Promise<DossierObject> {
    return toDossierObject(await this.processing.requestSupplement(id, version, input.missing, input.reason));
  }

  @Roles('RECEPTION_OFFICER', 'ADMIN')
  @Mutation(() => DossierObject, { description: 'The supplement arrived; the clock resumes' })
  async supplementDossier(
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('documents', { type: () => [DocumentInputGql] }) documents: DocumentInputGql[],
  ): Promise<DossierObject> {
    return toDossierObject(await this.processing.supplement(id, version, documents.slice(0, 100)));
  }

  @Roles('LEADER', 'ADMIN')
  @Mutation(() => DossierObject)
  async approveDossier(
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('decision') decision: DecisionInputGql,
  ): Promise<DossierObject> {
    return toDossierObject(await this.processing.approve(id, version, decision));
  }

  @Roles('LEADER', 'ADMIN')
  @Mutation(() => DossierObject, { description: 'Refusal decision, with reasons and legal basis' })
  async rejectDossier(
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('decision') decision: DecisionInputGql,
  ): Promise<DossierObject> {
    return toDossierObject(await this.processing.reject(id, version, decision));
  }

  @Roles(...STAFF)
  @Mutation(() => DossierObject)
  async returnDossierNotEligible(
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('reason') reason: string,
  ): Promise<DossierObject> {
    return toDossierObject(await this.processing.returnNotEligible(id, version, reason.slice(0, 4000)));
  }

  @Roles('RECEPTION_OFFICER', 'ADMIN')
  @Mutation(() => DossierObject, { description: 'Stop at the applicant’s request (notice of stopping)' })
  async withdrawDossier(
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('reason') reason: string,
  ): Promise<DossierObject> {
    return toDossierObject(await this.processing.withdraw(id, version, reason.slice(0, 4000)));
  }

  @Roles('RECEPTION_OFFICER', 'ADMIN')
  @Mutation(() => DossierObject, { description: 'The applicant asked to withdraw (portal status 7)' })
  async requestDossierWithdrawal(
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('reason') reason: string,
  ): Promise<DossierObject> {
    return toDossierObject(await this.processing.requestWithdrawal(id, version, reason.slice(0, 4000)));
  }

  @Roles(...STAFF)
  @Mutation(() => DossierObject, { description: 'Ask for fees or taxes before processing continues (portal status 6)' })
  async requestDossierFinancialObligation(
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('detail') detail: string,
  ): Promise<DossierObject> {
    return toDossierObject(await this.processing.requestFinancialObligation(id, version, detail.slice(0, 2000)));
  }

  @Roles(...STAFF)
  @Mutation(() => DossierObject)
  async dossierFinancialObligationMet(
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('reference') reference: string,
  ): Promise<DossierObject> {
    return toDossierObject(await this.processing.financialObligationMet(id, version, reference.slice(0, 200)));
  }

  @Roles(...STAFF)
  @Mutation(() => DossierObject)
  async markDossierResultReady(
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int }) version: number,
  ): Promise<DossierObject> {
    return toDossierObject(await this.outcome.markResultReady(id, version));
  }

  @Roles('RECEPTION_OFFICER', 'ADMIN')
  @Mutation(() => DossierObject)
  async returnDossierResult(
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('channel', { type: () => ChannelEnum }) channel: Channel,
  ): Promise<DossierObject> {
    return toDossierObject(await this.outcome.returnResult(id, version, channel));
  }

  @Roles('LEADER', 'ADMIN', 'SPECIALIST')
  @Mutation(() => DossierObject, { description: 'Apology letter with a new appointment date (moved only once)' })
  async apologiseForDossier(
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('input') input: ApologyInputGql,
  ): Promise<DossierObject> {
    return toDossierObject(await this.outcome.apologise(id, version, input));
  }
}
