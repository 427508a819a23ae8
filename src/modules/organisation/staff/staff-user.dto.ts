import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { ROLES, type Role } from 'src/common/auth/auth.decorators';
import { CursorPageArgs, RestPageQuery } from 'src/common/pagination/pagination';

const RoleEnum = Object.fromEntries(ROLES.map((r) => [r, r])) as Record<Role, Role>;
registerEnumType(RoleEnum, { name: 'Role' });
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

@ObjectType('StaffUser')
export class StaffUserDto {
  @Field(() => ID) @ApiProperty({ format: 'uuid', maxLength: 36 }) id!: string;
  @Field() @ApiProperty({ example: 'nguyen.van.a', maxLength: 64, pattern: USERNAME.source }) username!: string;
  @Field() @ApiProperty({ example: 'Nguyễn Văn A', maxLength: 200 }) displayName!: string;
  @Field(() => String, { nullable: true })
  @ApiProperty({ format: 'email', maxLength: 254, nullable: true, type: String })
  email!: string | null;
  @Field(() => String, { nullable: true, description: 'OIDC `sub` of the account at the identity provider' })
  @ApiProperty({ maxLength: 255, nullable: true, type: String })
  externalSubject!: string | null;
  @Field(() => ID) @ApiProperty({ format: 'uuid', maxLength: 36 }) agencyId!: string;
  @Field(() => [RoleEnum]) @ApiProperty({ enum: ROLES, isArray: true, maxItems: 7 }) roles!: Role[];
  @Field() @ApiProperty() active!: boolean;
  @Field(() => Int) @ApiProperty() version!: number;
  @Field(() => GraphQLISODateTime) @ApiProperty({ format: 'date-time', maxLength: 40 }) createdAt!: Date;
  @Field(() => GraphQLISODateTime) @ApiProperty({ format: 'date-time', maxLength: 40 }) updatedAt!: Date;
}

@ObjectType('StaffUserPage')
export class StaffUserPageDto {
  @Field(() => [StaffUserDto]) @ApiProperty({ type: [StaffUserDto], maxItems: 500 }) items!: StaffUserDto[];
  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true, maxLength: 500 })
  nextCursor!: string | null;
}

@InputType('CreateStaffUserInput')
export class CreateStaffUserDto {
  @Field() @ApiProperty({ example: 'nguyen.van.a', maxLength: 64, pattern: USERNAME.source })
  @Matches(USERNAME)
  username!: string;
  @Field() @ApiProperty({ example: 'Nguyễn Văn A', maxLength: 200 }) @IsString() @Length(1, 200) displayName!: string;
  @Field({ nullable: true }) @ApiPropertyOptional({ format: 'email', maxLength: 254 })
  @IsOptional() @IsEmail() @MaxLength(254)
  email?: string;
  @Field({ nullable: true }) @ApiPropertyOptional({ maxLength: 255 })
  @IsOptional() @IsString() @Length(1, 255)
  externalSubject?: string;
  @Field(() => ID) @ApiProperty({ format: 'uuid', maxLength: 36 }) @IsUUID() agencyId!: string;
  @Field(() => [RoleEnum]) @ApiProperty({ enum: ROLES, isArray: true, maxItems: 7 })
  @IsIn(ROLES, { each: true }) @ArrayUnique() @ArrayMaxSize(7)
  roles!: Role[];
}

@InputType('UpdateStaffUserInput')
export class UpdateStaffUserDto {
  @Field(() => Int) @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) version!: number;
  @Field({ nullable: true }) @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @Length(1, 200)
  displayName?: string;
  @Field(() => String, { nullable: true }) @ApiPropertyOptional({ format: 'email', maxLength: 254, nullable: true, type: String })
  @ValidateIf((_, v) => v !== null) @IsOptional() @IsEmail() @MaxLength(254)
  email?: string | null;
  @Field(() => String, { nullable: true }) @ApiPropertyOptional({ maxLength: 255, nullable: true, type: String })
  @ValidateIf((_, v) => v !== null) @IsOptional() @IsString() @Length(1, 255)
  externalSubject?: string | null;
  @Field(() => ID, { nullable: true }) @ApiPropertyOptional({ format: 'uuid', maxLength: 36 }) @IsOptional() @IsUUID()
  agencyId?: string;
  @Field(() => [RoleEnum], { nullable: true }) @ApiPropertyOptional({ enum: ROLES, isArray: true, maxItems: 7 })
  @IsOptional() @IsIn(ROLES, { each: true }) @ArrayUnique() @ArrayMaxSize(7)
  roles?: Role[];
  @Field({ nullable: true }) @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

export class StaffUserQuery extends RestPageQuery {
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ format: 'uuid', maxLength: 36 }) @IsOptional() @IsUUID() agencyId?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
}

@ArgsType()
export class StaffUserArgs extends CursorPageArgs {
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() agencyId?: string;
  @Field(() => RoleEnum, { nullable: true }) @IsOptional() @IsIn(ROLES) role?: Role;
}
