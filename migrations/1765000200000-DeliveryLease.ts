import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exactly one sender per delivery (issue 12): a delivery is claimed with a lease (`status = 'SENDING'`,
 * `lease_until`), so a second sender (the minute sweep's re-enqueue, an admin replay, a second chain push) finds it
 * taken and posts nothing; a lease left by a crashed sender expires and the delivery can be claimed again.
 * `owner` names the module that schedules a delivery's attempts itself (the portal webhook chains: 'integrations'):
 * the notifications queue neither re-enqueues nor replays such a delivery on its own.
 */
export class DeliveryLease1765000200000 implements MigrationInterface {
  name = 'DeliveryLease1765000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table notification_deliveries add column lease_until timestamptz null`);
    await q.query(
      `alter table notification_deliveries add column owner text null check (owner ~ '^[a-z][a-z0-9-]{0,39}$')`,
    );
    await q.query(
      `update notification_deliveries set owner = 'integrations' where dedupe_key like 'portal-webhook:%'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table notification_deliveries drop column owner`);
    await q.query(`alter table notification_deliveries drop column lease_until`);
  }
}
