/** Shared between global setup and teardown (same process): what this run created and must remove. */
export const testRunState: {
  adminUrl?: string;
  database?: string;
  stopPostgres?: () => Promise<void>;
  stopRedis?: () => Promise<void>;
} = ((globalThis as Record<string, unknown>).__ansinhTestRun ??= {});
