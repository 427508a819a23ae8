import type { DynamicModule, Type } from '@nestjs/common';
import { NotificationsModule } from 'src/modules/notifications/notifications.module';

/** The domain modules of the service, in dependency order. A new module under src/modules/ is added here. */
export const FEATURE_MODULES: Array<Type | DynamicModule> = [NotificationsModule];
