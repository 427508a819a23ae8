// A worker process for the crash test: consumes the imports queue with the real commit code, with a short BullMQ
// lock so that, once this process is SIGKILLed, the next worker picks the stalled job up within seconds.
import { Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from 'src/database/data-source-options';
import { ImportPipeline } from 'src/modules/imports/pipeline/import-pipeline';

async function main(): Promise<void> {
  const ds = await new DataSource(
    buildDataSourceOptions({ url: process.env.DATABASE_URL as string, poolSize: 3 }),
  ).initialize();
  const pipeline = new ImportPipeline(ds, {
    storageDir: process.env.IMPORT_TEST_STORAGE as string,
    xlsxMaxEntries: 2000,
    xlsxMaxUncompressedBytes: 512 * 1024 * 1024,
    chunkGroups: Number(process.env.IMPORT_CHUNK_GROUPS ?? 500),
  });
  const worker = new Worker(
    'imports',
    async (job) => {
      if (job.name === 'imports.commit') await pipeline.commit(job.data.importId, job.data.actor);
    },
    {
      connection: { url: process.env.REDIS_URL },
      prefix: process.env.QUEUE_PREFIX,
      lockDuration: 2000,
      stalledInterval: 1000,
      maxStalledCount: 10,
    },
  );
  await worker.waitUntilReady();
  process.stdout.write('ready\n');
}

void main();
