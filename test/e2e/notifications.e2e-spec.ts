import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { staffToken } from 'test/utils/auth';
import { createTestApp } from 'test/utils/test-app';

describe('notifications over REST and GraphQL, queue dashboard, metrics', () => {
  let app: NestFastifyApplication;
  let adminToken: string;
  let officerToken: string;
  let officerId: string;
  const http = () => request(app.getHttpServer());
  const gql = (token: string, query: string, variables: Record<string, unknown> = {}) =>
    http().post('/graphql').set('authorization', `Bearer ${token}`).send({ query, variables });

  beforeAll(async () => {
    app = await createTestApp();
    adminToken = await staffToken(app, { username: 'notif-admin', roles: ['ADMIN'] });
    officerToken = await staffToken(app, { username: 'notif-officer', roles: ['SPECIALIST'] });
    const [row] = await app
      .get(DataSource)
      .query(`select id from staff_users where username = 'notif-officer'`);
    officerId = row.id;
  });
  afterAll(() => app.close());

  it('the queue dashboard at /admin/queues is for ADMIN only', async () => {
    const anonymous = await http().get('/admin/queues').expect(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    await http().get('/admin/queues').set('authorization', `Bearer ${officerToken}`).expect(403);
    const ok = await http().get('/admin/queues').set('authorization', `Bearer ${adminToken}`).expect(200);
    expect(ok.text).toContain('<html');
    await http().get('/admin/queues/api/queues').set('authorization', `Bearer ${officerToken}`).expect(403);
  });

  it('my notifications, unread count and mark read (GraphQL) see only the caller’s own inbox', async () => {
    const ds = app.get(DataSource);
    await ds.query(
      `insert into inbox_notifications (dedupe_key, recipient_id, event_kind, title, body)
       values ($1, $2, 'REMINDER_DUE_DAY', 'Nhắc việc', 'Hồ sơ đến hạn'), ($3, $4, 'REMINDER_DUE_DAY', 'Khác', 'Không phải của tôi')`,
      [`e2e:${randomUUID()}`, officerId, `e2e:${randomUUID()}`, randomUUID()],
    );
    const list = await gql(
      officerToken,
      `{ myNotifications(first: 10) { items { id title readAt } hasNextPage } myUnreadNotificationCount }`,
    ).expect(200);
    expect(list.body.errors).toBeUndefined();
    expect(list.body.data.myUnreadNotificationCount).toBe(1);
    expect(list.body.data.myNotifications.items).toEqual([
      expect.objectContaining({ title: 'Nhắc việc', readAt: null }),
    ]);
    const marked = await gql(officerToken, `mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }`, {
      ids: [list.body.data.myNotifications.items[0].id],
    }).expect(200);
    expect(marked.body.data.markNotificationsRead).toBe(1);
    const after = await gql(officerToken, `{ myUnreadNotificationCount }`).expect(200);
    expect(after.body.data.myUnreadNotificationCount).toBe(0);
  });

  it('the delivery log and replay are ADMIN-only, over REST and GraphQL', async () => {
    await http()
      .get('/api/v1/notifications/deliveries?status=FAILED')
      .set('authorization', `Bearer ${officerToken}`)
      .expect(403);
    const page = await http()
      .get('/api/v1/notifications/deliveries?status=FAILED&limit=5')
      .set('authorization', `Bearer ${adminToken}`)
      .expect(200);
    expect(Array.isArray(page.body.items)).toBe(true);
    const missing = await http()
      .post(`/api/v1/notifications/deliveries/${randomUUID()}/replay`)
      .set('authorization', `Bearer ${adminToken}`)
      .expect(404);
    expect(missing.body.code).toBe('NOTIFICATION_DELIVERY_NOT_FOUND');
    const denied = await gql(
      officerToken,
      `mutation { replayNotificationDelivery(id: "${randomUUID()}") }`,
    ).expect(200);
    expect(denied.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const gqlLog = await gql(
      adminToken,
      `{ notificationDeliveries(status: FAILED, first: 5) { items { id status } } }`,
    ).expect(200);
    expect(gqlLog.body.errors).toBeUndefined();
  });

  it('/metrics exposes delivery latency, failures and sweep lag next to queue depth', async () => {
    const res = await http().get('/metrics');
    expect(res.text).toContain('notification_delivery_latency_seconds');
    expect(res.text).toContain('notification_delivery_failures_total');
    expect(res.text).toContain('reminder_sweep_lag_seconds');
    expect(res.text).toContain('queue_jobs');
  });
});
