import { Global, Module } from '@nestjs/common';
import { AuditService } from 'src/modules/audit/audit.service';

/** The tamper-evident audit trail. Global: every module records through AuditService. */
@Global()
@Module({
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
