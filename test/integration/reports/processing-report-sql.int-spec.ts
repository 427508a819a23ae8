import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { addToRow, EMPTY_ROW, type DossierFacts } from 'src/modules/reports/domain/processing-form';
import { toFormRow, type CountRow } from 'src/modules/reports/processing/processing-report.service';
import { AGGREGATE_SQL } from 'src/modules/reports/processing/processing-report.sql';
import { openTestDataSource } from 'test/utils/test-app';

const FACTS_FROM_JSON = `
  select * from jsonb_to_recordset($3::jsonb) as x(
    id uuid, code text, field_code text, level text, received_on date, channel text, due_on date, ended_on date,
    end_kind text, supplement_requests int, waiting_for_applicant boolean, apology_sent boolean)`;

const day = fc
  .integer({ min: 0, max: 300 })
  .map((n) => new Date(Date.UTC(2023, 10, 1 + n)).toISOString().slice(0, 10));
const facts = fc
  .record({
    receivedOn: day,
    channel: fc.constantFrom('DIRECT' as const, 'ONLINE' as const, 'POSTAL' as const),
    dueOn: day,
    ended: fc.option(
      fc.tuple(day, fc.constantFrom('DECIDED' as const, 'RETURNED' as const, 'WITHDRAWN' as const)),
    ),
    supplementRequests: fc.integer({ min: 0, max: 3 }),
    waitingForApplicant: fc.boolean(),
    apologySent: fc.boolean(),
    field: fc.constantFrom('NGUOI_CO_CONG', 'BAO_TRO_XA_HOI'),
  })
  .map(({ ended, field, ...d }) => ({
    field,
    facts: {
      ...d,
      endedOn: ended && ended[0] >= d.receivedOn ? ended[0] : null,
      endKind: ended && ended[0] >= d.receivedOn ? ended[1] : null,
    } satisfies DossierFacts,
  }));

describe('Form II.06a in SQL', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openTestDataSource();
  });
  afterAll(async () => ds.destroy());

  it('counts exactly what the form rules (addToRow) count, for any dossiers and period', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(facts, { maxLength: 40 }), day, day, async (dossiers, a, b) => {
        const period = a <= b ? { from: a, to: b } : { from: b, to: a };
        const json = dossiers.map(({ field, facts: f }, i) => ({
          id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          code: `T-${i}`,
          field_code: field,
          level: 'PROVINCE',
          received_on: f.receivedOn,
          channel: f.channel,
          due_on: f.dueOn,
          ended_on: f.endedOn,
          end_kind: f.endKind,
          supplement_requests: f.supplementRequests,
          waiting_for_applicant: f.waitingForApplicant,
          apology_sent: f.apologySent,
        }));
        const rows = await ds.query<Array<CountRow & { is_total: boolean }>>(AGGREGATE_SQL(FACTS_FROM_JSON), [
          period.from,
          period.to,
          JSON.stringify(json),
        ]);
        const total = rows.find((r) => r.is_total);
        const expected = dossiers.reduce((row, d) => addToRow(row, d.facts, period), EMPTY_ROW);
        expect(total ? toFormRow(total) : EMPTY_ROW).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });
});
