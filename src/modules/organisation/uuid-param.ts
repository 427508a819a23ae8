import { ApiParam } from '@nestjs/swagger';

/** OpenAPI for an `:id` path parameter that is a uuid (bounded, as the contract lint requires). */
export const ApiUuidParam = (name = 'id'): MethodDecorator =>
  ApiParam({ name, schema: { type: 'string', format: 'uuid', maxLength: 36 } });
