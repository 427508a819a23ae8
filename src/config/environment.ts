import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/** Settings names that must never appear in logs or error messages with their values. */
export const SECRET_SETTINGS = [
  'DATABASE_URL',
  'REDIS_URL',
  'DEV_ISSUER_PRIVATE_KEY',
  'PAYMENT_ACCOUNT_ENCRYPTION_KEY',
  'SMTP_PASSWORD',
  'SMS_GATEWAY_TOKEN',
  'POPULATION_DB_TOKEN',
  'S3_SECRET_ACCESS_KEY',
] as const;

const toBool = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value;
const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;

/**
 * Every environment variable the service reads, with its bounds. `.env.example` documents each one;
 * the config spec checks the two stay in step.
 */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test']) NODE_ENV: 'development' | 'production' | 'test' =
    'development';
  @IsIn(['all', 'api', 'worker']) APP_ROLE: 'all' | 'api' | 'worker' = 'all';
  @Transform(toInt) @IsInt() @Min(0) @Max(65535) PORT = 3000;
  @IsString() @MaxLength(255) HOST = '0.0.0.0';
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';
  @IsOptional() @IsIn(['json', 'pretty']) LOG_FORMAT?: 'json' | 'pretty';
  /** Comma-separated list of allowed origins; empty means no cross-origin access. */
  @IsString() @MaxLength(4000) CORS_ORIGINS = '';
  @Transform(toInt) @IsInt() @Min(1024) @Max(100 * 1024 * 1024) HTTP_BODY_LIMIT_BYTES = 1_048_576;
  @Transform(toInt) @IsInt() @Min(100) @Max(600_000) HTTP_REQUEST_TIMEOUT_MS = 30_000;
  @Transform(toInt) @IsInt() @Min(0) @Max(120_000) SHUTDOWN_GRACE_MS = 15_000;

  @IsOptional()
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;
  @Transform(toInt) @IsInt() @Min(1) @Max(200) DATABASE_POOL_SIZE = 10;
  @Transform(toInt) @IsInt() @Min(100) @Max(3_600_000) DATABASE_STATEMENT_TIMEOUT_MS = 15_000;
  @Transform(toInt) @IsInt() @Min(1) @Max(50) REPORTS_POOL_SIZE = 3;
  @Transform(toInt) @IsInt() @Min(1) @Max(3_600_000) REPORTS_STATEMENT_TIMEOUT_MS = 120_000;
  /** How often the worker folds dossier changes into the report rollups (reports, issue 11). */
  @Transform(toInt) @IsInt() @Min(1000) @Max(3_600_000) REPORT_ROLLUP_REFRESH_EVERY_MS = 60_000;
  /** Official periods overlapping this many years back from today have rollups; older ones read the base tables. */
  @Transform(toInt) @IsInt() @Min(0) @Max(20) REPORT_ROLLUP_HISTORY_YEARS = 3;
  @IsString() @MinLength(1) EMBEDDED_DATA_DIR = '.data';
  @Transform(toInt) @IsInt() @Min(1024) @Max(65535) EMBEDDED_POSTGRES_PORT = 54329;
  @Transform(toInt) @IsInt() @Min(1024) @Max(65535) EMBEDDED_REDIS_PORT = 63799;
  /** Run pending migrations at boot. Defaults to on only in embedded mode; production runs them explicitly. */
  @IsOptional() @Transform(toBool) @IsBoolean() MIGRATIONS_RUN_ON_START?: boolean;

  @IsOptional()
  @IsString()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL?: string;
  @IsString()
  @Matches(/^[a-zA-Z0-9_-]{1,40}$/, { message: 'QUEUE_PREFIX must be 1-40 letters, digits, _ or -' })
  QUEUE_PREFIX = 'ansinh';
  @Transform(toInt) @IsInt() @Min(1) @Max(64) WORKER_CONCURRENCY = 4;

  @IsOptional() @Transform(toBool) @IsBoolean() GRAPHQL_INTROSPECTION?: boolean;
  @IsOptional() @Transform(toBool) @IsBoolean() GRAPHQL_SANDBOX?: boolean;
  @Transform(toInt) @IsInt() @Min(2) @Max(50) GRAPHQL_MAX_DEPTH = 10;
  @Transform(toInt) @IsInt() @Min(10) @Max(1_000_000) GRAPHQL_MAX_COST = 20_000;
  @Transform(toInt) @IsInt() @Min(1) @Max(200) GRAPHQL_MAX_ALIASES = 30;
  @Transform(toInt) @IsInt() @Min(256) @Max(1_000_000) GRAPHQL_MAX_QUERY_BYTES = 20_000;
  @IsOptional() @IsString() @MaxLength(500) SCHEMA_FILE?: string;

  @IsOptional() @IsString() @MaxLength(2000) AUTH_JWKS_URL?: string;
  @IsOptional() @IsString() @MaxLength(500) AUTH_ISSUER?: string;
  @IsOptional() @IsString() @MaxLength(500) AUTH_AUDIENCE?: string;
  @IsString() @MaxLength(200) AUTH_ROLES_CLAIM = 'realm_access.roles';
  @IsOptional() @Transform(toBool) @IsBoolean() DEV_ISSUER_ENABLED?: boolean;
  @Transform(toInt) @IsInt() @Min(1) @Max(1_000_000) API_KEY_RATE_LIMIT = 600;
  @Transform(toInt) @IsInt() @Min(1) @Max(86_400) API_KEY_RATE_WINDOW_SECONDS = 60;
  @Transform(toInt) @IsInt() @Min(0) @Max(600_000) AUTH_PRINCIPAL_CACHE_TTL_MS = 30_000;

  @IsString()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'RECEIPT_CUTOFF must be HH:MM' })
  RECEIPT_CUTOFF = '15:00';
  /** Office hours of working days, used by budgets counted in working hours (calendar, issue 4). */
  @IsString()
  @Matches(
    /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d(,([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d){0,3}$/,
    {
      message: 'OFFICE_HOURS must look like 07:30-11:30,13:00-17:00',
    },
  )
  OFFICE_HOURS = '07:30-11:30,13:00-17:00';
  @IsString() @MaxLength(500) STORAGE_DIR = '.data/files';

  // --- citizen feedback (issue 12) ---
  /** Working days to answer a feedback or petition (Decision 766 indicator 5.2 uses 15). */
  @Transform(toInt) @IsInt() @Min(1) @Max(90) FEEDBACK_RESPONSE_WORKING_DAYS = 15;
  /** Working days from the answer to its publication (Decision 766 indicator 5.2 uses 2). */
  @Transform(toInt) @IsInt() @Min(0) @Max(30) FEEDBACK_PUBLISH_WORKING_DAYS = 2;
  // --- dossiers (issue 6) ---
  @IsIn(['CIRCULAR_03_2025', 'QCVN_102', 'CENTRALISED']) DOSSIER_CODE_SCHEME = 'CIRCULAR_03_2025';
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'DOSSIER_CODE_OWNER must be 2 digits' })
  DOSSIER_CODE_OWNER?: string;
  @Transform(toInt) @IsInt() @Min(1024) @Max(1024 * 1024 * 1024) DOSSIER_FILE_MAX_BYTES = 20 * 1024 * 1024;
  @IsString() @MaxLength(2000) DOSSIER_FILE_TYPES = 'application/pdf,image/jpeg,image/png,image/tiff';
  @IsIn(['local', 's3']) FILE_STORE_DRIVER: 'local' | 's3' = 'local';
  @Transform(toInt) @IsInt() @Min(1) @Max(100_000) DOSSIER_TRACKING_RATE_LIMIT = 20;
  @Transform(toInt) @IsInt() @Min(0) @Max(10) DOSSIER_APOLOGY_MIN_WORKING_DAYS_BEFORE_DUE = 1;
  /** S3-compatible file store (FILE_STORE_DRIVER=s3), path-style addressing. */
  @IsOptional() @IsString() @MaxLength(500) @Matches(/^https?:\/\//, { message: 'S3_ENDPOINT must be an http(s) URL' }) S3_ENDPOINT?: string;
  @IsString() @MaxLength(64) S3_REGION = 'us-east-1';
  @IsOptional() @Matches(/^[a-z0-9][a-z0-9.-]{1,62}$/, { message: 'S3_BUCKET must be a valid bucket name' }) S3_BUCKET?: string;
  @IsOptional() @IsString() @MaxLength(200) S3_ACCESS_KEY_ID?: string;
  @IsOptional() @IsString() @MaxLength(200) S3_SECRET_ACCESS_KEY?: string;

  // --- notifications and reminders (issue 7) ---
  @Transform(toInt) @IsInt() @Min(200) @Max(600_000) OUTBOX_RELAY_EVERY_MS = 2000;
  @IsOptional() @IsString() @MaxLength(255) SMTP_HOST?: string;
  @Transform(toInt) @IsInt() @Min(1) @Max(65535) SMTP_PORT = 587;
  @Transform(toBool) @IsBoolean() SMTP_SECURE = false;
  @IsOptional() @IsString() @MaxLength(255) SMTP_USER?: string;
  @IsOptional() @IsString() @MaxLength(500) SMTP_PASSWORD?: string;
  @IsString() @MaxLength(255) SMTP_SENDER = 'An Sinh <no-reply@ansinh.local>';
  @IsOptional()
  @IsString()
  @Matches(/^https?:\/\//, { message: 'SMS_GATEWAY_URL must be an http(s) URL' })
  SMS_GATEWAY_URL?: string;
  @IsOptional() @IsString() @MaxLength(1000) SMS_GATEWAY_TOKEN?: string;
  @Transform(toInt) @IsInt() @Min(1) @Max(50) NOTIFY_MAX_ATTEMPTS = 12;
  @Transform(toInt) @IsInt() @Min(10) @Max(3_600_000) NOTIFY_BACKOFF_MS = 30_000;
  @Transform(toInt) @IsInt() @Min(100) @Max(120_000) NOTIFY_HTTP_TIMEOUT_MS = 10_000;
  @Transform(toInt) @IsInt() @Min(0) @Max(30) REMINDER_DAYS_BEFORE = 1;
  @Transform(toInt) @IsInt() @Min(0) @Max(30) REMINDER_ESCALATE_AFTER_DAYS = 1;
  @IsString()
  @Matches(/^(BEFORE_DUE|DUE_DAY|OVERDUE|ESCALATE)(,(BEFORE_DUE|DUE_DAY|OVERDUE|ESCALATE))*$/, {
    message: 'REMINDER_RUNGS must list BEFORE_DUE, DUE_DAY, OVERDUE, ESCALATE separated by commas',
  })
  REMINDER_RUNGS = 'BEFORE_DUE,DUE_DAY,OVERDUE,ESCALATE';
  @IsString()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'REMINDER_WORKDAY_START must be HH:MM' })
  REMINDER_WORKDAY_START = '07:30';
  @IsString()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'REMINDER_WORKDAY_END must be HH:MM' })
  REMINDER_WORKDAY_END = '17:00';
  @Transform(toInt) @IsInt() @Min(0) @Max(86_400_000) REMINDER_LATE_AFTER_MS = 300_000;
  @Transform(toInt) @IsInt() @Min(10) @Max(10_000) REMINDER_SWEEP_BATCH = 500;

  // --- benefits (issue 9) ---
  /**
   * AES-256-GCM key for payment accounts at rest: 32 bytes as base64 (44 chars) or hex (64 chars). Required in
   * production (the service refuses to start without it); elsewhere a documented development key is used.
   */
  @IsOptional()
  @IsString()
  @Matches(/^([A-Za-z0-9+/]{43}=|[0-9a-fA-F]{64})$/, {
    message: 'PAYMENT_ACCOUNT_ENCRYPTION_KEY must be 32 bytes as base64 or hex',
  })
  PAYMENT_ACCOUNT_ENCRYPTION_KEY?: string;

  // --- registry (issue 8) ---
  /** Base URL of the national population database adapter; unset = verification disabled. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(/^https?:\/\//, { message: 'POPULATION_DB_URL must be an http(s) URL' })
  POPULATION_DB_URL?: string;
  @IsOptional() @IsString() @MaxLength(200) POPULATION_DB_CLIENT_ID?: string;
  @IsOptional() @IsString() @MaxLength(2000) POPULATION_DB_TOKEN?: string;
  @Transform(toInt) @IsInt() @Min(100) @Max(120_000) POPULATION_DB_TIMEOUT_MS = 5_000;
  /** A person not verified nor updated for longer than this is flagged stale. */
  @Transform(toInt) @IsInt() @Min(1) @Max(36_500) REGISTRY_STALE_AFTER_DAYS = 365;

  // --- imports & digitisation (issue 10) ---
  /** Largest import file (CSV/XLSX) accepted, in bytes. */
  @Transform(toInt) @IsInt() @Min(1024) @Max(2 * 1024 * 1024 * 1024) IMPORT_MAX_FILE_BYTES =
    200 * 1024 * 1024;
  /** Zip-bomb guard: total declared uncompressed size of an XLSX's parts. */
  @Transform(toInt) @IsInt() @Min(1024) @Max(8 * 1024 * 1024 * 1024) IMPORT_XLSX_MAX_UNCOMPRESSED_BYTES =
    2 * 1024 * 1024 * 1024;
  /** Zip-bomb guard: number of parts in an XLSX. */
  @Transform(toInt) @IsInt() @Min(10) @Max(100_000) IMPORT_XLSX_MAX_ENTRIES = 2000;
  /** Households (or lone people) per commit chunk; each chunk and its checkpoint commit in one transaction. */
  @Transform(toInt) @IsInt() @Min(10) @Max(100_000) IMPORT_CHUNK_GROUPS = 5000;
  /** Largest scan (PDF/image) of an archive file accepted, in bytes. */
  @Transform(toInt) @IsInt() @Min(1024) @Max(1024 * 1024 * 1024) DIGITISATION_SCAN_MAX_BYTES =
    100 * 1024 * 1024;

  // --- portal integrations (issue 12) ---
  /** Largest request body accepted on /api/v1/integrations (413 problem+json above). */
  @Transform(toInt) @IsInt() @Min(1024) @Max(64 * 1024 * 1024) INTEGRATION_MAX_BODY_BYTES = 2 * 1024 * 1024;
  /** Attempts per portal webhook before it is dead-lettered (with the backoff, spread over more than 24 hours). */
  @Transform(toInt) @IsInt() @Min(1) @Max(50) INTEGRATION_WEBHOOK_MAX_ATTEMPTS = 14;
  @Transform(toInt) @IsInt() @Min(10) @Max(3_600_000) INTEGRATION_WEBHOOK_BACKOFF_MS = 30_000;
  @Transform(toInt) @IsInt() @Min(10) @Max(86_400_000) INTEGRATION_WEBHOOK_MAX_BACKOFF_MS = 6 * 3600 * 1000;
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigurationError';
  }
}

/** Parses and validates the environment; throws one error naming every bad variable (never its value if secret). */
export function validateEnvironment(env: NodeJS.ProcessEnv): EnvironmentVariables {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = plainToInstance(EnvironmentVariables, defined, { exposeDefaultValues: true });
  const errors = validateSync(parsed, { skipMissingProperties: false, forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new ConfigurationError(
      errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`),
    );
  }
  return parsed;
}
