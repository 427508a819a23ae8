import { randomUUID } from 'node:crypto';
import { ManualClock } from 'src/modules/notifications/clock';
import { WeekdayCalendar } from 'src/modules/reminders/reminder-calendar';
import type { ArmStepInput } from 'src/modules/reminders/reminders.service';
import { NotificationsHarness } from 'test/utils/notifications-harness';

const at = (local: string): Date => new Date(`${local}+07:00`);
// Tuesday 1 and Wednesday 2 September 2026: National Day holiday.
const calendar = new WeekdayCalendar(new Set(['2026-09-01', '2026-09-02']));

describe('reminder ladder on the working calendar (real PostgreSQL, driven clock)', () => {
  const clock = new ManualClock(at('2026-08-27T10:00:00'));
  let h: NotificationsHarness;

  beforeAll(async () => {
    h = await NotificationsHarness.create(
      {
        QUEUE_PREFIX: `ladder-${randomUUID().slice(0, 8)}`,
        REMINDER_WORKDAY_START: '07:30',
        REMINDER_WORKDAY_END: '17:00',
      },
      { clock, calendar },
    );
  });

  afterAll(() => h.close());

  const step = (over: Partial<ArmStepInput> = {}): ArmStepInput => ({
    stepId: randomUUID(),
    dossierId: randomUUID(),
    dossierCode: `H56.22-260827-${Math.floor(Math.random() * 9000 + 1000)}`,
    stepName: 'Thẩm định hồ sơ',
    deadlineVersion: 1,
    due: at('2026-09-03T23:59:59.999'),
    dueDate: '2026-09-03',
    assignee: { id: randomUUID(), name: 'Lê Văn C' },
    leader: { id: randomUUID(), name: 'Phạm Thị D' },
    ...over,
  });

  it('each rung fires once, at the opening of the right working day, for a step paused and resumed across the holiday', async () => {
    const s = step();
    await h.reminders.armStepNow(s);
    const fired: Array<{ rung: string; at: string; version: number }> = [];
    const pauseAt = at('2026-08-28T09:00:00').getTime();
    const resumeAt = at('2026-08-31T10:00:00').getTime();
    const end = at('2026-09-09T12:00:00').getTime();
    for (let t = clock.now().getTime(); t <= end; t += 30 * 60_000) {
      clock.set(new Date(t));
      if (t === pauseAt) await h.ds.transaction((m) => h.reminders.cancelStep(m, s.stepId, 'paused'));
      if (t === resumeAt) {
        // One working day (Fri 28/8) was paused: due moves from Thu 3/9 to Fri 4/9, deadline version 2.
        await h.reminders.armStepNow({
          ...s,
          deadlineVersion: 2,
          due: at('2026-09-04T23:59:59.999'),
          dueDate: '2026-09-04',
        });
      }
      const result = await h.sweeper.sweep('scheduler');
      if (result.fired > 0) {
        const rows = await h.ds.query(
          `select rung, deadline_version from reminder_rungs where step_id = $1 and fired_at = $2 order by rung`,
          [s.stepId, clock.now()],
        );
        for (const r of rows)
          fired.push({ rung: r.rung, at: clock.now().toISOString(), version: r.deadline_version });
      }
    }
    expect(fired).toEqual([
      { rung: 'BEFORE_DUE', at: at('2026-09-03T07:30:00').toISOString(), version: 2 }, // 1 working day before Fri 4/9
      { rung: 'DUE_DAY', at: at('2026-09-04T07:30:00').toISOString(), version: 2 },
      { rung: 'OVERDUE', at: at('2026-09-07T07:30:00').toISOString(), version: 2 }, // after the weekend
      { rung: 'ESCALATE', at: at('2026-09-08T07:30:00').toISOString(), version: 2 }, // 1 working day later
    ]);
    const v1 = await h.ds.query(
      `select status, cancelled_reason from reminder_rungs where step_id = $1 and deadline_version = 1`,
      [s.stepId],
    );
    expect(v1.map((r: { status: string }) => r.status)).toEqual([
      'CANCELLED',
      'CANCELLED',
      'CANCELLED',
      'CANCELLED',
    ]);
    expect(await h.inbox.unreadCount(s.assignee.id)).toBe(3);
    expect(await h.inbox.unreadCount(s.leader!.id)).toBe(1);
    const [escalation] = (await h.inbox.list(s.leader!.id, 5)).items;
    expect(escalation.title).toBe(`Báo cáo lãnh đạo: hồ sơ ${s.dossierCode} quá hạn`);
    expect(escalation.body).toContain('do Lê Văn C xử lý đã quá hạn (hạn 04/09/2026)');
  });

  it('no officer reminder fires on a holiday or a weekend: a rung missed on Friday evening fires Monday at opening, marked late', async () => {
    clock.set(at('2026-08-28T16:00:00'));
    const s = step({ due: at('2026-08-28T17:30:00'), dueDate: '2026-08-28' });
    await h.reminders.armStepNow(s);
    for (const t of ['2026-08-28T18:00:00', '2026-08-29T10:00:00', '2026-08-30T10:00:00']) {
      clock.set(at(t));
      expect((await h.sweeper.sweep('scheduler')).skipped).toBe('outside office hours');
    }
    const [overdue] = await h.ds.query(
      `select due_at from reminder_rungs where step_id = $1 and rung = 'OVERDUE'`,
      [s.stepId],
    );
    expect(new Date(overdue.due_at).toISOString()).toBe(at('2026-08-31T07:30:00').toISOString());
    clock.set(at('2026-08-31T09:00:00')); // worker was down at 07:30: fired late, marked late
    await h.sweeper.sweep('scheduler');
    const rows = await h.ds.query(
      `select rung, status, late from reminder_rungs where step_id = $1 order by due_at`,
      [s.stepId],
    );
    expect(rows).toEqual([
      { rung: 'DUE_DAY', status: 'FIRED', late: true }, // missed: still sent once, late
      { rung: 'OVERDUE', status: 'FIRED', late: true },
      { rung: 'ESCALATE', status: 'PENDING', late: false },
    ]);
  });

  it('a second sweep, a fire job and a re-arm of the same version never send a rung twice; completion cancels', async () => {
    clock.set(at('2026-09-07T08:00:00'));
    const s = step({ due: at('2026-09-08T23:59:59.999'), dueDate: '2026-09-08' });
    const armed = await h.reminders.armStepNow(s);
    expect(armed.map((r) => r.rung)).toEqual(['BEFORE_DUE', 'DUE_DAY', 'OVERDUE', 'ESCALATE']);
    const before = armed.find((r) => r.rung === 'BEFORE_DUE')!;
    await Promise.all([
      h.sweeper.sweep('scheduler'),
      h.sweeper.sweep('scheduler'),
      h.sweeper.fireOne(before.id),
    ]);
    expect(await h.sweeper.fireOne(before.id)).toBe('not-due');
    expect(await h.reminders.armStepNow(s)).toEqual([]); // same version again: nothing re-armed
    expect(await h.inbox.unreadCount(s.assignee.id)).toBe(1);
    const cancelled = await h.ds.transaction((m) => h.reminders.cancelStep(m, s.stepId, 'completed'));
    expect(cancelled).toBe(3);
    clock.set(at('2026-09-15T10:00:00'));
    await h.sweeper.sweep('scheduler');
    expect(await h.inbox.unreadCount(s.assignee.id)).toBe(1);
  });
});
