/**
 * Every stable error code the service can answer with, and its HTTP status and title. The REST problem+json
 * filter and the GraphQL formatter both read this one table, so a resolver never maps errors itself. A code that
 * is not listed here does not type-check (`ErrorCode` is the key set).
 *
 * Keep codes grouped by module; a new module adds its own block.
 */
export const ERROR_CATALOG = {
  // --- generic, raised by the plumbing ---
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  BAD_REQUEST: { status: 400, title: 'The request cannot be understood' },
  MALFORMED_JSON: { status: 400, title: 'The request body is not valid JSON' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication is required' },
  FORBIDDEN: { status: 403, title: 'You are not allowed to do this' },
  OUT_OF_SCOPE: { status: 403, title: 'The record is outside your administrative scope' },
  ROUTE_NOT_FOUND: { status: 404, title: 'No such route' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  CONFLICT: { status: 409, title: 'The request conflicts with the current state' },
  VERSION_CONFLICT: { status: 409, title: 'The record was changed by someone else' },
  UNIQUE_VIOLATION: { status: 409, title: 'A record with the same unique value already exists' },
  REFERENCE_VIOLATION: { status: 409, title: 'The record refers to, or is referred to by, another record' },
  CONSTRAINT_VIOLATION: { status: 400, title: 'The data breaks a rule of the database' },
  IDEMPOTENCY_KEY_CONFLICT: { status: 409, title: 'The Idempotency-Key was used with a different request' },
  IDEMPOTENCY_KEY_IN_PROGRESS: {
    status: 409,
    title: 'A request with this Idempotency-Key is still in progress',
  },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  GRAPHQL_QUERY_TOO_COMPLEX: {
    status: 400,
    title: 'The GraphQL operation is too deep, too costly or too large',
  },
  GRAPHQL_INVALID: { status: 400, title: 'The GraphQL operation is not valid' },
  INTERNAL: { status: 500, title: 'Internal error' },
  SERVICE_UNAVAILABLE: { status: 503, title: 'A service this request needs is unavailable' },
  QUEUE_UNAVAILABLE: { status: 503, title: 'The job queue is unavailable; try again shortly' },
  DATABASE_TIMEOUT: { status: 503, title: 'The database took too long to answer' },
  REQUEST_TIMEOUT: { status: 503, title: 'The request took too long' },
  // --- organisation & audit (issue 3) ---
  ADMIN_UNIT_NOT_FOUND: { status: 404, title: 'No such administrative unit' },
  ADMIN_UNIT_IMPORT_INVALID: { status: 422, title: 'The administrative-unit files are not consistent' },
  AGENCY_NOT_FOUND: { status: 404, title: 'No such agency' },
  STAFF_USER_NOT_FOUND: { status: 404, title: 'No such staff user' },
  API_KEY_NOT_FOUND: { status: 404, title: 'No such API key' },
  API_KEY_REVOKED: { status: 409, title: 'The API key is already revoked' },
  AUDIT_EVENT_NOT_FOUND: { status: 404, title: 'No such audit event' },
  // --- dossiers (issue 6) ---
  DOSSIER_NOT_FOUND: { status: 404, title: 'No such dossier' },
  DOSSIER_ILLEGAL_TRANSITION: { status: 409, title: 'The dossier is not in a state that allows this action' },
  DOSSIER_ILLEGAL_TRANSFER: { status: 409, title: 'The dossier cannot be transferred between these levels' },
  DOSSIER_CODE_INVALID: { status: 400, title: 'The dossier code is malformed' },
  DOSSIER_PROCEDURE_UNKNOWN: { status: 422, title: 'No procedure version in force with this code' },
  DOSSIER_CHANNEL_NOT_OFFERED: { status: 422, title: 'The procedure is not offered through this channel' },
  DOSSIER_DOCUMENTS_MISSING: { status: 422, title: 'Mandatory documents of the checklist are missing' },
  DOSSIER_APPOINTMENT_ALREADY_MOVED: { status: 409, title: 'The appointment date may be moved only once' },
  DOSSIER_APOLOGY_DATE_INVALID: { status: 422, title: 'The new appointment date must be a working day after the current one' },
  DOSSIER_RESULT_MISSING: { status: 409, title: 'The dossier has no result file yet' },
  DOSSIER_LOOKUP_FAILED: { status: 404, title: 'No dossier matches this code and second factor' },
  FILE_TOO_LARGE: { status: 413, title: 'The file is larger than allowed' },
  FILE_TYPE_NOT_ALLOWED: { status: 415, title: 'This file type is not allowed' },
  FILE_NOT_FOUND: { status: 404, title: 'No such file' },
  // --- registry (issue 8) ---
  CCCD_INVALID: { status: 400, title: 'The citizen ID number is not valid' },
  CCCD_ALREADY_REGISTERED: { status: 409, title: 'A person with this citizen ID number is already registered' },
  PERSON_NOT_FOUND: { status: 404, title: 'No such person' },
  PERSON_DECEASED: { status: 409, title: 'The person is recorded as deceased' },
  HOUSEHOLD_NOT_FOUND: { status: 404, title: 'No such household' },
  HOUSEHOLD_MEMBERSHIP_OVERLAP: { status: 409, title: 'The person already belongs to a household in this period' },
  POVERTY_STANDARD_MISSING: { status: 422, title: 'No poverty standard is in force for this year' },
  POVERTY_INDICATOR_UNKNOWN: { status: 422, title: 'The deprivation indicator is not part of the standard in force' },
  SOCIAL_PROTECTION_PROFILE_INVALID: { status: 422, title: 'The social-protection profile is incomplete' },
  STATUS_NOT_FOUND: { status: 404, title: 'No such status' },
  STATUS_PERIOD_INVALID: { status: 400, title: 'The status period is not valid' },
  DUPLICATE_REVIEW_NOT_FOUND: { status: 404, title: 'No such duplicate candidate' },
  DUPLICATE_REVIEW_CLOSED: { status: 409, title: 'The duplicate candidate was already decided' },
  MERGE_NOT_FOUND: { status: 404, title: 'No such merge' },
  MERGE_NOT_UNDOABLE: { status: 409, title: 'The merge cannot be undone' },
  POPULATION_DB_NOT_CONFIGURED: { status: 503, title: 'The national population database is not configured' },
  POPULATION_DB_UNAVAILABLE: { status: 503, title: 'The national population database did not answer' },
  // --- procedures (issue 5) ---
  PROCEDURE_NOT_FOUND: { status: 404, title: 'No such procedure' },
  PROCEDURE_NOT_IN_FORCE: { status: 404, title: 'No version of the procedure is in force on this date' },
  PROCEDURE_VERSION_NOT_FOUND: { status: 404, title: 'No such procedure version' },
  PROCEDURE_ALREADY_EXISTS: { status: 409, title: 'A procedure with this code already exists' },
  PROCEDURE_ABOLISHED: { status: 409, title: 'The procedure was abolished' },
  PROCEDURE_FIELD_UNKNOWN: { status: 422, title: 'No such procedure field' },
  PROCEDURE_CONTENT_INVALID: { status: 422, title: 'The procedure content breaks a catalog rule' },
  PROCEDURE_STEP_BUDGET_MISMATCH: { status: 422, title: 'The internal-process step budgets do not add up to the time limit' },
  PROCEDURE_DECISION_NOT_FOUND: { status: 404, title: 'No such publication decision' },
  PROCEDURE_DECISION_INVALID: { status: 422, title: 'The publication decision is not consistent' },
  PROCEDURE_DECISION_ALREADY_APPLIED: { status: 409, title: 'The publication decision was already applied' },
  PROCEDURE_DECISION_DATE_CONFLICT: {
    status: 409,
    title: 'The decision takes effect before the version it would replace',
  },
  PROCEDURE_IMPORT_INVALID: { status: 422, title: 'The catalog file cannot be imported' },
  // --- imports & digitisation (issue 10) ---
  IMPORT_NOT_FOUND: { status: 404, title: 'No such import' },
  IMPORT_TARGET_UNKNOWN: { status: 404, title: 'No such import target' },
  IMPORT_FILE_REFUSED: { status: 422, title: 'The import file is refused (size, type or structure)' },
  IMPORT_ENCODING_UNSUPPORTED: { status: 422, title: 'The file encoding cannot be converted reliably' },
  IMPORT_HEADER_INVALID: { status: 422, title: 'The header row does not match the import template' },
  IMPORT_ILLEGAL_STATE: { status: 409, title: 'The import is not in a state that allows this action' },
  DIGITISATION_PROJECT_NOT_FOUND: { status: 404, title: 'No such digitisation project' },
  DIGITISATION_BOX_NOT_FOUND: { status: 404, title: 'No such archive box' },
  DIGITISATION_FILE_NOT_FOUND: { status: 404, title: 'No such archive file' },
  DIGITISATION_ILLEGAL_TRANSITION: { status: 409, title: 'The archive file is not in a state that allows this' },
  DIGITISATION_SAME_OFFICER: { status: 409, title: 'This step must be done by a different officer' },
  DIGITISATION_CHECKSUM_MISMATCH: { status: 422, title: 'The stored scan does not match the declared checksum' },
  DIGITISATION_LINK_AMBIGUOUS: { status: 409, title: 'The entered data matches more than one registry record' },
  // --- notifications & reminders (issue 7) ---
  NOTIFICATION_DELIVERY_NOT_FOUND: { status: 404, title: 'No such notification delivery' },
  NOTIFICATION_DELIVERY_NOT_FAILED: { status: 409, title: 'Only a failed delivery can be replayed' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CATALOG, value);
}
