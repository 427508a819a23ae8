import { applyDecorators } from '@nestjs/common';
import { Field, Float, Int, registerEnumType } from '@nestjs/graphql';
import { ApiParam, ApiProperty } from '@nestjs/swagger';
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

/**
 * Field decorators for code-first GraphQL types that double as REST DTOs: one line gives the GraphQL field, the
 * OpenAPI property with its bounds (the contract lint wants maxLength / maxItems / format) and, for inputs, the
 * class-validator rules, so the three never disagree. Outputs: a nullable field is also not `required`.
 * OpenAPI types are resolved eagerly (`type()` is called at decoration): declare nested classes first; GraphQL ones
 * stay lazy. Money is integer VND: GraphQL `Float` carries it exactly (< 2^53), never computed.
 */
export interface FieldOpts {
  nullable?: boolean;
  description?: string;
  example?: unknown;
}

/** A calendar date 'YYYY-MM-DD' (month 01–12, day 01–31; the services check the day exists). */
export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** A month 'YYYY-MM', or its first day 'YYYY-MM-01'. */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])(-01)?$/;
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A GraphQL enum whose values are the strings of a TypeScript union, registered under `name`. */
export function gqlEnum<T extends string>(
  name: string,
  values: readonly T[],
  description?: string,
): Record<T, T> {
  const e = Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;
  registerEnumType(e, { name, description });
  return e;
}

const out = (o: FieldOpts) => ({ nullable: o.nullable, required: !o.nullable, description: o.description });

// ---- outputs ----

export const OutStr = (maxLength: number, o: FieldOpts & { format?: string } = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => String, { nullable: o.nullable, description: o.description }),
    ApiProperty({ type: String, maxLength, format: o.format, ...out(o), example: o.example }),
  );

export const OutStrList = (maxLength: number, o: FieldOpts & { maxItems?: number } = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => [String], { nullable: o.nullable, description: o.description }),
    ApiProperty({ type: String, isArray: true, maxItems: o.maxItems ?? 100, maxLength, ...out(o) }),
  );

export const OutId = (o: FieldOpts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => String, { nullable: o.nullable, description: o.description }),
    ApiProperty({ type: String, format: 'uuid', maxLength: 36, ...out(o) }),
  );

export const OutDate = (o: FieldOpts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => String, { nullable: o.nullable, description: o.description ?? 'YYYY-MM-DD' }),
    ApiProperty({ type: String, format: 'date', maxLength: 10, ...out(o) }),
  );

export const OutInstant = (o: FieldOpts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => Date, { nullable: o.nullable, description: o.description }),
    ApiProperty({ type: String, format: 'date-time', maxLength: 40, ...out(o) }),
  );

export const OutInt = (o: FieldOpts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => Int, { nullable: o.nullable, description: o.description }),
    ApiProperty({ type: Number, format: 'int32', ...out(o) }),
  );

export const OutNum = (o: FieldOpts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => Float, { nullable: o.nullable, description: o.description }),
    ApiProperty({ type: Number, ...out(o) }),
  );

export const OutVnd = (o: FieldOpts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => Float, { nullable: o.nullable, description: o.description ?? 'Integer VND' }),
    ApiProperty({ type: Number, format: 'int64', ...out({ ...o, description: o.description ?? 'Integer VND' }) }),
  );

export const OutBool = (o: FieldOpts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => Boolean, { nullable: o.nullable, description: o.description }),
    ApiProperty({ type: Boolean, ...out(o) }),
  );

export const OutEnum = (
  gql: object,
  values: readonly string[],
  o: FieldOpts & { array?: boolean } = {},
): PropertyDecorator =>
  applyDecorators(
    Field(() => (o.array ? [gql] : gql), { nullable: o.nullable, description: o.description }),
    ApiProperty({ enum: values, isArray: o.array, maxItems: o.array ? values.length : undefined, ...out(o) }),
  );

export const OutObj = (
  type: () => Function,
  o: FieldOpts & { array?: boolean; maxItems?: number } = {},
): PropertyDecorator =>
  applyDecorators(
    Field(() => (o.array ? [type()] : type()), { nullable: o.nullable, description: o.description }),
    ApiProperty({ type: type(), isArray: o.array, maxItems: o.array ? (o.maxItems ?? 500) : undefined, ...out(o) }),
  );

