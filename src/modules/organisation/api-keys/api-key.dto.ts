import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import { API_SCOPES, type ApiScope } from 'src/common/auth/auth.decorators';
import { CursorPageArgs, RestPageQuery } from 'src/common/pagination/pagination';

const ApiScopeEnum = Object.fromEntries(API_SCOPES.map((s) => [s.replace(':', '_').toUpperCase(), s]));
registerEnumType(ApiScopeEnum, { name: 'ApiScope', description: 'API-key scope, e.g. DOSSIERS_WRITE = dossiers:write' });

@ObjectType('ApiKey')
export class ApiKeyDto {
  @Field(() => ID) @ApiProperty({ format: 'uuid', maxLength: 36 }) id!: string;
  @Field() @ApiProperty({ example: 'Cổng dịch vụ công tỉnh', maxLength: 200 }) name!: string;
  @Field({ description: 'Public prefix: the key looks like ask_<prefix>_<secret>' })
  @ApiProperty({ example: 'k3x9q2m1ab', maxLength: 10, pattern: '^[a-z0-9]{10}$' })
  prefix!: string;
  @Field(() => [ApiScopeEnum]) @ApiProperty({ enum: API_SCOPES, isArray: true, maxItems: 8 }) scopes!: ApiScope[];
  @Field(() => ID) @ApiProperty({ format: 'uuid', maxLength: 36 }) agencyId!: string;
  @Field(() => GraphQLISODateTime, { nullable: true })
  @ApiProperty({ format: 'date-time', nullable: true, type: String, maxLength: 40 })
  expiresAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true })
  @ApiProperty({ format: 'date-time', nullable: true, type: String, maxLength: 40 })
  revokedAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true })
  @ApiProperty({ format: 'date-time', nullable: true, type: String, maxLength: 40 })
  lastUsedAt!: Date | null;
  @Field(() => ID, { nullable: true })
  @ApiProperty({ format: 'uuid', nullable: true, type: String, maxLength: 36 })
  rotatedFromId!: string | null;
  @Field(() => GraphQLISODateTime) @ApiProperty({ format: 'date-time', maxLength: 40 }) createdAt!: Date;
}

@ObjectType('IssuedApiKey')
export class IssuedApiKeyDto extends ApiKeyDto {
  @Field({ description: 'The secret key. Shown only in this response: store it now.' })
  @ApiProperty({ description: 'The secret key, shown only once', maxLength: 80, pattern: '^ask_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$' })
  key!: string;
}

@ObjectType('ApiKeyPage')
export class ApiKeyPageDto {
  @Field(() => [ApiKeyDto]) @ApiProperty({ type: [ApiKeyDto], maxItems: 500 }) items!: ApiKeyDto[];
  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true, maxLength: 500 })
  nextCursor!: string | null;
}

@InputType('CreateApiKeyInput')
export class CreateApiKeyDto {
  @Field() @ApiProperty({ example: 'Cổng dịch vụ công tỉnh', maxLength: 200 }) @IsString() @Length(1, 200) name!: string;
  @Field(() => [ApiScopeEnum]) @ApiProperty({ enum: API_SCOPES, isArray: true, minItems: 1, maxItems: 8 })
  @IsIn(API_SCOPES, { each: true }) @ArrayMinSize(1) @ArrayMaxSize(8) @ArrayUnique()
  scopes!: ApiScope[];
  @Field(() => ID) @ApiProperty({ format: 'uuid', maxLength: 36 }) @IsUUID() agencyId!: string;
  @Field(() => GraphQLISODateTime, { nullable: true })
  @ApiPropertyOptional({ format: 'date-time', maxLength: 40, type: String })
  @IsOptional() @Type(() => Date) @IsDate()
  expiresAt?: Date;
}

@InputType('RotateApiKeyInput')
export class RotateApiKeyDto {
  @Field(() => Int, { nullable: true, description: 'Seconds the old key keeps working (0 = retire at once)' })
  @ApiPropertyOptional({ minimum: 0, maximum: 86400, default: 0 })
  @IsOptional() @IsInt() @Min(0) @Max(86400)
  graceSeconds?: number;
}

export class ApiKeyQuery extends RestPageQuery {
  @ApiPropertyOptional({ format: 'uuid', maxLength: 36 }) @IsOptional() @IsUUID() agencyId?: string;
  @ApiPropertyOptional({ type: Boolean }) @IsOptional() @Type(() => String)
  @IsIn(['true', 'false'])
  includeRevoked?: string;
}

@ArgsType()
export class ApiKeyArgs extends CursorPageArgs {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() agencyId?: string;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() includeRevoked?: boolean;
}
