import { applyDecorators } from '@nestjs/common';
import { Field, Float, Int, registerEnumType } from '@nestjs/graphql';
import { ApiParam, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/**
 * Field decorators for the benefits API: one line gives the GraphQL field, the OpenAPI property with its bounds and,
 * for inputs, the validation rules. Money is integer VND: GraphQL `Float` carries it exactly (< 2^53), never computed.
 */
interface Opts {
  nullable?: boolean;
  description?: string;
  example?: unknown;
}

export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])(-01)?$/;
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function gqlEnum<T extends string>(
  name: string,
  values: readonly T[],
  description?: string,
): Record<T, T> {
  const e = Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;
  registerEnumType(e, { name, description });
  return e;
}

export const OutStr = (maxLength: number, o: Opts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => String, { nullable: o.nullable, description: o.description }),
    ApiProperty({
      type: String,
      maxLength,
      nullable: o.nullable,
      required: !o.nullable,
      description: o.description,
      example: o.example,
    }),
  );

export const OutId = (o: Opts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => String, { nullable: o.nullable, description: o.description }),
    ApiProperty({
      type: String,
      format: 'uuid',
      maxLength: 36,
      nullable: o.nullable,
      required: !o.nullable,
      description: o.description,
    }),
  );

export const OutDate = (o: Opts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => String, { nullable: o.nullable, description: o.description ?? 'YYYY-MM-DD' }),
    ApiProperty({
      type: String,
      format: 'date',
      maxLength: 10,
      nullable: o.nullable,
      required: !o.nullable,
      description: o.description,
    }),
  );

export const OutInstant = (o: Opts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => Date, { nullable: o.nullable, description: o.description }),
    ApiProperty({
      type: String,
      format: 'date-time',
      maxLength: 40,
      nullable: o.nullable,
      required: !o.nullable,
      description: o.description,
    }),
  );

export const OutInt = (o: Opts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => Int, { nullable: o.nullable, description: o.description }),
    ApiProperty({
      type: Number,
      format: 'int32',
      nullable: o.nullable,
      required: !o.nullable,
      description: o.description,
    }),
  );

export const OutVnd = (o: Opts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => Float, { nullable: o.nullable, description: o.description ?? 'Integer VND' }),
    ApiProperty({
      type: Number,
      format: 'int64',
      nullable: o.nullable,
      required: !o.nullable,
      description: o.description ?? 'Integer VND',
    }),
  );

export const OutBool = (o: Opts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => Boolean, { nullable: o.nullable, description: o.description }),
    ApiProperty({ type: Boolean, nullable: o.nullable, required: !o.nullable, description: o.description }),
  );

export const OutEnum = (gql: object, values: readonly string[], o: Opts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => gql, { nullable: o.nullable, description: o.description }),
    ApiProperty({ enum: values, nullable: o.nullable, required: !o.nullable, description: o.description }),
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
      required: !o.nullable,
      description: o.description,
    }),
  );

const optional = (o: Opts): PropertyDecorator[] => (o.nullable ? [IsOptional()] : []);

export const InStr = (maxLength: number, o: Opts & { pattern?: RegExp } = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => String, { nullable: o.nullable, description: o.description }),
    ApiProperty({
      type: String,
      maxLength,
      required: !o.nullable,
      pattern: o.pattern?.source,
      description: o.description,
      example: o.example,
    }),
    ...optional(o),
    IsString(),
    MaxLength(maxLength),
    ...(o.pattern ? [Matches(o.pattern)] : []),
  );

export const InId = (o: Opts = {}): PropertyDecorator =>
  InStr(36, { ...o, pattern: UUID_PATTERN, example: o.example ?? '3f1c2a4e-8b7d-4c1a-9e2f-0a1b2c3d4e5f' });

export const InDate = (o: Opts = {}): PropertyDecorator =>
  InStr(10, {
    ...o,
    pattern: DATE_PATTERN,
    example: o.example ?? '2024-07-01',
    description: o.description ?? 'YYYY-MM-DD',
  });

export const InInt = (min: number, max: number, o: Opts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => (max > 2_000_000_000 ? Float : Int), { nullable: o.nullable, description: o.description }),
    ApiProperty({
      type: Number,
      format: max > 2_000_000_000 ? 'int64' : 'int32',
      minimum: min,
      maximum: max,
      required: !o.nullable,
      description: o.description,
      example: o.example,
    }),
    ...optional(o),
    Type(() => Number),
    IsInt(),
    Min(min),
    Max(max),
  );

export const InEnum = (gql: object, values: readonly string[], o: Opts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => gql, { nullable: o.nullable, description: o.description }),
    ApiProperty({ enum: values, required: !o.nullable, description: o.description }),
    ...optional(o),
    IsIn(values),
  );

export const InBool = (o: Opts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => Boolean, { nullable: o.nullable, description: o.description }),
    ApiProperty({ type: Boolean, required: !o.nullable, description: o.description }),
    ...optional(o),
    IsBoolean(),
  );

/** A uuid path parameter, bounded for the OpenAPI contract. */
export const ApiUuidParam = (name = 'id'): MethodDecorator =>
  ApiParam({ name, schema: { type: 'string', format: 'uuid', maxLength: 36, pattern: UUID_PATTERN.source } });
