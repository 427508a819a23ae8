import { Global, Module } from '@nestjs/common';
import { AuditQueryService } from 'src/modules/audit/audit-query.service';
import { AuditController } from 'src/modules/audit/audit.controller';
import { AuditService } from 'src/modules/audit/audit.service';

/** The tamper-evident audit trail. Global: every module records through AuditService. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService, AuditQueryService],
  exports: [AuditService],
})
export class AuditModule {}
