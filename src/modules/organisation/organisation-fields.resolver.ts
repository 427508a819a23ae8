import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AgenciesService } from 'src/modules/organisation/agencies/agencies.service';
import { AgencyDto } from 'src/modules/organisation/agencies/agency.dto';
import { StaffUserDto } from 'src/modules/organisation/staff/staff-user.dto';
import { AdminUnitDto, SuccessionLinkDto } from 'src/modules/organisation/units/admin-unit.dto';
import { AdminUnitsService } from 'src/modules/organisation/units/admin-units.service';

/** Nested fields of AdminUnit. Agencies under a unit are filtered by the caller's scope in SQL. */
@Resolver(() => AdminUnitDto)
export class AdminUnitFieldsResolver {
  constructor(
    private readonly units: AdminUnitsService,
    private readonly agencyService: AgenciesService,
  ) {}

  @ResolveField(() => AdminUnitDto, { nullable: true })
  parent(@Parent() unit: AdminUnitDto): Promise<AdminUnitDto | undefined> | null {
    return unit.parentId ? this.units.findById(unit.parentId) : null;
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
  unit(@Parent() agency: AgencyDto): Promise<AdminUnitDto | undefined> {
    return this.units.findById(agency.unitId);
  }

  @ResolveField(() => AgencyDto, { nullable: true, description: 'The parent agency if it is in my scope' })
  parent(@Parent() agency: AgencyDto): Promise<AgencyDto | undefined> | null {
    return agency.parentId ? this.agencyService.find(agency.parentId) : null;
  }
}

/** Nested fields of StaffUser. */
@Resolver(() => StaffUserDto)
export class StaffUserFieldsResolver {
  constructor(private readonly agencyService: AgenciesService) {}

  @ResolveField(() => AgencyDto, { nullable: true })
  agency(@Parent() user: StaffUserDto): Promise<AgencyDto | undefined> {
    return this.agencyService.find(user.agencyId);
  }
}
