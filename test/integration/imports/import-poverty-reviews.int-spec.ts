import type { DataSource } from 'typeorm';
import { openTestDataSource } from 'test/utils/test-app';
import { cccd, uniq } from 'test/integration/imports/import-support';
import {
  codes,
  commitWithInterruption,
  dryRun,
  seedHousehold,
  seedPerson,
} from 'test/integration/imports/status-import-support';

const HEADER =
  'Mã hộ,Số CCCD chủ hộ,Năm rà soát,Loại rà soát,Khu vực,Thu nhập bình quân đầu người/tháng (đồng),' +
  'Chỉ số thiếu hụt,Phân loại,Ngày rà soát,Số quyết định,Ngày quyết định,Người ký,Ngày có hiệu lực';

const REVIEW = `insert into registry_poverty_reviews (household_id, year, review_type, area, income_per_capita,
  deprivations, standard_code, classification, explanation, reviewed_on, source, created_by)
  values ($1, 2025, $2, 'RURAL', $3, '{}', 'DECREE_07_2021', 'NEAR_POOR', 'seeded', '2025-11-15', 'MANUAL', 't')`;
const STATUS = `insert into registry_poverty_statuses (household_id, classification, valid_from, decision_number,
  decision_date, decision_signer, source, created_by) values ($1, $2, $3, $4, $3, 'Chủ tịch', 'MANUAL', 't')`;

