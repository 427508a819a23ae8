import { registerEnumType } from '@nestjs/graphql';
import { GENDERS, type Gender } from 'src/modules/registry/domain/birth-date';
import { RECORD_SOURCES, type RecordSource } from 'src/modules/registry/registry.types';
import { STATUS_KINDS, type StatusKind } from 'src/modules/registry/statuses/status.model';

const asEnum = <T extends string>(values: readonly T[]): Record<T, T> =>
  Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;

export const GenderEnum = asEnum<Gender>(GENDERS);
registerEnumType(GenderEnum, { name: 'Gender' });
export const RecordSourceEnum = asEnum<RecordSource>(RECORD_SOURCES);
registerEnumType(RecordSourceEnum, { name: 'RegistryRecordSource' });
export const StatusKindEnum = asEnum<StatusKind>(STATUS_KINDS);
registerEnumType(StatusKindEnum, { name: 'RegistryStatusKind' });
export const UNIT_ERAS = ['PRE_2025', 'POST_2025'] as const;
export type UnitEraValue = (typeof UNIT_ERAS)[number];
export const UnitEraEnum = asEnum<UnitEraValue>(UNIT_ERAS);
registerEnumType(UnitEraEnum, { name: 'RegistryUnitEra' });

export const BIRTH_PATTERN = /^\d{4}(-\d{2}-\d{2})?$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const CCCD_PATTERN = /^\d{12}$/;
export const PHONE_PATTERN = /^\+?[0-9]{8,15}$/;
