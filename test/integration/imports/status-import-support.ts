import type { DataSource } from 'typeorm';
import type { ImportJobRow } from 'src/modules/imports/pipeline/import-job.model';
import type { ImportPipeline } from 'src/modules/imports/pipeline/import-pipeline';
import type { ImportTarget } from 'src/modules/imports/targets/import-targets';
import { pipelineFor, upload } from 'test/integration/imports/import-support';

/** A registry person (optionally a current member of a household, created if missing). */
export async function seedPerson(
  ds: DataSource,
  p: {
    cccd?: string | null;
    name: string;
    year: number;
    gender?: 'MALE' | 'FEMALE';
    household?: string;
    relationship?: string;
    deathDate?: string;
  },
): Promise<string> {
  const [row] = await ds.query(
    `insert into registry_people (cccd, full_name, birth_year, gender, vital_status, death_date, source, created_by)
     values ($1, $2, $3, $4, $5, $6, 'MANUAL', 't') returning id`,
    [p.cccd ?? null, p.name, p.year, p.gender ?? 'MALE', p.deathDate ? 'DECEASED' : 'ALIVE', p.deathDate ?? null],
  );
  if (p.household) {
    const h = await seedHousehold(ds, p.household);
    await ds.query(
      `insert into registry_household_members (household_id, person_id, relationship, valid_from, source, created_by)
       values ($1, $2, $3, '2020-01-01', 'MANUAL', 't')`,
      [h, row.id, p.relationship ?? 'OTHER'],
    );
  }
  return row.id as string;
}

export async function seedHousehold(ds: DataSource, code: string): Promise<string> {
  await ds.query(
    `insert into registry_households (code, source, created_by) values ($1, 'MANUAL', 't') on conflict (code) do nothing`,
    [code],
  );
  const [h] = await ds.query(`select id from registry_households where code = $1`, [code]);
  return h.id as string;
}

export interface DryRun {
  id: string;
  job: ImportJobRow;
  pipeline: ImportPipeline;
  counts: { total: number | null; create: number | null; update: number | null; unchanged: number | null; rejected: number | null };
  errors: Array<{ row_no: number; column_name: string; code: string; message_vi: string; message_en: string }>;
}

/** Uploads a file and runs the dry run (one row per chunk unless told otherwise, to exercise the checkpoints). */
export async function dryRun(ds: DataSource, csv: string, target: ImportTarget, chunkGroups = 2): Promise<DryRun> {
  const id = await upload(ds, csv, target, `${target.toLowerCase()}.csv`);
  const pipeline = pipelineFor(ds, chunkGroups);
  await pipeline.validate(id);
  const job = (await pipeline.load(id)) as ImportJobRow;
  const errors = await ds.query(
    `select row_no, column_name, code, message_vi, message_en from import_row_errors where import_id = $1
      order by row_no, id`,
    [id],
  );
  return {
    id,
    job,
    pipeline,
    counts: {
      total: job.total_rows,
      create: job.count_create,
      update: job.count_update,
      unchanged: job.count_unchanged,
      rejected: job.count_rejected,
    },
    errors,
  };
}

/**
 * Commits, but the first attempt dies right after its first chunk's transaction (as a killed worker would); the
 * second attempt resumes from the checkpoint.
 */
export async function commitWithInterruption(ds: DataSource, run: DryRun): Promise<void> {
  const original = ds.createQueryRunner.bind(ds);
  let committed = 0;
  ds.createQueryRunner = (...args) => {
    const runner = original(...args);
    const commit = runner.commitTransaction.bind(runner);
    runner.commitTransaction = async () => {
      await commit();
      if (++committed === 1) throw new Error('worker killed');
    };
    return runner;
  };
  try {
    await expect(run.pipeline.commit(run.id, 'test-officer')).rejects.toThrow('worker killed');
  } finally {
    ds.createQueryRunner = original;
  }
  const midway = (await run.pipeline.load(run.id)) as ImportJobRow;
  expect(midway).toMatchObject({ state: 'COMMITTING', committed_chunk: 0 });
  await run.pipeline.commit(run.id, 'test-officer');
  expect((await run.pipeline.load(run.id))?.state).toBe('COMMITTED');
}

export function codes(run: DryRun): Array<[number, string]> {
  return run.errors.map((e) => [e.row_no, e.code]);
}
