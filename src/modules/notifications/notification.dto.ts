import { ArgsType, Field, ID } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsBoolean, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { CursorPageArgs, RestPageQuery } from 'src/common/pagination/pagination';
import { DeliveryStatus } from 'src/modules/notifications/notification.objects';

export class DeliveryListQuery extends RestPageQuery {
  @ApiPropertyOptional({ enum: DeliveryStatus, description: 'FAILED is the dead-letter view' })
  @IsOptional()
  @IsEnum(DeliveryStatus)
  status?: DeliveryStatus;
}

@ArgsType()
export class DeliveryListArgs extends CursorPageArgs {
  @Field(() => DeliveryStatus, { nullable: true })
  @IsOptional()
  @IsEnum(DeliveryStatus)
  status?: DeliveryStatus;
}

@ArgsType()
export class MyNotificationsArgs extends CursorPageArgs {
  @Field({ nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  unreadOnly?: boolean;
}

@ArgsType()
export class MarkReadArgs {
  @Field(() => [ID], { nullable: true, description: 'Notifications to mark read; omit to mark all read' })
  @IsOptional()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  ids?: string[];
}
