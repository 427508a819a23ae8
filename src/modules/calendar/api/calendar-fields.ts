import { applyDecorators } from '@nestjs/common';
import { Field, Float, Int, registerEnumType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { BUDGET_UNITS, DAY_KINDS, HOLIDAY_GROUPS, OVERRIDE_KINDS } from 'src/modules/calendar/domain/calendar-types';

/**
 * (OpenAPI types are resolved eagerly — declare nested classes first; GraphQL ones stay lazy.)
 *
 * Field decorators for the calendar's GraphQL types and REST DTOs: one line gives the GraphQL field, the OpenAPI
 * property with its bounds and, for inputs, the class-validator rules.
 */
function asEnum<T extends string>(values: readonly T[]): Record<T, T> {
  return Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;
}

export const GqlDayKind = asEnum(DAY_KINDS);
export const GqlHolidayGroup = asEnum(HOLIDAY_GROUPS);
export const GqlOverrideKind = asEnum(OVERRIDE_KINDS);
export const GqlBudgetUnit = asEnum(BUDGET_UNITS);
registerEnumType(GqlDayKind, { name: 'CalendarDayKind', description: 'What a day is in the working calendar' });
registerEnumType(GqlHolidayGroup, { name: 'HolidayGroup', description: 'Statutory holidays (Labour Code 2019 art. 112)' });
registerEnumType(GqlOverrideKind, { name: 'CalendarOverrideKind', description: 'An announced day off or make-up working day' });
registerEnumType(GqlBudgetUnit, { name: 'DeadlineBudgetUnit' });

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** A date, or an instant with its offset. */
export const DATE_OR_INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;
export const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
export const HHMM_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

interface Opts {
  nullable?: boolean;
  description?: string;
  example?: unknown;
}

// ---- outputs ----
export const OutStr = (maxLength: number, o: Opts & { format?: string } = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => String, { nullable: o.nullable, description: o.description }),
    ApiProperty({ type: String, maxLength, format: o.format, nullable: o.nullable, description: o.description, example: o.example }),
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
    Field(() => Boolean, { description: o.description }),
    ApiProperty({ type: Boolean, description: o.description }),
  );
export const OutEnum = (gql: object, values: readonly string[], o: Opts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => gql, { nullable: o.nullable, description: o.description }),
    ApiProperty({ enum: values, nullable: o.nullable, description: o.description }),
  );
export const OutList = (type: () => Function, maxItems: number, o: Opts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => [type()], { description: o.description }),
    ApiProperty({ type: type(), isArray: true, maxItems, description: o.description }),
  );
export const OutObj = (type: () => Function, o: Opts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => type(), { nullable: o.nullable, description: o.description }),
    ApiProperty({ type: type(), nullable: o.nullable, description: o.description }),
  );

// ---- inputs ----
const optional = (o: Opts): PropertyDecorator[] => (o.nullable ? [IsOptional()] : []);

export const InStr = (maxLength: number, o: Opts & { pattern?: RegExp; format?: string } = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => String, { nullable: o.nullable, description: o.description }),
    ApiProperty({
      type: String,
      maxLength,
      format: o.format,
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
  InStr(10, { ...o, pattern: DATE_PATTERN, format: 'date', description: o.description ?? 'YYYY-MM-DD (business time)' });
export const InInt = (min: number, max: number, o: Opts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => Int, { nullable: o.nullable, description: o.description }),
    ApiProperty({ type: Number, format: 'int32', minimum: min, maximum: max, required: !o.nullable, nullable: o.nullable, description: o.description, example: o.example }),
    ...optional(o),
    Type(() => Number),
    IsInt(),
    Min(min),
    Max(max),
  );
export const InNum = (min: number, max: number, o: Opts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => Float, { nullable: o.nullable, description: o.description }),
    ApiProperty({ type: Number, minimum: min, maximum: max, required: !o.nullable, nullable: o.nullable, description: o.description, example: o.example }),
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
export const InEnum = (gql: object, values: readonly string[], o: Opts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => gql, { nullable: o.nullable, description: o.description }),
    ApiProperty({ enum: values, required: !o.nullable, nullable: o.nullable, description: o.description, example: o.example }),
    ...optional(o),
    IsIn(values),
  );
export const InList = (type: () => Function, maxItems: number, o: Opts = {}): PropertyDecorator =>
  applyDecorators(
    Field(() => [type()], { nullable: o.nullable, description: o.description }),
    ApiProperty({ type: type(), isArray: true, maxItems, required: !o.nullable, nullable: o.nullable, description: o.description }),
    ...optional(o),
    IsArray(),
    ArrayMaxSize(maxItems),
    ValidateNested({ each: true }),
    Type(type),
  );
