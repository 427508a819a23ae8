import { ERROR_CATALOG, type ErrorCode } from 'src/common/errors/error-catalog';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * What services throw. It carries a stable code from the catalog and a human detail; never an HTTP status (the
 * catalog decides that) and never personal data (details are shown to callers and logged).
 */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    /** Extra machine-readable members of the problem document (e.g. `currentVersion`, `fieldErrors`). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? ERROR_CATALOG[code].title);
    this.name = 'DomainException';
  }

  get status(): number {
    return ERROR_CATALOG[this.code].status;
  }
}

export class ValidationFailedException extends DomainException {
  constructor(
    readonly fieldErrors: FieldError[],
    detail = 'One or more fields are not valid',
  ) {
    super('VALIDATION_FAILED', detail, { errors: fieldErrors });
  }
}
