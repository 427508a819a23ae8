import { resolve } from 'node:path';
import { EnvironmentVariables, validateEnvironment } from 'src/config/environment';

export type AppRole = 'all' | 'api' | 'worker';

/** The service's typed settings, grouped by concern. Built once at boot from validated environment variables. */
export class AppConfig {
  readonly env: EnvironmentVariables['NODE_ENV'];
  readonly isProduction: boolean;
  readonly app: {
    role: AppRole;
    port: number;
    host: string;
    corsOrigins: string[];
    bodyLimitBytes: number;
    requestTimeoutMs: number;
    shutdownGraceMs: number;
    logLevel: string;
    logFormat: 'json' | 'pretty';
  };
  readonly database: {
    url: string | undefined;
    poolSize: number;
    statementTimeoutMs: number;
    reportsPoolSize: number;
    reportsStatementTimeoutMs: number;
    migrationsRunOnStart: boolean | undefined;
  };
  readonly embedded: { dataDir: string; postgresPort: number; redisPort: number };
  readonly redis: { url: string | undefined };
  readonly queue: { prefix: string; workerConcurrency: number };
  readonly graphql: {
    introspection: boolean;
    sandbox: boolean;
    maxDepth: number;
    maxCost: number;
    maxAliases: number;
    maxQueryBytes: number;
    schemaFile: string | undefined;
  };
  readonly auth: {
    jwksUrl: string | undefined;
    issuer: string | undefined;
    audience: string | undefined;
    rolesClaim: string;
    devIssuerEnabled: boolean;
    apiKeyRateLimit: number;
    apiKeyRateWindowSeconds: number;
    principalCacheTtlMs: number;
  };
  /** Form II.06a rollups (reports, issue 11). */
  readonly reportRollups: { refreshEveryMs: number; historyYears: number };
  readonly calendar: { receiptCutoff: string; officeHours: string };
  readonly storage: { dir: string };
  readonly feedback: { responseWorkingDays: number; publishWorkingDays: number };
  readonly imports: {
    maxFileBytes: number;
    xlsxMaxUncompressedBytes: number;
    xlsxMaxEntries: number;
    chunkGroups: number;
    scanMaxBytes: number;
  };
  /** Benefits (issue 9): AES-256-GCM key for payment accounts; unset outside production = the dev key. */
  readonly benefits: { paymentAccountEncryptionKey: string | undefined };
  readonly registry: {
    populationDb: {
      url: string | undefined;
      clientId: string | undefined;
      token: string | undefined;
      timeoutMs: number;
    };
    staleAfterDays: number;
  };
  readonly dossiers: {
    codeScheme: 'CIRCULAR_03_2025' | 'QCVN_102' | 'CENTRALISED';
    codeOwner: string | undefined;
    fileMaxBytes: number;
    fileTypes: string[];
    fileStoreDriver: 'local' | 's3';
    trackingRateLimit: number;
    apologyMinWorkingDaysBeforeDue: number;
    s3: { endpoint?: string; region: string; bucket?: string; accessKeyId?: string; secretAccessKey?: string };
  };
  readonly notifications: {
    outboxRelayEveryMs: number;
    smtp: { host?: string; port: number; secure: boolean; user?: string; password?: string; sender: string };
    sms: { url?: string; token?: string };
    maxAttempts: number;
    backoffMs: number;
    httpTimeoutMs: number;
  };
  readonly integrations: {
    maxBodyBytes: number;
    webhookMaxAttempts: number;
    webhookBackoffMs: number;
    webhookMaxBackoffMs: number;
  };
  readonly reminders: {
    daysBefore: number;
    escalateAfterDays: number;
    rungs: string[];
    workdayStart: string;
    workdayEnd: string;
    lateAfterMs: number;
    sweepBatch: number;
  };

