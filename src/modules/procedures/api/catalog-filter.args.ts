import { ArgsType, Field } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { CursorPageArgs, RestPageQuery } from 'src/common/pagination/pagination';
import { DATE_PATTERN } from 'src/common/http/api-fields';
import { GqlCatalogStatus, GqlOnlineMode, GqlProcedureLevel } from 'src/modules/procedures/api/procedure-enums';
import {
  ONLINE_MODES,
  PROCEDURE_LEVELS,
  type OnlineMode,
  type ProcedureLevel,
} from 'src/modules/procedures/domain/procedure.types';
import { CATALOG_STATUSES, type CatalogStatus } from 'src/modules/procedures/procedures.service';

/** Catalog filters for GraphQL. */
@ArgsType()
export class CatalogFilterArgs extends CursorPageArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Search: diacritics optional, typos tolerated, or a code',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,59}$/)
  fieldCode?: string;
  @Field(() => GqlProcedureLevel, { nullable: true })
  @IsOptional()
  @IsIn(PROCEDURE_LEVELS)
  level?: ProcedureLevel;
  @Field(() => GqlOnlineMode, { nullable: true }) @IsOptional() @IsIn(ONLINE_MODES) onlineMode?: OnlineMode;
  @Field(() => String, { nullable: true }) @IsOptional() @IsUUID() agencyId?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) agencyName?: string;
  @Field(() => GqlCatalogStatus, { nullable: true })
  @IsOptional()
  @IsIn(CATALOG_STATUSES)
  status?: CatalogStatus;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, default today' })
  @IsOptional()
  @Matches(DATE_PATTERN)
  onDate?: string;
}

/** Catalog filters for REST. */
export class CatalogQuery extends RestPageQuery {
  @ApiPropertyOptional({
    maxLength: 200,
    description: 'Search: diacritics optional, typos tolerated, or a code',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ maxLength: 60, pattern: '^[A-Z][A-Z0-9_]{1,59}$', example: 'NGUOI_CO_CONG' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,59}$/)
  fieldCode?: string;

  @ApiPropertyOptional({ enum: PROCEDURE_LEVELS })
  @IsOptional()
  @IsIn(PROCEDURE_LEVELS)
  level?: ProcedureLevel;
  @ApiPropertyOptional({ enum: ONLINE_MODES }) @IsOptional() @IsIn(ONLINE_MODES) onlineMode?: OnlineMode;
  @ApiPropertyOptional({ format: 'uuid', maxLength: 36 }) @IsOptional() @IsUUID() agencyId?: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) agencyName?: string;
  @ApiPropertyOptional({ enum: CATALOG_STATUSES })
  @IsOptional()
  @IsIn(CATALOG_STATUSES)
  status?: CatalogStatus;
  @ApiPropertyOptional({ format: 'date', maxLength: 10, pattern: DATE_PATTERN.source })
  @IsOptional()
  @Matches(DATE_PATTERN)
  onDate?: string;
}

/** Public catalog: only what is in force, filtered by field, level and search. */
export class PublicCatalogQuery extends RestPageQuery {
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional({ maxLength: 60, pattern: '^[A-Z][A-Z0-9_]{1,59}$' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,59}$/)
  fieldCode?: string;
  @ApiPropertyOptional({ enum: PROCEDURE_LEVELS })
  @IsOptional()
  @IsIn(PROCEDURE_LEVELS)
  level?: ProcedureLevel;
}

/** A date query parameter. */
export class OnDateQuery {
  @ApiPropertyOptional({ format: 'date', maxLength: 10, pattern: DATE_PATTERN.source })
  @IsOptional()
  @Matches(DATE_PATTERN)
  onDate?: string;
}

/** A closed period. */
export class PeriodQuery {
  @ApiProperty({ format: 'date', maxLength: 10, pattern: DATE_PATTERN.source, example: '2023-01-01' })
  @Matches(DATE_PATTERN)
  from!: string;
  @ApiProperty({ format: 'date', maxLength: 10, pattern: DATE_PATTERN.source, example: '2023-06-30' })
  @Matches(DATE_PATTERN)
  to!: string;
}