/** A list of objects of at most `maxItems`. */
export const OutList = (type: () => Function, maxItems: number, o: FieldOpts = {}): PropertyDecorator =>
  OutObj(type, { ...o, array: true, maxItems });

// ---- inputs ----

const optional = (o: FieldOpts): PropertyDecorator[] => (o.nullable ? [IsOptional()] : []);
const inp = (o: FieldOpts) => ({
  required: !o.nullable,
  nullable: o.nullable,
  description: o.description,
  example: o.example,
});

export const InStr = (
  maxLength: number,
  o: FieldOpts & { pattern?: RegExp; format?: string } = {},
): PropertyDecorator =>
  applyDecorators(
    Field(() => String, { nullable: o.nullable, description: o.description }),
    ApiProperty({ type: String, maxLength, format: o.format, pattern: o.pattern?.source, ...inp(o) }),
    ...optional(o),
    IsString(),
    MaxLength(maxLength),
    ...(o.pattern ? [Matches(o.pattern)] : []),
  );

export const InId = (o: FieldOpts = {}): PropertyDecorator =>
  InStr(36, {
    ...o,
    pattern: UUID_PATTERN,
    format: 'uuid',
    example: o.example ?? '3f1c2a4e-8b7d-4c1a-9e2f-0a1b2c3d4e5f',
  });

export const InDate = (o: FieldOpts = {}): PropertyDecorator =>
  InStr(10, {
    ...o,
    pattern: DATE_PATTERN,
    format: 'date',
    example: o.example ?? '2026-03-01',
    description: o.description ?? 'YYYY-MM-DD',
  });

/** An integer; above 2^31 it is a GraphQL Float (exact below 2^53) and an OpenAPI int64. */
export const InInt = (min: number, max: number, o: FieldOpts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => (max > 2_000_000_000 ? Float : Int), { nullable: o.nullable, description: o.description }),
    ApiProperty({ type: Number, format: max > 2_000_000_000 ? 'int64' : 'int32', minimum: min, maximum: max, ...inp(o) }),
    ...optional(o),
    Type(() => Number),
    IsInt(),
    Min(min),
    Max(max),
  );

/** A number with at most two decimals. */
export const InNum = (min: number, max: number, o: FieldOpts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => Float, { nullable: o.nullable, description: o.description }),
    ApiProperty({ type: Number, minimum: min, maximum: max, ...inp(o) }),
    ...optional(o),
    IsNumber({ maxDecimalPlaces: 2 }),
    Min(min),
    Max(max),
  );

export const InBool = (o: FieldOpts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => Boolean, { nullable: o.nullable, description: o.description }),
    ApiProperty({ type: Boolean, ...inp(o) }),
    ...optional(o),
    IsBoolean(),
  );

export const InEnum = (
  gql: object,
  values: readonly string[],
  o: FieldOpts & { array?: boolean } = {},
): PropertyDecorator =>
  applyDecorators(
    Field(() => (o.array ? [gql] : gql), { nullable: o.nullable, description: o.description }),
    ApiProperty({ enum: values, isArray: o.array, maxItems: o.array ? values.length : undefined, ...inp(o) }),
    ...optional(o),
    ...(o.array ? [IsArray(), ArrayMaxSize(values.length), IsIn(values, { each: true })] : [IsIn(values)]),
  );

export const InObj = (
  type: () => Function,
  o: FieldOpts & { array?: boolean; maxItems?: number } = {},
): PropertyDecorator =>
  applyDecorators(
    Field(() => (o.array ? [type()] : type()), { nullable: o.nullable, description: o.description }),
    ApiProperty({ type: type(), isArray: o.array, maxItems: o.array ? (o.maxItems ?? 100) : undefined, ...inp(o) }),
    ...optional(o),
    ...(o.array ? [IsArray(), ArrayMaxSize(o.maxItems ?? 100)] : []),
    ValidateNested({ each: o.array }),
    Type(type),
  );

/** A list of nested objects of at most `maxItems`. */
export const InList = (type: () => Function, maxItems: number, o: FieldOpts = {}): PropertyDecorator =>
  InObj(type, { ...o, array: true, maxItems });

/** A uuid path parameter, bounded for the OpenAPI contract. */
export const ApiUuidParam = (name = 'id'): MethodDecorator =>
  ApiParam({ name, schema: { type: 'string', format: 'uuid', maxLength: 36, pattern: UUID_PATTERN.source } });
