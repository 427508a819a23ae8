import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { CalendarAdminService } from 'src/modules/calendar/calendar-admin.service';
import { DeadlineLedgerService } from 'src/modules/calendar/deadline-ledger.service';
import { WorkingCalendar } from 'src/modules/calendar/domain/working-calendar';
import { CalendarSeeder } from 'src/modules/calendar/seed/calendar.seeder';
import { WorkingCalendarService } from 'src/modules/calendar/working-calendar.service';
import { ensureTestAgency } from 'test/utils/auth';
import { createTestApp } from 'test/utils/test-app';

// Overrides are global data: these tests only touch far-future years (2091–2097) so other test files never see them.
describe('calendar module (service level, real PostgreSQL)', () => {
  let app: NestFastifyApplication;
  let calendar: WorkingCalendarService;
  let admin: CalendarAdminService;
  let ledger: DeadlineLedgerService;
  let ds: DataSource;

  beforeAll(async () => {
    app = await createTestApp();
    calendar = app.get(WorkingCalendarService);
    admin = app.get(CalendarAdminService);
    ledger = app.get(DeadlineLedgerService);
    ds = app.get(DataSource);
  });
  afterAll(() => app.close());

  it('the seed records the official 2024–2026 schedules with their documents, idempotently (rolled back after)', async () => {
    const rollback = new Error('rollback');
    await expect(
      ds.transaction(async (m) => {
        const seeder = new CalendarSeeder();
        expect(await seeder.seed(m)).toBe(8);
        expect(await seeder.seed(m)).toBe(0);
        const rows = await m.query<Array<{ day: string; kind: 'DAY_OFF' | 'WORKING_DAY'; document_number: string; unconfirmed: boolean }>>(
          `select to_char(day, 'YYYY-MM-DD') as day, kind, document_number, unconfirmed, holiday
             from calendar_overrides where seed_key is not null and retired_in_version is null`,
        );
        const byDay = new Map(rows.map((r) => [r.day, r]));
        expect(byDay.get('2024-05-04')).toMatchObject({ kind: 'WORKING_DAY', document_number: '2450/VPCP-KGVX' });
        expect(byDay.get('2024-04-29')).toMatchObject({ kind: 'DAY_OFF', unconfirmed: true });
        expect(byDay.get('2025-04-26')).toMatchObject({ kind: 'WORKING_DAY', document_number: '8726/VPCP-KGVX' });
        expect(byDay.get('2026-08-22')).toMatchObject({ kind: 'WORKING_DAY', document_number: '9441/TB-BNV' });
        const cal = new WorkingCalendar(
          1,
          rows.map((r, i) => ({ id: String(i), date: r.day, kind: r.kind, holiday: (r as unknown as { holiday: 'TET' }).holiday, reason: 'x', documentNumber: r.document_number, unconfirmed: r.unconfirmed })),
        );
        expect(cal.isWorkingDay('2025-02-03')).toBe(true);
        expect(cal.isWorkingDay('2025-01-27')).toBe(false);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });

  it('every override change bumps the version; a deadline recomputed with its recorded version is unchanged', async () => {
    const day = '2091-03-14'; // a Wednesday
    const v0 = calendar.version;
    const before = calendar.dueDate({ anchor: '2091-03-12', budget: { amount: 5, unit: 'WORKING_DAYS' } });
    expect(before.dueDate).toBe('2091-03-16');

    const created = await admin.create(day, { kind: 'DAY_OFF', reason: 'Test day off', documentNumber: 'TEST-1/2091' });
    expect(created.createdInVersion).toBe(v0 + 1);
    expect(calendar.version).toBe(v0 + 1);
    expect(calendar.isWorkingDay(day)).toBe(false);
    expect(calendar.dueDate({ anchor: '2091-03-12', budget: { amount: 5, unit: 'WORKING_DAYS' } }).dueDate).toBe('2091-03-19');

    // The old deadline is reproduced exactly with the version it recorded.
    const again = await calendar.dueDateAt({ anchor: '2091-03-12', budget: { amount: 5, unit: 'WORKING_DAYS' } }, before.calendarVersion);
    expect(again.dueDate).toBe('2091-03-16');

    await admin.update(day, { kind: 'DAY_OFF', reason: 'Test day off (corrected)', documentNumber: 'TEST-2/2091' });
    expect((await admin.history(day)).map((h) => [h.documentNumber, h.retiredInVersion === null])).toEqual([
      ['TEST-1/2091', false],
      ['TEST-2/2091', true],
    ]);
    await expect(admin.create(day, { kind: 'DAY_OFF', reason: 'dup', documentNumber: 'X' })).rejects.toMatchObject({ code: 'CALENDAR_OVERRIDE_EXISTS' });
    await admin.remove(day);
    expect(calendar.isWorkingDay(day)).toBe(true);
    expect(await admin.list(2091, v0 + 1)).toHaveLength(1);
    expect(await admin.list(2091)).toHaveLength(0);
    const [audit] = await ds.query<Array<{ n: number }>>(
      `select count(*)::int as n from audit_events where entity_type = 'calendar_override' and entity_id = $1`,
      [day],
    );
    expect(audit.n).toBe(3);
  });

  it('an announcement replaces the computed placement of its holiday for that year only', async () => {
    // Computed Tết 2094: last day of the old year + days 1–4. Announce a different block with a make-up Saturday.
    const computedOff = calendar.current().year(2094).filter((d) => d.holiday === 'TET').map((d) => d.date);
    expect(computedOff.length).toBeGreaterThanOrEqual(5);
    const tet = computedOff.find((d) => calendar.day(d).reason === 'Tết Nguyên đán: mùng 1') as string;
    const days = [-2, -1, 0, 1, 2].map((k) => new Date(Date.parse(tet) + k * 86_400_000).toISOString().slice(0, 10));
    const { calendarVersion } = await admin.recordAnnouncement({
      holiday: 'TET',
      year: 2094,
      documentNumber: 'TEST-TB/2093',
      days: days.map((date) => ({ date, kind: 'DAY_OFF' as const, reason: 'Tết (test announcement)' })),
    });
    expect(calendar.version).toBe(calendarVersion);
    for (const d of days) expect(calendar.isWorkingDay(d)).toBe(false);
    // Computed Tết days the announcement does not list are ordinary days again.
    for (const d of computedOff.filter((x) => !days.includes(x)))
      expect(calendar.isWorkingDay(d)).toBe(calendar.day(d).weekday <= 5);
    expect(calendar.current().year(2094).filter((d) => d.kind === 'PUBLIC_HOLIDAY' && d.holiday === 'TET')).toHaveLength(0);

    // A lone day cannot be tagged with a holiday that has no announcement that year (it would drop the computed days).
    const v = calendar.version;
    await expect(
      admin.create('2096-09-04', { kind: 'DAY_OFF', holiday: 'NATIONAL_DAY', reason: 'x', documentNumber: 'TEST' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(calendar.version).toBe(v);
    expect(calendar.day('2096-09-04').overrideId).toBeNull();
  });

  it('a per-agency cut-off moves counting to the next working day', async () => {
    const agencyId = await ensureTestAgency(app, { code: 'TEST.CAL.H98' });
    const receivedAt = new Date('2092-03-04T12:00:00+07:00'); // a Tuesday
    expect(calendar.countingStart(receivedAt)).toBe('2092-03-04');
    await admin.setAgencyCutoff(agencyId, '11:00', 'test');
    expect(calendar.countingStart(receivedAt, { agencyId: agencyId })).toBe('2092-03-05');
    await admin.setAgencyCutoff(agencyId, null);
    expect(calendar.countingStart(receivedAt, { agencyId: agencyId })).toBe('2092-03-04');
  });

  it('the ledger keeps budget, pauses, extensions and derives overdue; pause/resume keeps the remainder', async () => {
    const key = { subjectType: 'DOSSIER', subjectId: randomUUID(), stepKey: '*' };
    const opened = await ledger.open({
      ...key,
      budget: { amount: 10, unit: 'WORKING_DAYS' },
      anchorAt: new Date('2093-03-02T09:00:00+07:00'), // Monday
      extensionCeilingDays: 5,
    });
    expect([opened.countingStart, opened.dueDate, opened.overdue]).toEqual(['2093-03-02', '2093-03-13', false]);

    const paused = await ledger.pause(key, { at: new Date('2093-03-04T10:00:00+07:00'), reasonCode: 'SUPPLEMENT', reason: 'form 02' });
    expect(paused).toMatchObject({ paused: true, consumed: 2, remaining: 8 });
    await expect(ledger.pause(key, { at: new Date('2093-03-05T10:00:00+07:00'), reasonCode: 'OTHER' })).rejects.toMatchObject({ code: 'DEADLINE_ALREADY_PAUSED' });

    const resumed = await ledger.resume(key, { at: new Date('2093-03-09T08:00:00+07:00') }); // Mon: Wed–Fri stopped
    expect(resumed.paused).toBe(false);
    expect(resumed.dueDate).toBe('2093-03-18');

    await expect(ledger.extend(key, { days: 6, documentNumber: 'GH-1', grantedOn: '2093-03-10' })).rejects.toMatchObject({
      code: 'DEADLINE_EXTENSION_OVER_CEILING',
    });
    const extended = await ledger.extend(key, { days: 5, documentNumber: 'GH-1', grantedOn: '2093-03-10' });
    expect([extended.dueDate, extended.extensionDays]).toEqual(['2093-03-25', 5]);

    const late = await ledger.get(key, { asOf: new Date('2093-03-26T08:00:00+07:00') });
    expect(late.overdue).toBe(true);
    const [status] = await ds.query<Array<{ overdue: boolean }>>(`select overdue from deadline_ledger_status where id = $1`, [late.id]);
    expect(status.overdue).toBe(false); // now() is in 2026, long before 2093

    const recorded = await ledger.recompute(key, 'RECORDED');
    expect(recorded.dueDate).toBe('2093-03-25');
    expect(recorded.explanation?.skipped.filter((s) => s.kind === 'PAUSED')).toHaveLength(3);

    const closed = await ledger.close(key, { at: new Date('2093-03-24T16:00:00+07:00'), reason: 'resolved' });
    expect([closed.overdue, closed.closedAt?.toISOString()]).toEqual([false, '2093-03-24T09:00:00.000Z']);
    await expect(ledger.resume(key, { at: new Date() })).rejects.toMatchObject({ code: 'DEADLINE_CLOSED' });
  });
});
