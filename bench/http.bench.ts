import { randomBytes } from 'node:crypto';
import autocannon, { type Result } from 'autocannon';
import { ROOT, fmt, run, scratchDatabase, startNode, stop, waitFor } from 'bench/bench-support';

/**
 * REST and GraphQL throughput of the whole stack (auth, validation, logging, metrics) against a bare node:http
 * server on the same machine, in one run. Goal: REST ≥ 0.5 and GraphQL ≥ 0.25 of bare requests/s, p99 within 3×.
 * Needs `npm run build` first (`npm run bench:http` does it) and DATABASE_URL (a server to create a scratch DB on).
 *
 * The same run also measures the stack's floor (bench/http-floor-servers.ts: an empty Nest app on Fastify, and with
 * Apollo Server through @nestjs/apollo, answering the same two requests with nothing else): the goals cannot be
 * met by more than the floor allows, and the floor lines say how much room is left. BENCH_FLOOR=0 skips them.
 */
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

const BARE_SERVER = `
  require('node:http').createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"kind":"user","name":"admin"}');
  }).listen(Number(process.env.PORT), '127.0.0.1');
`;

async function load(opts: autocannon.Options): Promise<Result> {
  await autocannon({ ...opts, duration: 2 }); // warm-up
  return autocannon({ ...opts, duration: DURATION, connections: CONNECTIONS });
}

function line(name: string, r: Result, base?: Result): string {
  const ratio = base
    ? `  ${fmt(r.requests.average / base.requests.average, 2)}× req/s, p99 ${fmt(r.latency.p99 / Math.max(base.latency.p99, 1), 2)}×`
    : '';
  return `${name.padEnd(28)} ${fmt(r.requests.average).padStart(8)} req/s  p99 ${fmt(r.latency.p99, 1).padStart(6)} ms  errors ${r.errors + r.non2xx}${ratio}`;
}

async function main(): Promise<void> {
  const db = await scratchDatabase(true);
  // Production settings, with the dev issuer on so the bench can mint a staff token.
  const env = {
    ...process.env,
    DATABASE_URL: db.url,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    APP_ROLE: 'api',
    DEV_ISSUER_ENABLED: 'true',
    PAYMENT_ACCOUNT_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  };
  const bare = startNode(['-e', BARE_SERVER], { ...process.env, PORT: '39301' });
  const withFloor = process.env.BENCH_FLOOR !== '0';
  const floorArgs = ['-r', '@swc-node/register', 'bench/http-floor-servers.ts'];
  const floors = withFloor
    ? [
        startNode([...floorArgs, 'rest'], { ...process.env, NODE_ENV: 'production', PORT: '39303' }),
        startNode([...floorArgs, 'graphql'], { ...process.env, NODE_ENV: 'production', PORT: '39304' }),
      ]
    : [];
  const app = startNode(['dist/src/main.js'], { ...env, PORT: '39302', API_KEY_RATE_LIMIT: '1000000' });
  try {
    await waitFor('http://127.0.0.1:39301/', bare);
    await waitFor('http://127.0.0.1:39302/health/ready', app);
    if (withFloor) {
      await waitFor('http://127.0.0.1:39303/api/v1/system/whoami', floors[0]);
      await waitFor('http://127.0.0.1:39304/graphql', floors[1], 60_000, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      });
    }
    const token = run(
      'node',
      ['-r', '@swc-node/register', 'src/modules/organisation/auth/dev-token-cli.ts', '--user', 'admin'],
      {
        ...env,
        DEV_ISSUER_ENABLED: 'true',
      },
    )
      .trim()
      .split('\n')
      .pop() as string;
    const auth = { authorization: `Bearer ${token}` };
    const bareResult = await load({ url: 'http://127.0.0.1:39301/' });
    const rest = await load({ url: 'http://127.0.0.1:39302/api/v1/system/whoami', headers: auth });
    const graphqlRequest = {
      method: 'POST' as const,
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ whoami { kind name } }' }),
    };
    const gql = await load({ url: 'http://127.0.0.1:39302/graphql', ...graphqlRequest });
    const floorRest = withFloor
      ? await load({ url: 'http://127.0.0.1:39303/api/v1/system/whoami' })
      : undefined;
    const floorGql = withFloor
      ? await load({ url: 'http://127.0.0.1:39304/graphql', ...graphqlRequest })
      : undefined;
    console.log(`\nHTTP benchmark (${DURATION}s, ${CONNECTIONS} connections, ${ROOT})`);
    console.log(line('bare node:http (baseline)', bareResult));
    console.log(line('REST GET /system/whoami', rest, bareResult));
    console.log(line('GraphQL { whoami }', gql, bareResult));
    if (floorRest && floorGql) {
      console.log(line('floor: empty Nest REST', floorRest, bareResult));
      console.log(line('floor: empty Nest+Apollo', floorGql, bareResult));
      console.log(
        `share of the floor: REST ${fmt(rest.requests.average / floorRest.requests.average, 2)}, ` +
          `GraphQL ${fmt(gql.requests.average / floorGql.requests.average, 2)}`,
      );
    }
    const restOk =
      rest.requests.average >= 0.5 * bareResult.requests.average &&
      rest.latency.p99 <= 3 * Math.max(bareResult.latency.p99, 1);
    const gqlOk = gql.requests.average >= 0.25 * bareResult.requests.average;
    console.log(
      `goals: REST ≥ 0.5× ${restOk ? 'met' : 'NOT met'}; GraphQL ≥ 0.25× ${gqlOk ? 'met' : 'NOT met'}`,
    );
  } finally {
    await stop(app);
    await stop(bare);
    for (const floor of floors) await stop(floor);
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
