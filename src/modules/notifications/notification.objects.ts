import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export enum DeliveryStatus {
  PENDING = 'PENDING',
  SENDING = 'SENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
}
registerEnumType(DeliveryStatus, { name: 'NotificationDeliveryStatus' });

@ObjectType('InboxNotification', { description: 'A notification in the caller’s in-app inbox' })
export class InboxNotificationObject {
  @Field(() => ID) id!: string;
  @Field({ description: 'Notification kind, e.g. REMINDER_OVERDUE' }) kind!: string;
  @Field() title!: string;
  @Field() body!: string;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) readAt!: Date | null;
}

@ObjectType('InboxNotificationPage')
export class InboxNotificationPage {
  @Field(() => [InboxNotificationObject]) items!: InboxNotificationObject[];
  @Field(() => String, { nullable: true }) endCursor!: string | null;
  @Field() hasNextPage!: boolean;
}

@ObjectType('NotificationDelivery', {
  description: 'One message on one channel to one recipient, with its result',
})
export class DeliveryObject {
  @ApiProperty({ format: 'uuid', maxLength: 36 }) @Field(() => ID) id!: string;
  @ApiProperty({ maxLength: 100, example: 'REMINDER_OVERDUE' }) @Field() eventKind!: string;
  @ApiProperty({ enum: ['EMAIL', 'SMS', 'WEBHOOK'] }) @Field() channel!: string;
  @ApiProperty({ maxLength: 200, example: 'staff:6f1c…' }) @Field() recipientRef!: string;
  @ApiProperty({ enum: DeliveryStatus }) @Field(() => DeliveryStatus) status!: DeliveryStatus;
  @ApiProperty() @Field(() => Int) attempts!: number;
  @ApiProperty() @Field(() => Int) maxAttempts!: number;
  @ApiPropertyOptional({ maxLength: 500, nullable: true })
  @Field(() => String, { nullable: true })
  lastError!: string | null;
  @ApiPropertyOptional({ nullable: true }) @Field(() => Int, { nullable: true }) responseStatus!:
    number | null;
  @ApiPropertyOptional({ maxLength: 1000, nullable: true })
  @Field(() => String, { nullable: true })
  subject!: string | null;
  @ApiProperty({ maxLength: 10000, description: 'The rendered message' }) @Field() body!: string;
  @ApiProperty({ format: 'date-time', maxLength: 40 }) @Field(() => GraphQLISODateTime) dueAt!: Date;
  @ApiPropertyOptional({ format: 'date-time', maxLength: 40, nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true })
  sentAt!: Date | null;
  @ApiPropertyOptional({ format: 'date-time', maxLength: 40, nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true })
  failedAt!: Date | null;
  @ApiProperty() @Field(() => Int) replayCount!: number;
}

@ObjectType('NotificationDeliveryPage')
export class DeliveryPage {
  @ApiProperty({ type: [DeliveryObject], maxItems: 500 })
  @Field(() => [DeliveryObject])
  items!: DeliveryObject[];
  @ApiPropertyOptional({ maxLength: 500, nullable: true })
  @Field(() => String, { nullable: true })
  nextCursor!: string | null;
}

export class ReplayAccepted {
  @ApiProperty({ enum: ['PENDING'] }) status!: 'PENDING';
}
