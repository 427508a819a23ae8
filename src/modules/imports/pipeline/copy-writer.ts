import { once } from 'node:events';
import type { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

function escape(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/**
 * One `COPY … FROM STDIN` (text format) on its own connection, written row by row with backpressure: rows are
 * batched into ~64 KiB writes and the writer waits for `drain` when PostgreSQL is slower than the parser. The COPY
 * runs in its own transaction without the pool's statement timeout (a large file takes longer than an API call).
 */
export class CopyWriter {
  static async open(pool: Pool, table: string, columns: readonly string[]): Promise<CopyWriter> {
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query('set local statement_timeout = 0');
    } catch (error) {
      client.release(true);
      throw error;
    }
    return new CopyWriter(client, table, columns);
  }

  private readonly stream: ReturnType<typeof copyFrom>;
  private buffer = '';
  private failure: Error | null = null;
  private readonly done: Promise<void>;

  private constructor(
    private readonly client: PoolClient,
    table: string,
    columns: readonly string[],
  ) {
    this.stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
    this.done = new Promise<void>((resolve, reject) => {
      this.stream.on('finish', resolve);
      this.stream.on('error', (err: Error) => {
        this.failure = err;
        reject(err);
      });
    });
    this.done.catch(() => undefined);
  }

  async write(row: ReadonlyArray<string | number | boolean | null | undefined>): Promise<void> {
    if (this.failure) throw this.failure;
    this.buffer += row.map(escape).join('\t') + '\n';
    if (this.buffer.length >= 65_536) await this.flush();
  }

  private async flush(): Promise<void> {
    const chunk = this.buffer;
    this.buffer = '';
    if (chunk && !this.stream.write(chunk)) await Promise.race([once(this.stream, 'drain'), this.done]);
  }

  async end(): Promise<void> {
    await this.flush();
    this.stream.end();
    await this.done;
    await this.client.query('commit');
  }

  /** Aborts the COPY (the rows written so far are discarded by PostgreSQL). */
  abort(): void {
    this.stream.destroy(new Error('import aborted'));
  }

  release(destroy = false): void {
    this.client.release(destroy);
  }
}
