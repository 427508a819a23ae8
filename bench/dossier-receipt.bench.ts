import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import autocannon, { type Result } from 'autocannon';
import { Client } from 'pg';
import { ROOT, fmt, run, startNode, stop, waitFor } from 'bench/bench-support';
import { generateApiKey } from 'src/modules/organisation/auth/api-key-format';

/**
 * Dossier receipt through the whole stack (validation, auth, code sequence, dossier + documents + steps + event +
 * outbox + audit rows in one transaction) at 16 concurrent clients, REST and the GraphQL mutation, next to
 * `pgbench -c 16` running the same inserts without HTTP in the same run. Goal: ≥ 0.3 × pgbench TPS, p99 ≤ 4 × pgbench p99.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node -r @swc-node/register bench/dossier-receipt.bench.ts
 *
 * Runs the app from source through @swc-node/register (no build needed); BENCH_SECONDS sets the duration (default 10).
 */
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = 16;
const PORT = 39411;

async function scratch(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('Set DATABASE_URL to a PostgreSQL server the benchmark may create a database on');
  const name = `ansinh_test_bench_dossiers_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  run('node', ['-r', '@swc-node/register', 'src/database/migrate-cli.ts', 'up'], { ...process.env, DATABASE_URL: url.toString() });
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

interface Fixture {
  agencyId: string;
  unitId: string;
  versionId: string;
  procedureCode: string;
  apiKey: string;
  username: string;
}

async function seed(url: string): Promise<Fixture> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const q = async (sql: string, params: unknown[] = []): Promise<string> => (await c.query(sql, params)).rows[0]?.id as string;
    const unitId = await q(`insert into admin_units (era, code, level, name, short_name, unit_type, valid_from)
      values ('POST_2025', '96', 'PROVINCE', 'Tỉnh Bench', 'Bench', 'tỉnh', '2025-07-01') returning id`);
    const agencyId = await q(`insert into agencies (code, name, kind, unit_id) values ('H96.BENCH', 'Trung tâm PVHCC Bench', 'SERVICE_CENTRE', $1) returning id`, [unitId]);
    const decisionId = await q(`insert into procedure_decisions (number, signed_on, effective_from, status, applied_at)
      values ('1/QĐ-BENCH', '2025-01-01', '2025-01-01', 'APPLIED', now()) returning id`);
    const procId = await q(`insert into procedures (code) values ('BENCH-PROC') returning id`);
    const versionId = await q(
      `insert into procedure_versions (procedure_id, version_no, decision_id, change_kind, valid_from, name, field_code,
         time_limit_amount, time_limit_unit, channels, online_mode)
       values ($1, 1, $2, 'NEW', '2025-01-01', 'Thủ tục bench', 'KHAC', 10, 'WORKING_DAYS', '{DIRECT,ONLINE,POSTAL}', 'PARTIAL') returning id`,
      [procId, decisionId],
    );
    await c.query(`insert into procedure_documents (version_id, seq, code, name, mandatory) values ($1, 1, 'DON', 'Đơn', true), ($1, 2, 'CCCD', 'CCCD', true)`, [versionId]);
    await c.query(
      `insert into procedure_steps (version_id, seq, name, role, budget_amount, budget_unit) values
        ($1, 1, 'Tiếp nhận', 'Một cửa', 1, 'WORKING_DAYS'), ($1, 2, 'Thẩm định', 'Chuyên viên', 6, 'WORKING_DAYS'), ($1, 3, 'Phê duyệt', 'Lãnh đạo', 3, 'WORKING_DAYS')`,
      [versionId],
    );
    const key = generateApiKey();
    await c.query(`insert into api_keys (name, prefix, secret_hash, scopes, agency_id, created_by) values ('bench', $1, $2, '{dossiers:write}', $3, 'bench')`, [
      key.prefix,
      key.hash,
      agencyId,
    ]);
    await c.query(`insert into staff_users (username, display_name, agency_id, roles) values ('bench.desk', 'Bench desk', $1, '{RECEPTION_OFFICER}')`, [agencyId]);
    return { agencyId, unitId, versionId, procedureCode: 'BENCH-PROC', apiKey: key.raw, username: 'bench.desk' };
  } finally {
    await c.end();
  }
}

/** The same rows one HTTP receipt writes, as one pgbench transaction (the code sequence autocommitted first). */
function pgbenchScript(f: Fixture): string {
  return `
insert into dossier_code_sequences (agency_id, day, last_value) values ('${f.agencyId}', '2099-01-01', 1)
  on conflict (agency_id, day) do update set last_value = dossier_code_sequences.last_value + 1 returning last_value as seq \\gset
begin;
with d as (
  insert into dossiers (code, code_scheme, procedure_version_id, procedure_code, channel, state, agency_id, unit_id,
    handling_agency_id, handling_unit_id, handling_level, applicant_kind, applicant_name, applicant_id_number, applicant_phone,
    received_by_kind, received_by_id, received_by_name, submitted_at, time_limit_amount, time_limit_unit)
  values ('PGB-990101-' || lpad(:seq::text, 6, '0') || '-' || :client_id, 'CIRCULAR_03_2025', '${f.versionId}', '${f.procedureCode}', 'ONLINE', 'SUBMITTED',
    '${f.agencyId}', '${f.unitId}', '${f.agencyId}', '${f.unitId}', 'PROVINCE', 'PERSON', 'Nguyễn Văn An', '040190001234', '0912345678',
    'api_key', 'bench', 'bench', now(), 10, 'WORKING_DAYS') returning id),
docs as (insert into dossier_documents (dossier_id, checklist_code, name) select id, c, c from d, unnest(array['DON', 'CCCD']) c),
steps as (insert into dossier_steps (dossier_id, seq, name, budget_amount, budget_unit)
  select id, s, 'Bước ' || s, 2, 'WORKING_DAYS' from d, generate_series(1, 3) s),
ev as (insert into dossier_events (dossier_id, type, to_state, actor_kind, actor_id, actor_name, payload)
  select id, 'dossier.submitted', 'SUBMITTED', 'api_key', 'bench', 'bench', '{"channel":"ONLINE"}' from d),
ob as (insert into outbox_events (aggregate_type, aggregate_id, event_type, payload)
  select 'dossier', id, 'dossier.submitted', '{"channel":"ONLINE"}' from d)
insert into audit_events (actor_kind, actor_id, actor_name, action, entity_type, entity_id, personal_fields)
  select 'api_key', 'bench', 'bench', 'SUBMITTED', 'dossier', id::text, '{}' from d;
commit;
`;
}

function pgbench(url: string, script: string): { tps: number; p99: number } {
  const dir = mkdtempSync(join(tmpdir(), 'pgbench-'));
  const file = join(dir, 'receipt.sql');
  writeFileSync(file, script);
  const u = new URL(url);
  const conn = ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres'), u.pathname.slice(1)];
  const common = ['-n', '-c', String(CLIENTS), '-j', '2', '-f', file];
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(u.password) };
  spawnSync('pgbench', [...common, '-T', '2', ...conn], { env, encoding: 'utf8' }); // warm-up, not logged
  const args = [...common, '-T', String(DURATION), '-l', '--log-prefix', join(dir, 'log'), ...conn];
  const out = spawnSync('pgbench', args, { env, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`pgbench failed:\n${out.stderr}${out.stdout}`);
  const tps = Number(/tps = ([\d.]+)/.exec(out.stdout)?.[1] ?? 0);
  const latencies = readdirSync(dir)
    .filter((f) => f.startsWith('log'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n'))
    .map((l) => Number(l.split(' ')[2]) / 1000)
    .filter((n) => Number.isFinite(n))
    .sort((a, b) => a - b);
  return { tps, p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0 };
}

async function load(opts: autocannon.Options): Promise<Result> {
  await autocannon({ ...opts, duration: 2, connections: CLIENTS }); // warm-up
  return autocannon({ ...opts, duration: DURATION, connections: CLIENTS });
}

function line(name: string, tps: number, p99: number, base?: { tps: number; p99: number }, errors = 0): string {
  const ratio = base ? `  ${fmt(tps / Math.max(base.tps, 1), 2)}× TPS, p99 ${fmt(p99 / Math.max(base.p99, 0.1), 2)}×` : '';
  return `${name.padEnd(34)} ${fmt(tps).padStart(7)} TPS  p99 ${fmt(p99, 1).padStart(7)} ms  errors ${errors}${ratio}`;
}

async function main(): Promise<void> {
  const db = await scratch();
  const fixture = await seed(db.url);
  const env = {
    ...process.env,
    DATABASE_URL: db.url,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    APP_ROLE: 'api',
    PORT: String(PORT),
    DEV_ISSUER_ENABLED: 'true',
    API_KEY_RATE_LIMIT: '1000000',
    // Production refuses to start without it; a throwaway key for the scratch database.
    PAYMENT_ACCOUNT_ENCRYPTION_KEY: process.env.PAYMENT_ACCOUNT_ENCRYPTION_KEY ?? randomBytes(32).toString('hex'),
  };
  const app = startNode(['-r', '@swc-node/register', 'src/main.ts'], env);
  try {
    await waitFor(`http://127.0.0.1:${PORT}/health/ready`, app, 120_000);
    const token = run('node', ['-r', '@swc-node/register', 'src/modules/organisation/auth/dev-token-cli.ts', '--user', fixture.username], env)
      .trim()
      .split('\n')
      .pop() as string;
    const body = {
      procedureCode: fixture.procedureCode,
      channel: 'ONLINE',
      applicant: { kind: 'PERSON', name: 'Nguyễn Văn An', idNumber: '040190001234', phone: '0912345678' },
      documents: [{ checklistCode: 'DON' }, { checklistCode: 'CCCD' }],
    };
    const rest = await load({
      url: `http://127.0.0.1:${PORT}/api/v1/dossiers`,
      method: 'POST',
      headers: { 'x-api-key': fixture.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const gql = await load({
      url: `http://127.0.0.1:${PORT}/graphql`,
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($input: ReceiveDossierInput!) { receiveDossier(input: $input) { id code } }',
        variables: { input: body },
      }),
    });
    await stop(app);
    const base = pgbench(db.url, pgbenchScript(fixture));
    console.log(`\nDossier receipt benchmark (${DURATION}s, ${CLIENTS} clients, ${ROOT})`);
    console.log(line('pgbench -c 16 (same inserts)', base.tps, base.p99));
    console.log(line('REST POST /dossiers', rest.requests.average, rest.latency.p99, base, rest.errors + rest.non2xx));
    console.log(line('GraphQL receiveDossier', gql.requests.average, gql.latency.p99, base, gql.errors + gql.non2xx));
    for (const [name, r] of [['REST', rest], ['GraphQL', gql]] as const) {
      const ok = r.requests.average >= 0.3 * base.tps && r.latency.p99 <= 4 * Math.max(base.p99, 0.1);
      console.log(`goal ${name}: ≥ 0.3× pgbench TPS and p99 ≤ 4× — ${ok ? 'met' : 'NOT met'}`);
    }
  } finally {
    await stop(app);
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
