import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ReportFilesJobs } from 'src/modules/reports/scheduled/report-files.jobs';
import { JobHandlerRegistry } from 'src/queue/job-handler.registry';
import { QueueService } from 'src/queue/queue.service';
import { createTestApp } from 'test/utils/test-app';

describe('worker role: the scheduled report files job', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp({ APP_ROLE: 'all', QUEUE_PREFIX: `rfw-${randomUUID().slice(0, 8)}` });
  });
  afterAll(async () => {
    await app.get(QueueService).queue('reports').obliterate({ force: true });
    await app.close();
  });

  it('is handled, and scheduled once at 01:00 Asia/Ho_Chi_Minh however often the worker starts', async () => {
    expect(app.get(JobHandlerRegistry).registered()).toContain('reports.files.produce');
    await app.get(ReportFilesJobs).onApplicationBootstrap(); // a second start-up
    const schedulers = await app.get(QueueService).queue('reports').getJobSchedulers();
    const ours = schedulers.filter((s) => s.key === 'reports-files-daily');
    expect(ours).toEqual([
      expect.objectContaining({ key: 'reports-files-daily', pattern: '0 1 * * *', tz: 'Asia/Ho_Chi_Minh' }),
    ]);
  });
});
