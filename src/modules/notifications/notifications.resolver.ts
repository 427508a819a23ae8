import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from 'src/common/context/request-context';
import { CurrentActor, ROLES, Roles } from 'src/common/auth/auth.decorators';
import { DomainException } from 'src/common/errors/domain.exception';
import { InboxService } from 'src/modules/notifications/inbox.service';
import {
  DeliveryListArgs,
  MarkReadArgs,
  MyNotificationsArgs,
} from 'src/modules/notifications/notification.dto';
import {
  DeliveryPage,
  DeliveryStatus,
  InboxNotificationPage,
} from 'src/modules/notifications/notification.objects';
import { NotificationsService } from 'src/modules/notifications/notifications.service';

function staffId(actor: Actor | undefined): string {
  if (!actor || actor.kind !== 'user')
    throw new DomainException('FORBIDDEN', 'The inbox belongs to staff users');
  return actor.id;
}

/** The caller's in-app inbox, and the delivery log with replay for admins. */
@Resolver()
export class NotificationsResolver {
  constructor(
    private readonly inbox: InboxService,
    private readonly notifications: NotificationsService,
  ) {}

  @Query(() => InboxNotificationPage, { description: 'My in-app notifications, newest first' })
  async myNotifications(
    @Args() args: MyNotificationsArgs,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<InboxNotificationPage> {
    const page = await this.inbox.list(staffId(actor), args.first, args.after, args.unreadOnly ?? false);
    return {
      items: page.items.map((i) => ({
        id: i.id,
        kind: i.kind,
        title: i.title,
        body: i.body,
        createdAt: i.createdAt,
        readAt: i.readAt,
      })),
      endCursor: page.nextCursor,
      hasNextPage: page.nextCursor !== null,
    };
  }

  @Query(() => Int, { description: 'How many of my notifications are unread' })
  async myUnreadNotificationCount(@CurrentActor() actor: Actor | undefined): Promise<number> {
    return this.inbox.unreadCount(staffId(actor));
  }

  @Mutation(() => Int, {
    description: 'Marks my notifications read (all when ids is omitted); returns how many',
  })
  @Roles(...ROLES)
  async markNotificationsRead(
    @Args() args: MarkReadArgs,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<number> {
    return this.inbox.markRead(staffId(actor), args.ids ?? 'all');
  }

  @Query(() => DeliveryPage, { description: 'Delivery log (status FAILED: the dead letters). Admins only.' })
  @Roles('ADMIN')
  async notificationDeliveries(@Args() args: DeliveryListArgs): Promise<DeliveryPage> {
    const page = await this.inbox.deliveries(args.status, args.first, args.after);
    return {
      items: page.items.map((d) => ({ ...d, status: d.status as DeliveryStatus })),
      nextCursor: page.nextCursor,
    };
  }

  @Mutation(() => Boolean, {
    description: 'Sends a failed delivery again with a fresh set of attempts. Admins only.',
  })
  @Roles('ADMIN')
  async replayNotificationDelivery(@Args('id', { type: () => ID }) id: string): Promise<boolean> {
    await this.notifications.replay(id);
    return true;
  }
}
