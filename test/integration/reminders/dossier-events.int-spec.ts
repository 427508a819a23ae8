import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ManualClock } from 'src/modules/notifications/clock';
import type { OutboxEvent } from 'src/modules/notifications/outbox/outbox.service';
import { DossierEventsSubscriber, deadlineVersionOf } from 'src/modules/reminders/dossier-events.subscriber';
import {
  DossierFactsPort,
  SqlDossierFacts,
  type DossierFacts,
} from 'src/modules/reminders/dossier-facts.port';
import { WeekdayCalendar } from 'src/modules/reminders/reminder-calendar';
import { HttpSink, waitFor } from 'test/utils/http-sink';
import { NotificationsHarness } from 'test/utils/notifications-harness';

const at = (local: string): Date => new Date(`${local}+07:00`);

class FakeDossiers extends DossierFactsPort {
  constructor(public current: DossierFacts) {
    super();
  }
  facts(_m: EntityManager, id: string): Promise<DossierFacts | undefined> {
    return Promise.resolve(id === this.current.dossierId ? this.current : undefined);
  }
}

describe('dossier outbox events drive the reminder ledger and the applicant notices', () => {
  const sink = new HttpSink();
  const clock = new ManualClock(at('2026-11-24T09:00:00'));
  let h: NotificationsHarness;
  let sub: DossierEventsSubscriber;
  const dossierId = randomUUID();
  const stepId = randomUUID();
  const assignee = { id: randomUUID(), name: 'Cán bộ A' };
  const port = new FakeDossiers({
    dossierId,
    dossierCode: 'H56.22-261124-0042',
    procedureCode: 'TEST-PROC',
    applicantName: 'Nguyễn Thị E',
    applicantEmail: null,
    applicantPhone: '0987654321',
    dueDate: '2026-11-27',
    paused: false,
    activeStep: { id: stepId, name: 'Thẩm định', due: at('2026-11-27T23:59:59.999'), assignee, leader: null },
  });
  let seq = 0;
  const event = (eventType: string, payload: Record<string, unknown> = {}): OutboxEvent => ({
    id: String(900_000_000 + ++seq),
    aggregateType: 'dossier',
    aggregateId: dossierId,
    eventType,
    payload,
    createdAt: clock.now().toISOString(),
  });
  const rungs = async (): Promise<Array<{ rung: string; status: string; deadline_version: number }>> =>
    h.ds.query(
      `select rung, status, deadline_version from reminder_rungs where step_id = $1 order by deadline_version, due_at`,
      [stepId],
    );

  beforeAll(async () => {
    await sink.start();
    h = await NotificationsHarness.create(
      { QUEUE_PREFIX: `dev-${randomUUID().slice(0, 8)}`, SMS_GATEWAY_URL: `${sink.url}/sms` },
      { clock, calendar: new WeekdayCalendar() },
    );
    sub = new DossierEventsSubscriber(h.ds, h.outbox, h.reminders, h.notifications, port);
    sub.onModuleInit();
    h.startWorkers(['notifications']);
  });

  afterAll(async () => {
    await h.close();
    await sink.stop();
  });

  it('processing started arms the ladder; a supplement request pauses it and tells the applicant; the supplement re-arms at the new due time', async () => {
    await h.outbox.dispatch(event('dossier.processing_started'));
    await h.outbox.dispatch(event('dossier.processing_started')); // re-dispatch: nothing new
    const v1 = deadlineVersionOf(at('2026-11-27T23:59:59.999'));
    expect(await rungs()).toEqual(
      ['BEFORE_DUE', 'DUE_DAY', 'OVERDUE', 'ESCALATE'].map((rung) => ({
        rung,
        status: 'PENDING',
        deadline_version: v1,
      })),
    );

    const paused = event('dossier.supplement_requested', {
      pausedFrom: '2026-11-24',
      reason: 'Thiếu giấy xác nhận',
      toState: 'SUPPLEMENT_REQUESTED',
    });
    port.current = { ...port.current, paused: true };
    await h.outbox.dispatch(paused);
    expect((await rungs()).every((r) => r.status === 'CANCELLED')).toBe(true);
    await h.outbox.dispatch(event('dossier.processing_started')); // late re-dispatch while paused: nothing re-armed
    expect((await rungs()).every((r) => r.status === 'CANCELLED')).toBe(true);

    port.current = {
      ...port.current,
      paused: false,
      dueDate: '2026-11-30',
      activeStep: { ...port.current.activeStep!, due: at('2026-11-30T23:59:59.999') },
    };
    await h.outbox.dispatch(
      event('dossier.supplemented', { dueDate: '2026-11-30', previousDueDate: '2026-11-27' }),
    );
    const after = await rungs();
    expect(after.filter((r) => r.status === 'PENDING').map((r) => r.deadline_version)).toEqual(
      Array(4).fill(deadlineVersionOf(at('2026-11-30T23:59:59.999'))),
    );

    await h.outbox.dispatch(event('dossier.result_ready'));
    expect((await rungs()).some((r) => r.status === 'PENDING')).toBe(false);

    await waitFor(() => sink.counts().distinct === 3, 10_000);
    const texts = sink.requests.map((r) => JSON.parse(r.body).message as string).sort();
    expect(texts).toEqual([
      'Ho so H56.22-261124-0042 da co ket qua. Moi Ong/Ba nhan ket qua.',
      'Ho so H56.22-261124-0042 tam dung tu 24/11/2026: Thiếu giấy xác nhận.',
      'Ho so H56.22-261124-0042 tiep tuc giai quyet, hen tra ket qua 30/11/2026.',
    ]);
  });

  it('the SQL adapter reads the dossier tables as they are (unknown dossier: nothing)', async () => {
    await expect(new SqlDossierFacts(h.ds).facts(h.ds.manager, randomUUID())).resolves.toBeUndefined();
  });
});
