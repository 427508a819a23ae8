import type { DataSource } from 'typeorm';
import { openTestDataSource } from 'test/utils/test-app';
import { cccd, uniq } from 'test/integration/imports/import-support';
import { codes, commitWithInterruption, dryRun, seedPerson } from 'test/integration/imports/status-import-support';

const HEADER =
  'Số định danh cá nhân (CCCD),Họ và tên,Ngày sinh,Mã hộ,Nhóm đối tượng (Điều 5 NĐ 20/2021),Mức độ khuyết tật,' +
  'Số con đang nuôi,Số quyết định,Ngày quyết định,Người ký,Ngày hưởng';

const SUBJECT = `insert into registry_social_protection_subjects (person_id, bases, disability_level, group_code,
  coefficient, valid_from, decision_number, decision_date, decision_signer, source, created_by)
  values ($1, '{K6_DISABILITY}', $2, $3, $4, $5, $6, $5, $7, 'MANUAL', 't')`;

describe('import of social-protection subjects', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openTestDataSource();
  });
  afterAll(async () => ds.destroy());

  async function fingerprint(ids: string[]): Promise<unknown[]> {
    return ds.query(
      `select person_id, bases, disability_level, studying, children_raised, group_code, coefficient::text,
              valid_from::text, valid_to::text, end_reason, decision_number, decision_date::text, decision_signer
         from registry_social_protection_subjects where person_id = any($1::uuid[])
        order by person_id, valid_from`,
      [ids],
    );
  }

  it('dry run counts good, bad and ambiguous rows exactly; the commit derives the band, supersedes by decision, resumes after a crash, and a re-import changes nothing', async () => {
    const hh = uniq('SP');
    const [c1, c2, c3, c5, c6, c7, c8] = [cccd(), cccd(), cccd(), cccd(), cccd(), cccd(), cccd()];
    const p1 = await seedPerson(ds, { cccd: c1, name: 'Hoàng Văn Một', year: 1980 });
    const p2 = await seedPerson(ds, { cccd: c2, name: 'Hoàng Văn Hai', year: 1980 });
    await ds.query(SUBJECT, [p2, 'SEVERE', 'K6_SEVERE', 1.5, '2022-01-01', 'X-2022', 'Chủ tịch UBND xã']);
    const p3 = await seedPerson(ds, { cccd: c3, name: 'Hoàng Văn Ba', year: 1980 });
    await ds.query(SUBJECT, [p3, 'ESPECIALLY_SEVERE', 'K6_ESPECIALLY_SEVERE', 2, '2025-03-01', 'Z-2025', 'Phó Chủ tịch']);
    for (const rel of ['HEAD', 'CHILD'])
      await seedPerson(ds, { name: 'Phạm Văn Trùng', year: 1980, household: hh, relationship: rel });
    await seedPerson(ds, { cccd: c5, name: 'Hoàng Văn Năm', year: 1980, deathDate: '2024-06-01' });
    await seedPerson(ds, { cccd: c6, name: 'Hoàng Văn Sáu', year: 1980 });
    const p7 = await seedPerson(ds, { cccd: c7, name: 'Hoàng Văn Bảy', year: 1980 });
    await ds.query(SUBJECT, [p7, 'SEVERE', 'K6_SEVERE', 1.5, '2026-01-01', 'L-2026', 'Chủ tịch UBND xã']);
    await seedPerson(ds, { cccd: c8, name: 'Hoàng Văn Tám', year: 1980 });

    const decision = '56/QĐ-UBND,10/03/2025,Chủ tịch UBND xã,01/03/2025';
    const csv = [
      HEADER,
      `${c1},Hoàng Văn Một,,,Người khuyết tật,Đặc biệt nặng,,${decision}`,
      `${c2},,,,K6,Đặc biệt nặng,,${decision}`, // re-assessed: supersedes X-2022
      `${c3},,,,K6_DISABILITY,Đặc biệt nặng,,Z-2025,01/03/2025,Chủ tịch UBND xã,01/03/2025`, // same decision: signer
      `,Phạm Văn Trùng,1980,${hh},K6,Nặng,,${decision}`, // two people match
      `${c5},,,,K6,Nặng,,${decision}`, // died before the start date
      `${c6},,,,K6,,,${decision}`, // a disability needs its level
      `${c6},,,,K9,,,${decision}`, // not a group of art. 5
      `${c8},,,,K5C,,,${decision}`, // 45 years old: no 80+ band applies
      `${c7},,,,K6,Nặng,,${decision}`, // a later decision is already in force
    ].join('\n');

    const run = await dryRun(ds, csv, 'SOCIAL_PROTECTION');
    expect(run.job.state).toBe('VALIDATED');
    expect(run.counts).toEqual({ total: 9, create: 2, update: 1, unchanged: 0, rejected: 6 });
    expect(codes(run)).toEqual([
      [5, 'AMBIGUOUS_MATCH'],
      [6, 'PERSON_DECEASED'],
      [7, 'REQUIRED'],
      [8, 'BASIS_INVALID'],
      [9, 'SOCIAL_PROTECTION_PROFILE_INVALID'],
      [10, 'STATUS_CONFLICT'],
    ]);
    expect(run.errors[0].message_vi).toMatch(/nhiều hơn một/);
    expect(run.errors[4].message_en).toMatch(/no payable group/);

    await commitWithInterruption(ds, run);
    const rows = await ds.query(
      `select person_id, group_code, coefficient::float as coefficient, valid_from::text as from, valid_to::text as to,
              end_reason, decision_number as decision, decision_signer as signer
         from registry_social_protection_subjects where person_id = any($1::uuid[]) order by person_id, valid_from`,
      [[p1, p2, p3]],
    );
    const byPerson = (id: string) => rows.filter((r: { person_id: string }) => r.person_id === id);
    expect(byPerson(p1)).toEqual([
      expect.objectContaining({ group_code: 'K6_ESPECIALLY_SEVERE', coefficient: 2, from: '2025-03-01', to: null }),
    ]);
    expect(byPerson(p2)).toEqual([
      expect.objectContaining({ decision: 'X-2022', to: '2025-03-01', end_reason: 'SUPERSEDED' }),
      expect.objectContaining({ decision: '56/QĐ-UBND', group_code: 'K6_ESPECIALLY_SEVERE', coefficient: 2, to: null }),
    ]);
    expect(byPerson(p3)).toEqual([expect.objectContaining({ decision: 'Z-2025', signer: 'Chủ tịch UBND xã', to: null })]);

    const before = await fingerprint([p1, p2, p3, p7]);
    const again = await dryRun(ds, csv, 'SOCIAL_PROTECTION');
    expect(again.counts).toEqual({ total: 9, create: 0, update: 0, unchanged: 3, rejected: 6 });
    await again.pipeline.commit(again.id, 'test-officer');
    expect(await fingerprint([p1, p2, p3, p7])).toEqual(before);
  });
});
