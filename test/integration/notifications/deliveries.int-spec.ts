import { randomUUID } from 'node:crypto';
import { generateWebhookSecret, verifyWebhook } from 'src/modules/notifications/webhook-signer';
import { HttpSink, waitFor } from 'test/utils/http-sink';
import { NotificationsHarness } from 'test/utils/notifications-harness';

describe('notification deliveries (real PostgreSQL, Redis and HTTP receivers)', () => {
  const sink = new HttpSink();
  let h: NotificationsHarness;

  beforeAll(async () => {
    await sink.start();
    h = await NotificationsHarness.create({
      QUEUE_PREFIX: `notif-${randomUUID().slice(0, 8)}`,
      NOTIFY_MAX_ATTEMPTS: '4',
      NOTIFY_BACKOFF_MS: '40',
      SMS_GATEWAY_URL: `${sink.url}/sms`,
      SMS_GATEWAY_TOKEN: 'test-token',
    });
    h.startWorkers(['notifications']);
  });

  afterAll(async () => {
    await h.close();
    await sink.stop();
  });

  async function subscribe(event: string): Promise<{ id: string; secret: string }> {
    const secret = generateWebhookSecret();
    const [row] = await h.ds.query(
      `insert into webhook_subscriptions (name, url, secret, event_types) values ($1, $2, $3, $4) returning id`,
      [`portal ${event}`, `${sink.url}/hook/${randomUUID()}`, secret, [event]],
    );
    return { id: row.id, secret };
  }

  const status = async (id: string): Promise<{ status: string; attempts: number }> =>
    (await h.ds.query(`select status, attempts from notification_deliveries where id = $1`, [id]))[0];

  it('sends a signed Standard Webhook, an SMS with an idempotency key and an inbox entry, each once', async () => {
    sink.failWith = null;
    const sub = await subscribe('dossier.late');
    const staffId = randomUUID();
    const dossierId = randomUUID();
    const input = {
      kind: 'DOSSIER_LATE' as const,
      sourceKey: `event:${randomUUID()}`,
      data: {
        dossierId,
        dossierCode: 'H56.22-261123-0007',
        applicantName: 'Trần Thị B',
        previousDueDate: '2026-11-20',
        newDueDate: '2026-11-27',
      },
      recipients: [{ ref: `applicant:${dossierId}`, phone: '0912345678', staffId }],
      webhook: {},
    };
    const ids = await h.notifications.notifyNow([input]);
    expect(await h.notifications.notifyNow([input])).toEqual([]); // same cause: nothing new
    expect(ids).toHaveLength(2);
    await waitFor(async () => (await Promise.all(ids.map(status))).every((s) => s.status === 'SENT'));
    const hook = sink.requests.find(
      (r) => r.headers['webhook-id'] !== undefined && r.body.includes(dossierId),
    );
    expect(hook).toBeDefined();
    expect(verifyWebhook(sub.secret, hook!.headers as Record<string, string>, hook!.body)).toBe(true);
    expect(JSON.parse(hook!.body)).toMatchObject({
      type: 'dossier.late',
      data: { dossierId, newDueDate: '2026-11-27' },
    });
    expect(hook!.body).not.toContain('Trần Thị B'); // no personal data in the portal webhook
    const sms = sink.requests.find((r) => r.path === '/sms' && r.body.includes('H56.22-261123-0007'));
    expect(sms?.headers.authorization).toBe('Bearer test-token');
    expect(JSON.parse(sms!.body).message).toBe(
      'Xin loi: ho so H56.22-261123-0007 cham tra ket qua. Hen moi: 27/11/2026.',
    );
    const [stored] = await h.ds.query(`select body from notification_deliveries where id = $1`, [ids[0]]);
    expect(stored.body.length).toBeGreaterThan(10); // the rendered message is kept with the result
    // DOSSIER_LATE has no INBOX channel: the applicant has no inbox.
    expect(await h.inbox.unreadCount(staffId)).toBe(0);
  });

  it('writes officer reminders to the in-app inbox; unread count and mark read work on the caller’s own rows', async () => {
    const staffId = randomUUID();
    await h.notifications.notifyNow([
      {
        kind: 'REMINDER_DUE_DAY',
        sourceKey: `rung:${randomUUID()}`,
        data: { dossierCode: 'X-1', stepName: 'Thẩm định', dueDate: '2026-11-24' },
        recipients: [{ ref: `staff:${staffId}`, staffId }],
      },
    ]);
    expect(await h.inbox.unreadCount(staffId)).toBe(1);
    const page = await h.inbox.list(staffId, 10);
    expect(page.items[0].title).toBe('Nhắc việc: hồ sơ X-1 đến hạn hôm nay');
    expect(page.items[0].body).toContain('hôm nay (24/11/2026)');
    expect(await h.inbox.markRead(randomUUID(), [page.items[0].id])).toBe(0);
    expect(await h.inbox.markRead(staffId, [page.items[0].id])).toBe(1);
    expect(await h.inbox.unreadCount(staffId)).toBe(0);
  });

  it('a failing webhook endpoint gets every retry with backoff, then the delivery is dead-lettered and can be replayed', async () => {
    await subscribe('dossier.ready');
    sink.failWith = 503;
    const before = sink.requests.length;
    const dossierId = randomUUID();
    const [id] = await h.notifications.notifyNow([
      {
        kind: 'DOSSIER_READY',
        sourceKey: `event:${randomUUID()}`,
        data: { dossierId, dossierCode: 'R-1', applicantName: 'A' },
        recipients: [],
        webhook: {},
      },
    ]);
    await waitFor(async () => (await status(id)).status === 'FAILED', 20_000);
    const attempts = sink.requests.slice(before).filter((r) => r.body.includes(dossierId));
    expect(attempts).toHaveLength(4);
    expect(new Set(attempts.map((r) => r.headers['webhook-id']))).toEqual(new Set([id]));
    // exponential backoff 40, 80, 160 ms between the four attempts
    expect(attempts[3].at - attempts[0].at).toBeGreaterThanOrEqual(40 + 80 + 160 - 20);
    const [row] = await h.ds.query(
      `select attempts, last_error, response_status, failed_at from notification_deliveries where id = $1`,
      [id],
    );
    expect(row).toMatchObject({ attempts: 4, last_error: 'answered HTTP 503', response_status: 503 });
    const failed = await h.inbox.deliveries('FAILED', 500);
    expect(failed.items.map((d) => d.id)).toContain(id);

    await expect(h.notifications.replay(randomUUID())).rejects.toMatchObject({
      code: 'NOTIFICATION_DELIVERY_NOT_FOUND',
    });
    sink.failWith = null;
    await h.notifications.replay(id);
    await waitFor(async () => (await status(id)).status === 'SENT', 10_000);
    await expect(h.notifications.replay(id)).rejects.toMatchObject({
      code: 'NOTIFICATION_DELIVERY_NOT_FAILED',
    });
    expect(sink.hitsById.get(id)).toBe(1);
  });
});
