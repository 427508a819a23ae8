import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from 'src/common/auth/auth.decorators';
import { ApiUuidParam } from 'src/modules/organisation/uuid-param';
import {
  ApiKeyDto,
  ApiKeyPageDto,
  ApiKeyQuery,
  CreateApiKeyDto,
  IssuedApiKeyDto,
  RotateApiKeyDto,
} from 'src/modules/organisation/api-keys/api-key.dto';
import { ApiKeysService } from 'src/modules/organisation/api-keys/api-keys.service';

/** API keys for machine clients of agencies in the caller's scope (ADMIN). The secret is shown once. */
@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('api-keys')
@Roles('ADMIN')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @ApiOkResponse({ type: ApiKeyPageDto })
  list(@Query() query: ApiKeyQuery): Promise<ApiKeyPageDto> {
    return this.keys.list({ ...query, includeRevoked: query.includeRevoked === 'true' });
  }

  @Get(':id')
  @ApiUuidParam()
  @ApiOkResponse({ type: ApiKeyDto })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<ApiKeyDto> {
    return this.keys.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Issue a key; the response carries the secret, which is never shown again' })
  @ApiCreatedResponse({ type: IssuedApiKeyDto })
  create(@Body() body: CreateApiKeyDto): Promise<IssuedApiKeyDto> {
    return this.keys.create(body);
  }

  @Post(':id/revoke')
  @ApiUuidParam()
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke at once (the next request with the key is refused)' })
  @ApiOkResponse({ type: ApiKeyDto })
  revoke(@Param('id', new ParseUUIDPipe()) id: string): Promise<ApiKeyDto> {
    return this.keys.revoke(id);
  }

  @Post(':id/rotate')
  @ApiUuidParam()
  @ApiOperation({ summary: 'Issue a replacement and retire this key (at once or after a grace period)' })
  @ApiCreatedResponse({ type: IssuedApiKeyDto })
  rotate(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: RotateApiKeyDto): Promise<IssuedApiKeyDto> {
    return this.keys.rotate(id, body.graceSeconds ?? 0);
  }
}
