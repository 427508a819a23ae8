import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles } from 'src/common/auth/auth.decorators';
import { AgenciesService } from 'src/modules/organisation/agencies/agencies.service';
import {
  AgencyArgs,
  AgencyDto,
  AgencyPageDto,
  CreateAgencyDto,
  UpdateAgencyDto,
} from 'src/modules/organisation/agencies/agency.dto';
import {
  ApiKeyArgs,
  ApiKeyPageDto,
  ApiKeyDto,
  CreateApiKeyDto,
  IssuedApiKeyDto,
  RotateApiKeyDto,
} from 'src/modules/organisation/api-keys/api-key.dto';
import { ApiKeysService } from 'src/modules/organisation/api-keys/api-keys.service';
import {
  CreateStaffUserDto,
  StaffUserArgs,
  StaffUserDto,
  StaffUserPageDto,
  UpdateStaffUserDto,
} from 'src/modules/organisation/staff/staff-user.dto';
import { StaffUsersService } from 'src/modules/organisation/staff/staff-users.service';
import { AdminUnitArgs, AdminUnitDto, AdminUnitPageDto } from 'src/modules/organisation/units/admin-unit.dto';
import { AdminUnitsService } from 'src/modules/organisation/units/admin-units.service';

/** Root queries and mutations of the organisation module; the same services and scope rules as REST. */
@Resolver()
export class OrganisationResolver {
  constructor(
    private readonly units: AdminUnitsService,
    private readonly agencyService: AgenciesService,
    private readonly users: StaffUsersService,
    private readonly keys: ApiKeysService,
  ) {}

  @Query(() => AdminUnitPageDto, { description: 'Administrative units (reference data), optionally as of a date' })
  adminUnits(@Args() args: AdminUnitArgs): Promise<AdminUnitPageDto> {
    return this.units.list({ ...args, limit: args.first, cursor: args.after });
  }

  @Query(() => AdminUnitDto, { nullable: true })
  adminUnit(@Args('id', { type: () => ID }) id: string): Promise<AdminUnitDto | undefined> {
    return this.units.findById(id);
  }

  @Query(() => AgencyPageDto, { description: 'Agencies in my scope' })
  agencies(@Args() args: AgencyArgs): Promise<AgencyPageDto> {
    return this.agencyService.list({ ...args, limit: args.first, cursor: args.after });
  }

  @Query(() => AgencyDto, { nullable: true, description: 'An agency in my scope (null otherwise)' })
  agency(@Args('id', { type: () => ID }) id: string): Promise<AgencyDto | undefined> {
    return this.agencyService.find(id);
  }

  @Roles('ADMIN')
  @Mutation(() => AgencyDto)
  createAgency(@Args('input') input: CreateAgencyDto): Promise<AgencyDto> {
    return this.agencyService.create(input);
  }

  @Roles('ADMIN')
  @Mutation(() => AgencyDto)
  updateAgency(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateAgencyDto,
  ): Promise<AgencyDto> {
    return this.agencyService.update(id, input);
  }

  @Roles('ADMIN', 'AUDITOR')
  @Query(() => StaffUserPageDto, { description: 'Staff of agencies in my scope' })
  staffUsers(@Args() args: StaffUserArgs): Promise<StaffUserPageDto> {
    return this.users.list({ ...args, limit: args.first, cursor: args.after });
  }

  @Roles('ADMIN', 'AUDITOR')
  @Query(() => StaffUserDto)
  staffUser(@Args('id', { type: () => ID }) id: string): Promise<StaffUserDto> {
    return this.users.get(id);
  }

  @Roles('ADMIN')
  @Mutation(() => StaffUserDto)
  createStaffUser(@Args('input') input: CreateStaffUserDto): Promise<StaffUserDto> {
    return this.users.create(input);
  }

  @Roles('ADMIN')
  @Mutation(() => StaffUserDto)
  updateStaffUser(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateStaffUserDto,
  ): Promise<StaffUserDto> {
    return this.users.update(id, input);
  }

  @Roles('ADMIN')
  @Query(() => ApiKeyPageDto)
  apiKeys(@Args() args: ApiKeyArgs): Promise<ApiKeyPageDto> {
    return this.keys.list({ ...args, limit: args.first, cursor: args.after });
  }

  @Roles('ADMIN')
  @Mutation(() => IssuedApiKeyDto, { description: 'Issue an API key; `key` is shown only in this response' })
  createApiKey(@Args('input') input: CreateApiKeyDto): Promise<IssuedApiKeyDto> {
    return this.keys.create(input);
  }

  @Roles('ADMIN')
  @Mutation(() => ApiKeyDto)
  revokeApiKey(@Args('id', { type: () => ID }) id: string): Promise<ApiKeyDto> {
    return this.keys.revoke(id);
  }

  @Roles('ADMIN')
  @Mutation(() => IssuedApiKeyDto)
  rotateApiKey(
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { nullable: true }) input?: RotateApiKeyDto,
  ): Promise<IssuedApiKeyDto> {
    return this.keys.rotate(id, input?.graceSeconds ?? 0);
  }
}
