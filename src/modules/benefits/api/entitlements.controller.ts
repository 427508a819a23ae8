import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from 'src/common/auth/auth.decorators';
import type { Actor } from 'src/common/context/request-context';
import { deathRegistrationFilter, idCursor, page, uuidParam } from 'src/modules/benefits/api/benefit.mappers';
import {
  CreateEntitlementInput,
  EndEntitlementInput,
  DeathRegistrationListArgs,
  EntitlementListArgs,
  FuneralSupportInput,
  SuspendEntitlementInput,
} from 'src/modules/benefits/api/benefit.inputs';
import {
  DeathRegistrationPageObject,
  EntitlementObject,
  EntitlementPageObject,
  FuneralGrantObject,
} from 'src/modules/benefits/api/benefit.objects';
import { DeathRegistrationsService } from 'src/modules/benefits/deaths/death-registrations.service';
import { ApiUuidParam } from 'src/common/http/api-fields';
import { BENEFIT_PREPARERS, BENEFIT_READERS } from 'src/modules/benefits/api/roles';
import type { BenefitScheme, MeritTable } from 'src/modules/benefits/domain/rules.model';
import {
  EntitlementsService,
  type EntitlementState,
} from 'src/modules/benefits/entitlements/entitlements.service';

/** Entitlements (a registry status linked to an allowance rule) and one-off funeral support. */
@ApiTags('benefits')
@ApiBearerAuth()
@Controller('benefits')
export class EntitlementsController {
  constructor(
    private readonly entitlements: EntitlementsService,
    private readonly deaths: DeathRegistrationsService,
  ) {}

  @Post('entitlements')
  @Roles(...BENEFIT_PREPARERS)
  @ApiOperation({
    summary: 'Link a registry status to a rule from the decision’s effective date (may be in the past)',
  })
  @ApiOkResponse({ type: EntitlementObject })
  create(
    @CurrentActor() actor: Actor | undefined,
    @Body() body: CreateEntitlementInput,
  ): Promise<EntitlementObject> {
    return this.entitlements.create(actor, { ...body, ruleTable: body.ruleTable as MeritTable | undefined });
  }

  @Get('entitlements')
  @Roles(...BENEFIT_READERS)
  @ApiOperation({ summary: 'Entitlements in scope' })
  @ApiOkResponse({ type: EntitlementPageObject })
  async list(
    @CurrentActor() actor: Actor | undefined,
    @Query() q: EntitlementListArgs,
  ): Promise<EntitlementPageObject> {
    const limit = q.limit ?? 50;
    const items = await this.entitlements.list(actor, {
      unitId: q.unitId,
      personId: q.personId,
      state: q.state as EntitlementState | undefined,
      afterId: idCursor(q.cursor),
      limit,
    });
    return page(items, limit, (e) => e.id);
  }

  @ApiUuidParam()
  @Get('entitlements/:id')
  @Roles(...BENEFIT_READERS)
  @ApiOperation({ summary: 'One entitlement' })
  @ApiOkResponse({ type: EntitlementObject })
  get(@CurrentActor() actor: Actor | undefined, @Param('id') id: string): Promise<EntitlementObject> {
    return this.entitlements.getForActor(actor, uuidParam(id, 'BENEFIT_ENTITLEMENT_NOT_FOUND'));
  }

  @ApiUuidParam()
  @Post('entitlements/:id/end')
  @HttpCode(200)
  @Roles(...BENEFIT_PREPARERS)
  @ApiOperation({
    summary: 'End an entitlement (retroactively too: the next cycle recovers overpaid months)',
  })
  @ApiOkResponse({ type: EntitlementObject })
  end(
    @CurrentActor() actor: Actor | undefined,
    @Param('id') id: string,
    @Body() body: EndEntitlementInput,
  ): Promise<EntitlementObject> {
    return this.entitlements.end(
      actor,
      uuidParam(id, 'BENEFIT_ENTITLEMENT_NOT_FOUND'),
      body.endDate,
      body.reason,
    );
  }

  @ApiUuidParam()
  @Post('entitlements/:id/suspension')
  @HttpCode(200)
  @Roles(...BENEFIT_PREPARERS)
  @ApiOperation({ summary: 'Suspend from a month, or resume (from = null)' })
  @ApiOkResponse({ type: EntitlementObject })
  suspend(
    @CurrentActor() actor: Actor | undefined,
    @Param('id') id: string,
    @Body() body: SuspendEntitlementInput,
  ): Promise<EntitlementObject> {
    return this.entitlements.setSuspended(
      actor,
      uuidParam(id, 'BENEFIT_ENTITLEMENT_NOT_FOUND'),
      body.from ?? null,
      body.reason ?? null,
    );
  }

  @Post('funeral-support')
  @Roles(...BENEFIT_PREPARERS)
  @ApiOperation({
    summary:
      'Grant one-off funeral support by the versioned funeral rule of the scheme (social assistance ≥ 20 × its base, meritorious service 10 × the statutory base salary), paid by the next cycle of the unit; once per person',
  })
  @ApiOkResponse({ type: FuneralGrantObject })
  funeral(
    @CurrentActor() actor: Actor | undefined,
    @Body() body: FuneralSupportInput,
  ): Promise<FuneralGrantObject> {
    return this.entitlements.grantFuneralSupport(actor, { ...body, scheme: body.scheme as BenefitScheme });
  }

  @Get('death-registrations')
  @Roles(...BENEFIT_READERS)
  @ApiOperation({
    summary:
      'Outcomes of death-registration dossiers (liên thông khai tử): funeral support granted, or the reason it was not',
  })
  @ApiOkResponse({ type: DeathRegistrationPageObject })
  async deathRegistrations(
    @CurrentActor() actor: Actor | undefined,
    @Query() q: DeathRegistrationListArgs,
  ): Promise<DeathRegistrationPageObject> {
    const filter = deathRegistrationFilter(q);
    return page(await this.deaths.list(actor, filter), filter.limit, (r) => r.id);
  }
}
