import type { DynamicModule, Type } from '@nestjs/common';

/** The domain modules of the service, in dependency order. A new module under src/modules/ is added here. */
export const FEATURE_MODULES: Array<Type | DynamicModule> = [];
