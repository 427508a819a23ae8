import { NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { DomainException, ValidationFailedException } from 'src/common/errors/domain.exception';
import { ERROR_CATALOG } from 'src/common/errors/error-catalog';
import { toProblem } from 'src/common/errors/problem';

describe('problem documents', () => {
  it('maps a domain exception through the catalog, keeping its extensions', () => {
    const { problem, unexpected } = toProblem(
      new DomainException('VERSION_CONFLICT', 'stale', { currentVersion: 4 }),
      'r1',
    );
    expect(unexpected).toBe(false);
    expect(problem).toMatchObject({
      status: 409,
      code: 'VERSION_CONFLICT',
      detail: 'stale',
      currentVersion: 4,
      requestId: 'r1',
    });
    expect(problem.type).toMatch(/version-conflict$/);
  });

  it('lists field errors for validation failures', () => {
    const { problem } = toProblem(
      new ValidationFailedException([{ field: 'code', message: 'code must match' }]),
    );
    expect(problem.status).toBe(400);
    expect(problem.errors).toEqual([{ field: 'code', message: 'code must match' }]);
  });

  it('turns a unique violation into 409 without SQL in the body', () => {
    const error = Object.assign(
      new QueryFailedError('insert into x values ($1)', ['secret'], new Error('dup')),
      {
        code: '23505',
        constraint: 'uq_dossier_code',
      },
    );
    const { problem } = toProblem(error);
    expect(problem).toMatchObject({
      status: 409,
      code: 'UNIQUE_VIOLATION',
      detail: 'constraint uq_dossier_code',
    });
    expect(JSON.stringify(problem)).not.toContain('insert');
    expect(JSON.stringify(problem)).not.toContain('secret');
  });

  it('hides unknown errors behind a bare 500', () => {
    const { problem, unexpected } = toProblem(
      new TypeError('cannot read property x of undefined at /srv/app.js:1'),
    );
    expect(unexpected).toBe(true);
    expect(problem).toMatchObject({ status: 500, code: 'INTERNAL' });
    expect(problem.detail).toBeUndefined();
  });

  it('maps framework 404s to ROUTE_NOT_FOUND', () => {
    expect(toProblem(new NotFoundException('Cannot GET /x')).problem.code).toBe('ROUTE_NOT_FOUND');
  });

  it('gives every catalog entry a 4xx or 5xx status', () => {
    for (const entry of Object.values(ERROR_CATALOG)) expect(entry.status).toBeGreaterThanOrEqual(400);
  });
});