  constructor(v: EnvironmentVariables) {
    this.env = v.NODE_ENV;
    this.isProduction = v.NODE_ENV === 'production';
    const devLike = !this.isProduction;
    this.app = {
      role: v.APP_ROLE,
      port: v.PORT,
      host: v.HOST,
      corsOrigins: v.CORS_ORIGINS.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      bodyLimitBytes: v.HTTP_BODY_LIMIT_BYTES,
      requestTimeoutMs: v.HTTP_REQUEST_TIMEOUT_MS,
      shutdownGraceMs: v.SHUTDOWN_GRACE_MS,
      logLevel: v.LOG_LEVEL,
      logFormat: v.LOG_FORMAT ?? (this.isProduction ? 'json' : 'pretty'),
    };
    this.database = {
      url: v.DATABASE_URL,
      poolSize: v.DATABASE_POOL_SIZE,
      statementTimeoutMs: v.DATABASE_STATEMENT_TIMEOUT_MS,
      reportsPoolSize: v.REPORTS_POOL_SIZE,
      reportsStatementTimeoutMs: v.REPORTS_STATEMENT_TIMEOUT_MS,
      migrationsRunOnStart: v.MIGRATIONS_RUN_ON_START,
    };
    this.embedded = {
      dataDir: resolve(v.EMBEDDED_DATA_DIR),
      postgresPort: v.EMBEDDED_POSTGRES_PORT,
      redisPort: v.EMBEDDED_REDIS_PORT,
    };
    this.redis = { url: v.REDIS_URL };
    this.queue = { prefix: v.QUEUE_PREFIX, workerConcurrency: v.WORKER_CONCURRENCY };
    this.graphql = {
      introspection: v.GRAPHQL_INTROSPECTION ?? devLike,
      sandbox: v.GRAPHQL_SANDBOX ?? devLike,
      maxDepth: v.GRAPHQL_MAX_DEPTH,
      maxCost: v.GRAPHQL_MAX_COST,
      maxAliases: v.GRAPHQL_MAX_ALIASES,
      maxQueryBytes: v.GRAPHQL_MAX_QUERY_BYTES,
      schemaFile: v.SCHEMA_FILE,
    };
    this.auth = {
      jwksUrl: v.AUTH_JWKS_URL,
      issuer: v.AUTH_ISSUER,
      audience: v.AUTH_AUDIENCE,
      rolesClaim: v.AUTH_ROLES_CLAIM,
      devIssuerEnabled: v.DEV_ISSUER_ENABLED ?? devLike,
      apiKeyRateLimit: v.API_KEY_RATE_LIMIT,
      apiKeyRateWindowSeconds: v.API_KEY_RATE_WINDOW_SECONDS,
      principalCacheTtlMs: v.AUTH_PRINCIPAL_CACHE_TTL_MS,
    };
    this.reportRollups = {
      refreshEveryMs: v.REPORT_ROLLUP_REFRESH_EVERY_MS,
      historyYears: v.REPORT_ROLLUP_HISTORY_YEARS,
    };
    this.calendar = { receiptCutoff: v.RECEIPT_CUTOFF, officeHours: v.OFFICE_HOURS };
    this.storage = { dir: resolve(v.STORAGE_DIR) };
    this.feedback = {
      responseWorkingDays: v.FEEDBACK_RESPONSE_WORKING_DAYS,
      publishWorkingDays: v.FEEDBACK_PUBLISH_WORKING_DAYS,
    };
    this.imports = {
      maxFileBytes: v.IMPORT_MAX_FILE_BYTES,
      xlsxMaxUncompressedBytes: v.IMPORT_XLSX_MAX_UNCOMPRESSED_BYTES,
      xlsxMaxEntries: v.IMPORT_XLSX_MAX_ENTRIES,
      chunkGroups: v.IMPORT_CHUNK_GROUPS,
      scanMaxBytes: v.DIGITISATION_SCAN_MAX_BYTES,
    };
    this.benefits = { paymentAccountEncryptionKey: v.PAYMENT_ACCOUNT_ENCRYPTION_KEY };
    this.registry = {
      populationDb: {
        url: v.POPULATION_DB_URL,
        clientId: v.POPULATION_DB_CLIENT_ID,
        token: v.POPULATION_DB_TOKEN,
        timeoutMs: v.POPULATION_DB_TIMEOUT_MS,
      },
      staleAfterDays: v.REGISTRY_STALE_AFTER_DAYS,
    };
    this.dossiers = {
      codeScheme: v.DOSSIER_CODE_SCHEME as AppConfig['dossiers']['codeScheme'],
      codeOwner: v.DOSSIER_CODE_OWNER,
      fileMaxBytes: v.DOSSIER_FILE_MAX_BYTES,
      fileTypes: v.DOSSIER_FILE_TYPES.split(',')
        .map((t) => t.trim())
        .filter(Boolean),
      fileStoreDriver: v.FILE_STORE_DRIVER,
      trackingRateLimit: v.DOSSIER_TRACKING_RATE_LIMIT,
      apologyMinWorkingDaysBeforeDue: v.DOSSIER_APOLOGY_MIN_WORKING_DAYS_BEFORE_DUE,
      s3: {
        endpoint: v.S3_ENDPOINT,
        region: v.S3_REGION,
        bucket: v.S3_BUCKET,
        accessKeyId: v.S3_ACCESS_KEY_ID,
        secretAccessKey: v.S3_SECRET_ACCESS_KEY,
      },
    };
    this.notifications = {
      outboxRelayEveryMs: v.OUTBOX_RELAY_EVERY_MS,
      smtp: {
        host: v.SMTP_HOST,
        port: v.SMTP_PORT,
        secure: v.SMTP_SECURE,
        user: v.SMTP_USER,
        password: v.SMTP_PASSWORD,
        sender: v.SMTP_SENDER,
      },
      sms: { url: v.SMS_GATEWAY_URL, token: v.SMS_GATEWAY_TOKEN },
      maxAttempts: v.NOTIFY_MAX_ATTEMPTS,
      backoffMs: v.NOTIFY_BACKOFF_MS,
      httpTimeoutMs: v.NOTIFY_HTTP_TIMEOUT_MS,
    };
    this.integrations = {
      maxBodyBytes: v.INTEGRATION_MAX_BODY_BYTES,
      webhookMaxAttempts: v.INTEGRATION_WEBHOOK_MAX_ATTEMPTS,
      webhookBackoffMs: v.INTEGRATION_WEBHOOK_BACKOFF_MS,
      webhookMaxBackoffMs: v.INTEGRATION_WEBHOOK_MAX_BACKOFF_MS,
    };
    this.reminders = {
      daysBefore: v.REMINDER_DAYS_BEFORE,
      escalateAfterDays: v.REMINDER_ESCALATE_AFTER_DAYS,
      rungs: v.REMINDER_RUNGS.split(','),
      workdayStart: v.REMINDER_WORKDAY_START,
      workdayEnd: v.REMINDER_WORKDAY_END,
      lateAfterMs: v.REMINDER_LATE_AFTER_MS,
      sweepBatch: v.REMINDER_SWEEP_BATCH,
    };
  }

  /** Reads and validates `process.env` (or the given map). Throws ConfigurationError naming each bad variable. */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): AppConfig {
    return new AppConfig(validateEnvironment(env));
  }
}
