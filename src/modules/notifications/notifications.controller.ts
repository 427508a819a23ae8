import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from 'src/common/auth/auth.decorators';
import { InboxService } from 'src/modules/notifications/inbox.service';
import { DeliveryListQuery } from 'src/modules/notifications/notification.dto';
import { DeliveryPage, DeliveryStatus, ReplayAccepted } from 'src/modules/notifications/notification.objects';
import { NotificationsService } from 'src/modules/notifications/notifications.service';

/** Delivery log and dead-letter replay for administrators. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications/deliveries')
export class NotificationsController {
  constructor(
    private readonly inbox: InboxService,
    private readonly notifications: NotificationsService,
  ) {}

  @Get()
  @Roles('ADMIN')
  @ApiOkResponse({ type: DeliveryPage })
  async list(@Query() query: DeliveryListQuery): Promise<DeliveryPage> {
    const page = await this.inbox.deliveries(query.status, query.limit, query.cursor);
    return {
      items: page.items.map((d) => ({ ...d, status: d.status as DeliveryStatus })),
      nextCursor: page.nextCursor,
    };
  }

  @Post(':id/replay')
  @HttpCode(202)
  @Roles('ADMIN')
  @ApiAcceptedResponse({ type: ReplayAccepted })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid', maxLength: 36 } })
  async replay(@Param('id', new ParseUUIDPipe()) id: string): Promise<ReplayAccepted> {
    await this.notifications.replay(id);
    return { status: 'PENDING' };
  }
}