describe('import of poverty review results', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openTestDataSource();
  });
  afterAll(async () => ds.destroy());

  /** Reviews and statuses of the test's households, by natural keys. */
  async function fingerprint(prefix: string): Promise<unknown[]> {
    return ds.query(
      `select h.code, r.year, r.review_type, r.income_per_capita, r.classification, r.deprivations,
              st.classification as status, st.valid_from::text, st.valid_to::text, st.end_reason, st.decision_number
         from registry_households h
         left join registry_poverty_reviews r on r.household_id = h.id
         left join registry_poverty_statuses st on st.household_id = h.id
        where h.code like $1 || '%' order by h.code, r.reviewed_on, st.valid_from`,
      [prefix],
    );
  }

  it('dry run counts good, bad and ambiguous rows exactly; the commit grants and supersedes statuses by decision, resumes after a crash, and a re-import changes nothing', async () => {
    const p = uniq('PV');
    const head = cccd();
    await seedPerson(ds, { cccd: head, name: 'Lê Văn Chủ', year: 1980, household: `${p}1`, relationship: 'HEAD' });
    await seedHousehold(ds, `${p}2`);
    await ds.query(STATUS, [await seedHousehold(ds, `${p}2`), 'POOR', '2024-01-01', '1/QĐ-UBND']);
    await ds.query(STATUS, [await seedHousehold(ds, `${p}3`), 'NEAR_POOR', '2024-01-01', '2/QĐ-UBND']);
    const h4 = await seedHousehold(ds, `${p}4`);
    await ds.query(REVIEW, [h4, 'REGULAR', 1_000_000]);
    await ds.query(REVIEW, [h4, 'REGULAR', 1_100_000]);
    await seedHousehold(ds, `${p}5`);
    await seedHousehold(ds, `${p}6`);
    await ds.query(REVIEW, [await seedHousehold(ds, `${p}8`), 'ANNUAL', 1_000_000]);
    const decision = '99/QĐ-UBND,20/12/2025,Chủ tịch UBND xã,01/01/2026';
    const csv = [
      HEADER,
      `${p}1,${head},2025,,Nông thôn,1.200.000,"Việc làm; Bảo hiểm y tế; Nhà tiêu hợp vệ sinh",Hộ nghèo,15/11/2025,${decision}`,
      `${p}2,,2025,Định kỳ hằng năm,Nông thôn,1400000,Việc làm,Hộ cận nghèo,15/11/2025,${decision}`,
      `${p}3,,2025,,Nông thôn,3.000.000,,Không nghèo,15/11/2025,${decision}`,
      `${p}4,,2025,Thường xuyên,Nông thôn,1.100.000,,Hộ cận nghèo,15/11/2025,${decision}`, // two regular reviews that day
      `${p}5,${head},2025,,Nông thôn,1.100.000,,Hộ cận nghèo,15/11/2025,${decision}`, // head's CCCD is in household 1
      `${p}X,,2025,,Nông thôn,1.100.000,,Hộ cận nghèo,15/11/2025,${decision}`, // no such household
      `${p}6,,2025,,Nông thôn,1.400.000,Việc làm,Hộ nghèo,15/11/2025,${decision}`, // the standard says near-poor
      `${p}7,,2025,,Miền núi,1.400.000,,Hộ cận nghèo,15/11/2025,${decision}`, // not an area
      `${p}8,,2025,,Nông thôn,1.100.000,,Hộ cận nghèo,15/11/2025,${decision}`, // corrects the annual review
    ].join('\n');

    const run = await dryRun(ds, csv, 'POVERTY_REVIEWS');
    expect(run.job.state).toBe('VALIDATED');
    expect(run.counts).toEqual({ total: 9, create: 3, update: 1, unchanged: 0, rejected: 5 });
    expect(codes(run)).toEqual([
      [5, 'AMBIGUOUS_MATCH'],
      [6, 'AMBIGUOUS_MATCH'],
      [7, 'HOUSEHOLD_NOT_FOUND'],
      [8, 'CLASSIFICATION_MISMATCH'],
      [9, 'AREA_INVALID'],
    ]);
    expect(run.errors[1].message_vi).toMatch(/nhiều hơn một/);
    expect(run.errors[1].message_en).toMatch(/more than one/);
    expect(run.errors[3].message_en).toMatch(/differs from the result of the poverty standard/);
    expect(await ds.query(`select count(*)::int as n from registry_poverty_statuses s join registry_households h
      on h.id = s.household_id where h.code like $1 || '%'`, [p])).toEqual([{ n: 2 }]);

    await commitWithInterruption(ds, run);
    const after = await ds.query(
      `select h.code, s.classification, s.valid_from::text as from, s.valid_to::text as to, s.end_reason,
              s.review_id is not null as reviewed
         from registry_poverty_statuses s join registry_households h on h.id = s.household_id
        where h.code like $1 || '%' order by h.code, s.valid_from`,
      [p],
    );
    expect(after).toEqual([
      { code: `${p}1`, classification: 'POOR', from: '2026-01-01', to: null, end_reason: null, reviewed: true },
      { code: `${p}2`, classification: 'POOR', from: '2024-01-01', to: '2026-01-01', end_reason: 'SUPERSEDED', reviewed: false },
      { code: `${p}2`, classification: 'NEAR_POOR', from: '2026-01-01', to: null, end_reason: null, reviewed: true },
      { code: `${p}3`, classification: 'NEAR_POOR', from: '2024-01-01', to: '2026-01-01', end_reason: 'SUPERSEDED', reviewed: false },
      { code: `${p}8`, classification: 'NEAR_POOR', from: '2026-01-01', to: null, end_reason: null, reviewed: true },
    ]);
    const [review] = await ds.query(
      `select r.income_per_capita::int as income, r.standard_code, r.explanation <> 'seeded' as explained
         from registry_poverty_reviews r join registry_households h on h.id = r.household_id where h.code = $1`,
      [`${p}8`],
    );
    expect(review).toEqual({ income: 1_100_000, standard_code: 'DECREE_07_2021', explained: true });
    const [poor] = await ds.query(
      `select r.deprivations from registry_poverty_reviews r join registry_households h on h.id = r.household_id
        where h.code = $1`,
      [`${p}1`],
    );
    expect(poor.deprivations).toEqual(['EMPLOYMENT', 'HEALTH_INSURANCE', 'LATRINE']);

    const before = await fingerprint(p);
    const again = await dryRun(ds, csv, 'POVERTY_REVIEWS');
    expect(again.counts).toEqual({ total: 9, create: 0, update: 0, unchanged: 4, rejected: 5 });
    await again.pipeline.commit(again.id, 'test-officer');
    expect(await fingerprint(p)).toEqual(before);
  });
});
