import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { AgenciesService, type Agency } from 'src/modules/organisation/agencies/agencies.service';
import { AgencyDto } from 'src/modules/organisation/agencies/agency.dto';
import { StaffUserDto } from 'src/modules/organisation/staff/staff-user.dto';
import { AdminUnitDto, SuccessionLinkDto } from 'src/modules/organisation/units/admin-unit.dto';
import { AdminUnitsService, type AdminUnit } from 'src/modules/organisation/units/admin-units.service';

interface Loaders {
  units: DataLoader<string, AdminUnit | undefined>;
  agencies: DataLoader<string, Agency | undefined>;
}

/** Per-request loaders (one query per level of nesting, not per row), kept on the request object. */
const perRequest = new WeakMap<object, Loaders>();

function loaders(ctx: { req?: object }, units: AdminUnitsService, agencies: AgenciesService): Loaders {
  const key = ctx.req ?? ctx;
  let found = perRequest.get(key);
  if (!found) {
    found = {
      units: new DataLoader((ids) => units.findByIds(ids), { maxBatchSize: 500 }),
      // Scoped: an agency outside the caller's scope loads as undefined (null in the answer).
      agencies: new DataLoader((ids) => agencies.findMany(ids), { maxBatchSize: 500 }),
    };
    perRequest.set(key, found);
  }
  return found;
}

/** Nested fields of AdminUnit. Agencies under a unit are filtered by the caller's scope in SQL. */
@Resolver(() => AdminUnitDto)
export class AdminUnitFieldsResolver {
  constructor(
    private readonly units: AdminUnitsService,
    private readonly agencyService: AgenciesService,
  ) {}

  @ResolveField(() => AdminUnitDto, { nullable: true })
  async parent(@Parent() unit: AdminUnitDto, @Context() ctx: { req?: object }): Promise<AdminUnitDto | null> {
    if (!unit.parentId) return null;
    return (await loaders(ctx, this.units, this.agencyService).units.load(unit.parentId)) ?? null;
  }

  @ResolveField(() => [SuccessionLinkDto], { description: 'New units this unit went into (from 1 July 2025)' })
  successors(@Parent() unit: AdminUnitDto): Promise<SuccessionLinkDto[]> {
    return this.units.successors(unit.id);
  }

  @ResolveField(() => [SuccessionLinkDto], { description: 'Old units that went into this unit' })
  predecessors(@Parent() unit: AdminUnitDto): Promise<SuccessionLinkDto[]> {
    return this.units.predecessors(unit.id);
  }

  @ResolveField(() => [AgencyDto], { description: 'Agencies serving this unit, within my scope' })
  agencies(@Parent() unit: AdminUnitDto): Promise<AgencyDto[]> {
    return this.agencyService.forUnit(unit.id);
  }
}

/** Nested fields of Agency: out-of-scope parents read as null. */
@Resolver(() => AgencyDto)
export class AgencyFieldsResolver {
  constructor(
    private readonly units: AdminUnitsService,
    private readonly agencyService: AgenciesService,
  ) {}

  @ResolveField(() => AdminUnitDto)
  async unit(@Parent() agency: AgencyDto, @Context() ctx: { req?: object }): Promise<AdminUnitDto | undefined> {
    return loaders(ctx, this.units, this.agencyService).units.load(agency.unitId);
  }

  @ResolveField(() => AgencyDto, { nullable: true, description: 'The parent agency if it is in my scope' })
  async parent(@Parent() agency: AgencyDto, @Context() ctx: { req?: object }): Promise<AgencyDto | null> {
    if (!agency.parentId) return null;
    return (await loaders(ctx, this.units, this.agencyService).agencies.load(agency.parentId)) ?? null;
  }
}

/** Nested fields of StaffUser. */
@Resolver(() => StaffUserDto)
export class StaffUserFieldsResolver {
  constructor(
    private readonly units: AdminUnitsService,
    private readonly agencyService: AgenciesService,
  ) {}

  @ResolveField(() => AgencyDto, { nullable: true, description: 'The user’s agency if it is in my scope' })
  async agency(@Parent() user: StaffUserDto, @Context() ctx: { req?: object }): Promise<AgencyDto | null> {
    return (await loaders(ctx, this.units, this.agencyService).agencies.load(user.agencyId)) ?? null;
  }
}
