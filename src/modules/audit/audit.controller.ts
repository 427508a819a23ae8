import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from 'src/common/auth/auth.decorators';
import { AuditEventPageDto, AuditEventQuery, AuditVerifyQuery, ChainReportDto } from 'src/modules/audit/audit.dto';
import { AuditQueryService } from 'src/modules/audit/audit-query.service';

/** The audit trail for auditors, and the tamper check. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly query: AuditQueryService) {}

  @Get('events')
  @Roles('AUDITOR')
  @ApiOperation({
    summary: 'Audit events by actor, entity, action and time, newest first',
    description: 'Personal data in diffs is masked unless entityType and entityId name one record.',
  })
  @ApiOkResponse({ type: AuditEventPageDto })
  events(@Query() filter: AuditEventQuery): Promise<AuditEventPageDto> {
    return this.query.list(filter);
  }

  @Get('verify')
  @Roles('ADMIN', 'AUDITOR')
  @ApiOperation({ summary: 'Check the hash chain; reports the first broken link (same check as npm run audit:verify)' })
  @ApiOkResponse({ type: ChainReportDto })
  verify(@Query() range: AuditVerifyQuery): Promise<ChainReportDto> {
    return this.query.verify(range.from, range.to);
  }
}
