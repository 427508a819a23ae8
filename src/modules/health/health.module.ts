import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from 'src/modules/health/health.controller';
import { MetricsService } from 'src/modules/health/metrics.service';
import { SystemResolver } from 'src/modules/health/system.resolver';
import { SystemController } from 'src/modules/health/system.controller';

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController, SystemController],
  providers: [MetricsService, SystemResolver],
  exports: [MetricsService],
})
export class HealthModule {}
