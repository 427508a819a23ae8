import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { AppConfig } from 'src/config/app-config';
import { verifyAuditChain } from 'src/modules/audit/audit-chain';
import { cliDatabaseUrl } from 'src/modules/organisation/cli-database-url';

/**
 * `npm run audit:verify [-- --from YYYY-MM-DD --to YYYY-MM-DD]`: checks the audit hash chain and prints the first
 * broken link. Exit code 0 = intact, 2 = broken, 1 = could not check. Uses DATABASE_URL or the embedded database.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });
  for (const v of [values.from, values.to])
    if (v !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new Error('--from/--to must be YYYY-MM-DD');
  const config = AppConfig.fromEnv();
  const url = cliDatabaseUrl(config);
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    const report = await verifyAuditChain(
      async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T,
      values.from,
      values.to,
    );
    if (report.ok) {
      console.log(`audit chain intact: ${report.checkedEvents} events in ${report.segments} day segments`);
      return 0;
    }
    const b = report.firstBroken;
    console.log(
      `audit chain BROKEN: first broken link on ${b?.segmentDate} at seq ${b?.seq} (event ${b?.id}): ${b?.reason}`,
    );
    return 2;
  } finally {
    await client.end();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
