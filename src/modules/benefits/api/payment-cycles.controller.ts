import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IsIn, IsOptional } from 'class-validator';
import { CurrentActor, Roles } from 'src/common/auth/auth.decorators';
import type { Actor } from 'src/common/context/request-context';
import { BankFilesService } from 'src/modules/benefits/accounts/bank-files.service';
import {
  cycleListFilter,
  idCursor,
  lineListFilter,
  monthParam,
  page,
  toComputeResult,
  uuidParam,
} from 'src/modules/benefits/api/benefit.mappers';
import {
  ApproveCycleInput,
  ComputeCycleInput,
  CycleListArgs,
  ExceptionListArgs,
  LineListArgs,
  ReconcileInput,
} from 'src/modules/benefits/api/benefit.inputs';
import {
  ComputeResultObject,
  CycleObject,
  CyclePageObject,
  LinePageObject,
  PaymentExceptionPageObject,
  ReconcileSummaryObject,
} from 'src/modules/benefits/api/benefit.objects';
import { ApiUuidParam } from 'src/common/http/api-fields';
import { BENEFIT_APPROVERS, BENEFIT_PREPARERS, BENEFIT_READERS } from 'src/modules/benefits/api/roles';
import { PaymentCyclesService } from 'src/modules/benefits/cycles/payment-cycles.service';

export class BankFileQuery {
  @ApiPropertyOptional({ enum: ['CSV', 'XLSX'], default: 'CSV' })
  @IsOptional()
  @IsIn(['CSV', 'XLSX'])
  format?: 'CSV' | 'XLSX';
}

/** Monthly payment cycles: DATA_OFFICER computes, LEADER approves; bank files and reconciliation. Scoped by unit. */
@ApiTags('benefits')
@ApiBearerAuth()
@Controller('benefits/payment-cycles')
export class PaymentCyclesController {
  constructor(
    private readonly cycles: PaymentCyclesService,
    private readonly bankFiles: BankFilesService,
  ) {}

  @Post()
  @HttpCode(200)
  @Roles(...BENEFIT_PREPARERS)
  @ApiOperation({ summary: 'Compute (or recompute while DRAFT) the cycle of a unit for a month; idempotent' })
  @ApiOkResponse({ type: ComputeResultObject })
  async compute(
    @CurrentActor() actor: Actor | undefined,
    @Body() body: ComputeCycleInput,
  ): Promise<ComputeResultObject> {
    return toComputeResult(
      await this.cycles.compute(actor, { unitId: body.unitId, period: monthParam(body.period) }),
    );
  }

  @Get()
  @Roles(...BENEFIT_READERS)
  @ApiOperation({ summary: 'Cycles in scope' })
  @ApiOkResponse({ type: CyclePageObject })
  async list(@CurrentActor() actor: Actor | undefined, @Query() q: CycleListArgs): Promise<CyclePageObject> {
    const filter = cycleListFilter(q);
    return page(await this.cycles.list(actor, filter), filter.limit, (c) => c.id);
  }

  @Get('exceptions')
  @Roles(...BENEFIT_READERS)
  @ApiOperation({
    summary: 'Failed, reversed and uncollected payments with their reason (carried over by the next cycle)',
  })
  @ApiOkResponse({ type: PaymentExceptionPageObject })
  async exceptions(
    @CurrentActor() actor: Actor | undefined,
    @Query() q: ExceptionListArgs,
  ): Promise<PaymentExceptionPageObject> {
    const limit = q.limit ?? 50;
    const items = await this.bankFiles.exceptions(actor, {
      unitId: q.unitId,
      state: q.state as 'OPEN' | undefined,
      afterId: idCursor(q.cursor),
      limit,
    });
    return page(items, limit, (x) => x.id);
  }

  @ApiUuidParam()
  @Get(':id')
  @Roles(...BENEFIT_READERS)
  @ApiOperation({ summary: 'A cycle with its frozen totals and calendar dates' })
  @ApiOkResponse({ type: CycleObject })
  get(@CurrentActor() actor: Actor | undefined, @Param('id') id: string): Promise<CycleObject> {
    return this.cycles.getForActor(actor, uuidParam(id, 'BENEFIT_CYCLE_NOT_FOUND'));
  }

  @ApiUuidParam()
  @Get(':id/lines')
  @Roles(...BENEFIT_READERS)
  @ApiOperation({ summary: 'The frozen lines, each explained (no account numbers)' })
  @ApiOkResponse({ type: LinePageObject })
  async lines(
    @CurrentActor() actor: Actor | undefined,
    @Param('id') id: string,
    @Query() q: LineListArgs,
  ): Promise<LinePageObject> {
    const filter = lineListFilter(q);
    const items = await this.cycles.lines(actor, uuidParam(id, 'BENEFIT_CYCLE_NOT_FOUND'), filter);
    return page(items, filter.limit, (l) => String(l.lineNo));
  }

  @ApiUuidParam()
  @Post(':id/approve')
  @HttpCode(200)
  @Roles(...BENEFIT_APPROVERS)
  @ApiOperation({
    summary: 'Approve a DRAFT cycle after checking its totals against the control totals (LEADER)',
  })
  @ApiOkResponse({ type: CycleObject })
  approve(
    @CurrentActor() actor: Actor | undefined,
    @Param('id') id: string,
    @Body() body: ApproveCycleInput,
  ): Promise<CycleObject> {
    return this.cycles.approve(actor, uuidParam(id, 'BENEFIT_CYCLE_NOT_FOUND'), body);
  }

  @ApiUuidParam()
  @Post(':id/bank-file')
  @HttpCode(200)
  @Roles(...BENEFIT_PREPARERS, ...BENEFIT_APPROVERS)
  @ApiOperation({
    summary: 'Bank transfer file of an approved cycle (audited; the only output with full account numbers)',
  })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The file' })
  async bankFile(
    @CurrentActor() actor: Actor | undefined,
    @Param('id') id: string,
    @Query() q: BankFileQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const file = await this.bankFiles.export(
      actor,
      uuidParam(id, 'BENEFIT_CYCLE_NOT_FOUND'),
      q.format ?? 'CSV',
    );
    void reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('cache-control', 'no-store')
      .header('x-line-count', String(file.lineCount))
      .header('x-total-amount', String(file.totalAmount));
    return file.body;
  }

  @ApiUuidParam()
  @Post(':id/reconciliation')
  @HttpCode(200)
  @Roles(...BENEFIT_PREPARERS)
  @ApiOperation({ summary: "Apply the bank's or post office's result file (idempotent)" })
  @ApiOkResponse({ type: ReconcileSummaryObject })
  reconcile(
    @CurrentActor() actor: Actor | undefined,
    @Param('id') id: string,
    @Body() body: ReconcileInput,
  ): Promise<ReconcileSummaryObject> {
    return this.bankFiles.reconcile(actor, uuidParam(id, 'BENEFIT_CYCLE_NOT_FOUND'), body.content);
  }
}
