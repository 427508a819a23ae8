import { ArgsType, Field, Int } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DomainException } from 'src/common/errors/domain.exception';

/** The largest page any list returns, REST or GraphQL. */
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;

/** Cursor pagination arguments for GraphQL lists (`first` ≤ 500). */
@ArgsType()
export class CursorPageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, at most ${MAX_PAGE_SIZE}` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number;

  @Field(() => String, {
    nullable: true,
    description: 'Opaque cursor returned as endCursor by the previous page',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string;
}

/** Limit/cursor query for REST lists. */
export class RestPageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (nextCursor)', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

/** Keyset cursor: the sort key and id of the last row, base64url JSON. */
export interface KeysetCursor {
  k: string | number;
  id: string;
}

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(raw: string | undefined): KeysetCursor | undefined {
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<KeysetCursor>;
    if ((typeof parsed.k === 'string' || typeof parsed.k === 'number') && typeof parsed.id === 'string')
      return { k: parsed.k, id: parsed.id };
  } catch {
    // fall through to the error below
  }
  throw new DomainException('BAD_REQUEST', 'The cursor is not valid');
}

export function pageSize(requested: number | undefined): number {
  return Math.min(requested ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
