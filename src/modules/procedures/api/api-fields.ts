import { applyDecorators } from '@nestjs/common';
import { Field, Float, Int, registerEnumType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  DECISION_ACTIONS,
  DECISION_STATUSES,
  FEE_POLICIES,
  ONLINE_MODES,
  PROCEDURE_LEVELS,
  RECEIPT_CHANNELS,
  REGISTRY_SOURCES,
  RESULT_KINDS,
  TIME_UNITS,
} from 'src/modules/procedures/domain/procedure.types';
import { CATALOG_STATUSES } from 'src/modules/procedures/procedures.service';

/**
 * Field decorators for the catalog's GraphQL types and REST bodies: one line gives the GraphQL field, the OpenAPI
 * property (with its bounds) and, for inputs, the class-validator rules, so the three never disagree.
 */
function asEnum<T extends string>(values: readonly T[]): Record<T, T> {
  return Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;
}

export const GqlProcedureLevel = asEnum(PROCEDURE_LEVELS);
export const GqlTimeUnit = asEnum(TIME_UNITS);
export const GqlReceiptChannel = asEnum(RECEIPT_CHANNELS);
export const GqlOnlineMode = asEnum(ONLINE_MODES);
export const GqlFeePolicy = asEnum(FEE_POLICIES);
export const GqlResultKind = asEnum(RESULT_KINDS);
export const GqlRegistrySource = asEnum(REGISTRY_SOURCES);
export const GqlDecisionAction = asEnum(DECISION_ACTIONS);
export const GqlDecisionStatus = asEnum(DECISION_STATUSES);
export const GqlCatalogStatus = asEnum(CATALOG_STATUSES);

registerEnumType(GqlProcedureLevel, { name: 'ProcedureLevel', description: 'Cấp thực hiện' });
registerEnumType(GqlTimeUnit, {
  name: 'TimeUnit',
  description: 'Unit of a time limit, as the source states it',
});
registerEnumType(GqlReceiptChannel, {
  name: 'ReceiptChannel',
  description: 'Direct, online, public postal service',
});
registerEnumType(GqlOnlineMode, {
  name: 'OnlineMode',
  description: 'Decree 42/2022: FULL toàn trình, PARTIAL một phần',
});
registerEnumType(GqlFeePolicy, { name: 'FeePolicy' });
registerEnumType(GqlResultKind, { name: 'ProcedureResultKind' });
registerEnumType(GqlRegistrySource, { name: 'RegistrySource' });
registerEnumType(GqlDecisionAction, { name: 'DecisionAction' });
registerEnumType(GqlDecisionStatus, { name: 'DecisionStatus' });
registerEnumType(GqlCatalogStatus, { name: 'CatalogStatus' });

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

interface Opts {
  nullable?: boolean;
  description?: string;
  example?: unknown;
}

// ---- outputs ----

export const OutStr = (maxLength: number, o: Opts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => String, { nullable: o.nullable, description: o.description }),
    ApiProperty({
      type: String,
      maxLength,
      nullable: o.nullable,
      description: o.description,
      example: o.example,
    }),
  );

export const OutStrList = (maxLength: number, o: Opts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => [String], { nullable: o.nullable, description: o.description }),
    ApiProperty({ type: String, isArray: true, maxItems: 100, maxLength, description: o.description }),
  );

export const OutDate = (o: Opts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => String, { nullable: o.nullable, description: o.description ?? 'YYYY-MM-DD' }),
    ApiProperty({
      type: String,
      format: 'date',
      maxLength: 10,
      nullable: o.nullable,
      description: o.description,
    }),
  );

export const OutInt = (o: Opts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => Int, { nullable: o.nullable, description: o.description }),
    ApiProperty({ type: Number, format: 'int32', nullable: o.nullable, description: o.description }),
  );

export const OutNum = (o: Opts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => Float, { nullable: o.nullable, description: o.description }),
    ApiProperty({ type: Number, nullable: o.nullable, description: o.description }),
  );

export const OutBool = (o: Opts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => Boolean, { nullable: o.nullable, description: o.description }),
    ApiProperty({ type: Boolean, nullable: o.nullable, description: o.description }),
  );

