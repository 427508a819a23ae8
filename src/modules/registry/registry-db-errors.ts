import { DomainException } from 'src/common/errors/domain.exception';
import type { ErrorCode } from 'src/common/errors/error-catalog';

/** Maps an exclusion-constraint (23P01) or unique violation of a named constraint to a domain error. */
export async function mapConstraint<T>(work: () => Promise<T>, map: Record<string, ErrorCode>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    const err = e as {
      code?: string;
      constraint?: string;
      driverError?: { code?: string; constraint?: string };
    };
    const constraint = err.constraint ?? err.driverError?.constraint;
    const code = err.code ?? err.driverError?.code;
    if ((code === '23P01' || code === '23505') && constraint && map[constraint])
      throw new DomainException(map[constraint]);
    throw e;
  }
}
