import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Roles } from 'src/common/auth/auth.decorators';
import { CodeMappingsService } from 'src/modules/integrations/mappings/code-mappings.service';
import {
  ClientSettingsDto,
  ClientSettingsView,
  PortalQuery,
  ProcedureMappingDto,
  ProcedureMappingView,
  StatusMappingDto,
  StatusMappingView,
} from 'src/modules/integrations/mappings/mappings.dto';
import { IntegrationClientsService } from 'src/modules/integrations/signature/integration-clients.service';
import { ApiUuidParam } from 'src/modules/organisation/uuid-param';

/** ADMIN: the code tables portals are mapped through, and per-API-key integration settings (request signing). */
@ApiTags('integrations-admin')
@ApiExtraModels(StatusMappingView, ProcedureMappingView)
@ApiBearerAuth()
@Roles('ADMIN')
@Controller('integrations')
export class IntegrationAdminController {
  constructor(
    private readonly mappings: CodeMappingsService,
    private readonly clients: IntegrationClientsService,
  ) {}

  @Get('status-mappings')
  @ApiOkResponse({ schema: { type: 'array', maxItems: 1000, items: { $ref: getSchemaPath(StatusMappingView) } } })
  listStatus(@Query() q: PortalQuery): Promise<StatusMappingView[]> {
    return this.mappings.listStatus(q.portal) as Promise<StatusMappingView[]>;
  }

  @Put('status-mappings')
  @ApiOperation({ summary: "Set the portal's status code for an internal dossier state" })
  @ApiOkResponse({ type: StatusMappingView })
  putStatus(@Body() body: StatusMappingDto): Promise<StatusMappingView> {
    return this.mappings.putStatus(body) as Promise<StatusMappingView>;
  }

  @Delete('status-mappings/:id')
  @ApiUuidParam()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed' })
  async removeStatus(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.mappings.remove('status', id);
  }

  @Get('procedure-mappings')
  @ApiOkResponse({ schema: { type: 'array', maxItems: 1000, items: { $ref: getSchemaPath(ProcedureMappingView) } } })
  listProcedures(@Query() q: PortalQuery): Promise<ProcedureMappingView[]> {
    return this.mappings.listProcedures(q.portal) as Promise<ProcedureMappingView[]>;
  }

  @Put('procedure-mappings')
  @ApiOperation({ summary: "Map a portal's procedure code to a catalog procedure code" })
  @ApiOkResponse({ type: ProcedureMappingView })
  putProcedure(@Body() body: ProcedureMappingDto): Promise<ProcedureMappingView> {
    return this.mappings.putProcedure(body) as Promise<ProcedureMappingView>;
  }

  @Delete('procedure-mappings/:id')
  @ApiUuidParam()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed' })
  async removeProcedure(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.mappings.remove('procedure', id);
  }

  @Get('clients/:id')
  @ApiUuidParam()
  @ApiOperation({ summary: 'Integration settings of an API key' })
  @ApiOkResponse({ type: ClientSettingsView })
  getClient(@Param('id', ParseUUIDPipe) id: string): Promise<ClientSettingsView> {
    return this.clients.get(id);
  }

  @Put('clients/:id')
  @ApiUuidParam()
  @ApiOperation({ summary: 'Set the portal and request signing of an API key; rotateSecret returns the new secret once' })
  @ApiOkResponse({ type: ClientSettingsView })
  putClient(@Param('id', ParseUUIDPipe) id: string, @Body() body: ClientSettingsDto): Promise<ClientSettingsView> {
    return this.clients.configure(id, body);
  }
}