export const OutEnum = (
  gql: object,
  values: readonly string[],
  o: Opts & { array?: boolean } = {},
): PropertyDecorator =>
  applyDecorators(
    Field(() => (o.array ? [gql] : gql), { nullable: o.nullable, description: o.description }),
    ApiProperty({
      enum: values,
      isArray: o.array,
      maxItems: o.array ? values.length : undefined,
      nullable: o.nullable,
      description: o.description,
    }),
  );

export const OutObj = (
  type: () => Function,
  o: Opts & { array?: boolean; maxItems?: number } = {},
): PropertyDecorator =>
  applyDecorators(
    Field(() => (o.array ? [type()] : type()), { nullable: o.nullable, description: o.description }),
    ApiProperty({
      type: type(),
      isArray: o.array,
      maxItems: o.array ? (o.maxItems ?? 500) : undefined,
      nullable: o.nullable,
      description: o.description,
    }),
  );

// ---- inputs ----

const optional = (o: Opts): PropertyDecorator[] => (o.nullable ? [IsOptional()] : []);

export const InStr = (maxLength: number, o: Opts & { pattern?: RegExp } = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => String, { nullable: o.nullable, description: o.description }),
    ApiProperty({
      type: String,
      maxLength,
      required: !o.nullable,
      nullable: o.nullable,
      pattern: o.pattern?.source,
      description: o.description,
      example: o.example,
    }),
    ...optional(o),
    IsString(),
    MaxLength(maxLength),
    ...(o.pattern ? [Matches(o.pattern)] : []),
  );

export const InDate = (o: Opts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => String, { nullable: o.nullable, description: o.description ?? 'YYYY-MM-DD' }),
    ApiProperty({
      type: String,
      format: 'date',
      maxLength: 10,
      pattern: DATE_PATTERN.source,
      required: !o.nullable,
      nullable: o.nullable,
      description: o.description,
      example: o.example ?? '2026-03-01',
    }),
    ...optional(o),
    IsString(),
    Matches(DATE_PATTERN),
  );

export const InInt = (min: number, max: number, o: Opts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => Int, { nullable: o.nullable, description: o.description }),
    ApiProperty({
      type: Number,
      format: 'int32',
      minimum: min,
      maximum: max,
      required: !o.nullable,
      nullable: o.nullable,
    }),
    ...optional(o),
    Type(() => Number),
    IsInt(),
    Min(min),
    Max(max),
  );

export const InNum = (min: number, max: number, o: Opts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => Float, { nullable: o.nullable, description: o.description }),
    ApiProperty({ type: Number, minimum: min, maximum: max, required: !o.nullable, nullable: o.nullable }),
    ...optional(o),
    IsNumber({ maxDecimalPlaces: 2 }),
    Min(min),
    Max(max),
  );

export const InBool = (o: Opts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => Boolean, { nullable: o.nullable, description: o.description }),
    ApiProperty({ type: Boolean, required: !o.nullable, nullable: o.nullable, description: o.description }),
    ...optional(o),
    IsBoolean(),
  );

export const InEnum = (
  gql: object,
  values: readonly string[],
  o: Opts & { array?: boolean } = {},
): PropertyDecorator =>
  applyDecorators(
    Field(() => (o.array ? [gql] : gql), { nullable: o.nullable, description: o.description }),
    ApiProperty({
      enum: values,
      isArray: o.array,
      maxItems: o.array ? values.length : undefined,
      required: !o.nullable,
      nullable: o.nullable,
      description: o.description,
    }),
    ...optional(o),
    ...(o.array ? [IsArray(), ArrayMaxSize(values.length), IsIn(values, { each: true })] : [IsIn(values)]),
  );

export const InObj = (
  type: () => Function,
  o: Opts & { array?: boolean; maxItems?: number } = {},
): PropertyDecorator =>
  applyDecorators(
    Field(() => (o.array ? [type()] : type()), { nullable: o.nullable, description: o.description }),
    ApiProperty({
      type: type(),
      isArray: o.array,
      maxItems: o.array ? (o.maxItems ?? 100) : undefined,
      required: !o.nullable,
      nullable: o.nullable,
      description: o.description,
    }),
    ...optional(o),
    ...(o.array ? [IsArray(), ArrayMaxSize(o.maxItems ?? 100)] : []),
    ValidateNested({ each: o.array }),
    Type(type),
  );
