import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PORTAL_WEBHOOK_EVENTS, type PortalWebhookEvent } from 'src/modules/integrations/webhooks/portal-webhook-events';

export class CreatePortalSubscriptionDto {
  @ApiProperty({ maxLength: 200, example: 'Cổng DVC tỉnh — trạng thái hồ sơ' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ maxLength: 2000, pattern: '^https?://', format: 'uri', example: 'https://dvc.example.vn/hooks/ansinh' })
  @Matches(/^https?:\/\/[^\s]{1,1990}$/)
  @MaxLength(2000)
  url!: string;

  @ApiProperty({ enum: PORTAL_WEBHOOK_EVENTS, isArray: true, minItems: 1, maxItems: 5 })
  @IsIn(PORTAL_WEBHOOK_EVENTS, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique()
  events!: PortalWebhookEvent[];

  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, description: 'ADMIN only: the API client; an API key subscribes itself' })
  @IsOptional()
  @IsUUID()
  apiKeyId?: string;
}

export class PortalSubscriptionView {
  @ApiProperty({ format: 'uuid', maxLength: 36 }) id!: string;
  @ApiProperty({ maxLength: 200 }) name!: string;
  @ApiProperty({ maxLength: 2000, format: 'uri' }) url!: string;
  @ApiProperty({ enum: PORTAL_WEBHOOK_EVENTS, isArray: true, maxItems: 5 }) events!: string[];
  @ApiProperty({ format: 'uuid', maxLength: 36, nullable: true, type: String }) apiKeyId!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time', maxLength: 40 }) createdAt!: Date;
}

export class IssuedPortalSubscriptionView extends PortalSubscriptionView {
  @ApiProperty({ maxLength: 250, pattern: '^whsec_', description: 'Signing secret (Standard Webhooks); shown only here' })
  secret!: string;
}

export class DeliveryQuery {
  @ApiPropertyOptional({ enum: ['WAITING', 'PENDING', 'SENDING', 'SENT', 'FAILED'], description: 'FAILED = dead letter' })
  @IsOptional()
  @IsIn(['WAITING', 'PENDING', 'SENDING', 'SENT', 'FAILED'])
  status?: string;
  @ApiPropertyOptional({ format: 'uuid', maxLength: 36 }) @IsOptional() @IsUUID() dossierId?: string;
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) cursor?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class ChainDeliveryView {
  @ApiProperty({ format: 'uuid', maxLength: 36, nullable: true, type: String, description: 'Also the webhook-id header' })
  deliveryId!: string | null;
  @ApiProperty({ format: 'uuid', maxLength: 36 }) dossierId!: string;
  @ApiProperty({ minimum: 1, maximum: 2147483647, description: 'Per-dossier sequence number' }) sequence!: number;
  @ApiProperty({ enum: PORTAL_WEBHOOK_EVENTS }) event!: string;
  @ApiProperty({ maxLength: 60, nullable: true, type: String }) state!: string | null;
  @ApiProperty({ format: 'date-time', maxLength: 40 }) occurredAt!: Date;
  @ApiProperty({ enum: ['WAITING', 'PENDING', 'SENDING', 'SENT', 'FAILED'] }) status!: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) attempts!: number;
  @ApiProperty({ maxLength: 500, nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ minimum: 100, maximum: 599, nullable: true, type: Number }) responseStatus!: number | null;
  @ApiProperty({ format: 'date-time', maxLength: 40, nullable: true, type: String }) nextAttemptAt!: Date | null;
}

export class ChainDeliveryPage {
  @ApiProperty({ type: [ChainDeliveryView], maxItems: 500 }) items!: ChainDeliveryView[];
  @ApiProperty({ maxLength: 500, nullable: true, type: String }) nextCursor!: string | null;
}

export class WindowQuery {
  @ApiProperty({ format: 'date-time', maxLength: 40 }) @Type(() => Date) @IsDate() from!: Date;
  @ApiProperty({ format: 'date-time', maxLength: 40 }) @Type(() => Date) @IsDate() to!: Date;
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) cursor?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class ReconciliationQuery {
  @ApiProperty({ format: 'date', maxLength: 10, pattern: '^\\d{4}-\\d{2}-\\d{2}$', example: '2026-03-05', description: 'Business day (UTC+7)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  date!: string;
}

/** The body of every portal webhook (also the items of the event window). */
export class PortalWebhookDataView {
  @ApiProperty({ format: 'uuid', maxLength: 36 }) dossierId!: string;
  @ApiProperty({ maxLength: 60 }) dossierCode!: string;
  @ApiProperty({
    minimum: 1,
    maximum: 2147483647,
    description:
      'Per-dossier sequence number (1, 2, … over the events portals are told about, in the order they happened). ' +
      'Deliveries for one dossier are sequential: event n+1 is sent only after event n was accepted; order by it anyway.',
  })
  sequence!: number;
  @ApiProperty({ maxLength: 20 }) eventId!: string;
  @ApiProperty({ maxLength: 100 }) sourceEvent!: string;
  @ApiProperty({ maxLength: 60, nullable: true, type: String }) previousState!: string | null;
  @ApiProperty({ maxLength: 60, nullable: true, type: String }) state!: string | null;
  @ApiProperty({ maxLength: 40, nullable: true, type: String }) portalStatus!: string | null;
}

export class PortalWebhookView {
  @ApiProperty({ enum: PORTAL_WEBHOOK_EVENTS }) type!: string;
  @ApiProperty({ format: 'date-time', maxLength: 40 }) timestamp!: string;
  @ApiProperty({ type: PortalWebhookDataView }) data!: PortalWebhookDataView;
}

export class PortalWebhookPage {
  @ApiProperty({ type: [PortalWebhookView], maxItems: 500 }) items!: PortalWebhookView[];
  @ApiProperty({ maxLength: 500, nullable: true, type: String }) nextCursor!: string | null;
}

export class ReplayAcceptedView {
  @ApiProperty({ format: 'uuid', maxLength: 36 }) deliveryId!: string;
  @ApiProperty({ enum: ['REQUEUED'] }) status!: 'REQUEUED';
}
