import type { DataSource } from 'typeorm';
import { openTestDataSource } from 'test/utils/test-app';
import { cccd, uniq } from 'test/integration/imports/import-support';
import { codes, commitWithInterruption, dryRun, seedPerson } from 'test/integration/imports/status-import-support';

const HEADER =
  'Số định danh cá nhân (CCCD),Họ và tên,Ngày sinh,Mã hộ,Diện người có công,Tỷ lệ tổn thương cơ thể (%),' +
  'Số hồ sơ lưu trữ,Số quyết định,Ngày quyết định,Người ký,Ngày hưởng,Số CCCD thân nhân,Quan hệ của thân nhân';

const PROFILE = `insert into registry_merit_profiles (person_id, category, injury_rate, archive_code, valid_from,
  decision_number, decision_date, decision_signer, source, created_by)
  values ($1, $2, $3, null, $4, $5, $4, 'Giám đốc Sở', 'MANUAL', 't')`;

describe('import of meritorious profiles', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openTestDataSource();
  });
  afterAll(async () => ds.destroy());

  async function fingerprint(ids: string[]): Promise<unknown[]> {
    return ds.query(
      `select p.person_id, p.category, p.injury_rate, p.archive_code, p.valid_from::text, p.valid_to::text,
              p.end_reason, p.decision_number, p.decision_signer,
              (select string_agg(r.person_id || r.relationship || r.decision_number, ',') from registry_merit_relatives r
                where r.merit_profile_id = p.id) as relatives
         from registry_merit_profiles p where p.person_id = any($1::uuid[])
        order by p.person_id, p.valid_from, p.decision_number`,
      [ids],
    );
  }

  it('dry run counts good, bad and ambiguous rows exactly; the commit adds, supersedes and corrects profiles with relatives, resumes after a crash, and a re-import changes nothing', async () => {
    const hh = uniq('MH');
    const [c1, c2, c3, c4, cr, unknown] = [cccd(), cccd(), cccd(), cccd(), cccd(), cccd()];
    const p1 = await seedPerson(ds, { cccd: c1, name: 'Trần Văn Một', year: 1980 });
    const spouse = await seedPerson(ds, { cccd: cr, name: 'Nguyễn Thị Vợ', year: 1980 });
    const p2 = await seedPerson(ds, { cccd: c2, name: 'Trần Văn Hai', year: 1980 });
    await ds.query(PROFILE, [p2, 'SICK_SOLDIER', 61, '2020-01-01', 'A-2020']);
    const p3 = await seedPerson(ds, { cccd: c3, name: 'Trần Văn Ba', year: 1980 });
    await ds.query(PROFILE, [p3, 'RESISTANCE_PARTICIPANT', null, '2021-05-01', 'C-2021']);
    const p4 = await seedPerson(ds, { cccd: c4, name: 'Trần Văn Bốn', year: 1980 });
    await ds.query(PROFILE, [p4, 'HERO', null, '2019-01-01', 'H-1']);
    await ds.query(PROFILE, [p4, 'HERO', null, '2019-06-01', 'H-2']);
    for (const rel of ['HEAD', 'CHILD'])
      await seedPerson(ds, { name: 'Phạm Văn Trùng', year: 1950, household: hh, relationship: rel });

    const csv = [
      HEADER,
      `${c1},Trần Văn Một,,,Thương binh,41,TB-001,10/QĐ-SLĐ,20/07/2024,Giám đốc Sở,01/08/2024,${cr},Vợ`,
      `${c2},,,,Bệnh binh,71,,11/QĐ-SLĐ,20/07/2024,Giám đốc Sở,01/08/2024,,`, // new decision supersedes A-2020
      `${c3},,,,Hoạt động kháng chiến,,KC-77,C-2021,01/05/2021,Giám đốc Sở,01/05/2021,,`, // same decision: archive code
      `,Phạm Văn Trùng,1950,${hh},Tiền khởi nghĩa,,,12/QĐ-SLĐ,20/07/2024,Giám đốc Sở,,,`, // two people match
      `${c4},,,,Anh hùng,,,13/QĐ-SLĐ,20/07/2024,Giám đốc Sở,,,`, // two open HERO profiles
      `${unknown},,,,Liệt sĩ,,,14/QĐ-SLĐ,20/07/2024,Giám đốc Sở,,,`, // not in the registry
      `${c1},,,,Thương binh loại B,15,,15/QĐ-SLĐ,20/07/2024,Giám đốc Sở,,,`, // below 21 %
      `${c1},,,,Dân quân,,,16/QĐ-SLĐ,20/07/2024,Giám đốc Sở,,,`, // not a category
    ].join('\n');

    const run = await dryRun(ds, csv, 'MERIT_PROFILES');
    expect(run.job.state).toBe('VALIDATED');
    expect(run.counts).toEqual({ total: 8, create: 2, update: 1, unchanged: 0, rejected: 5 });
    expect(codes(run)).toEqual([
      [5, 'AMBIGUOUS_MATCH'],
      [6, 'AMBIGUOUS_MATCH'],
      [7, 'PERSON_NOT_FOUND'],
      [8, 'INJURY_RATE_INVALID'],
      [9, 'CATEGORY_INVALID'],
    ]);
    expect(run.errors[0].message_vi).toMatch(/nhiều hơn một/);
    expect(run.errors[1].message_en).toMatch(/2 profiles of this category/);

    await commitWithInterruption(ds, run);
    const rows = await ds.query(
      `select p.person_id, p.category, p.injury_rate, p.archive_code, p.valid_from::text as from, p.valid_to::text as to,
              p.end_reason, p.decision_number as decision
         from registry_merit_profiles p where p.person_id = any($1::uuid[]) order by p.person_id, p.valid_from`,
      [[p1, p2, p3]],
    );
    const byPerson = (id: string) => rows.filter((r: { person_id: string }) => r.person_id === id);
    expect(byPerson(p1)).toEqual([
      expect.objectContaining({ category: 'WAR_INVALID', injury_rate: 41, archive_code: 'TB-001', from: '2024-08-01', to: null }),
    ]);
    expect(byPerson(p2)).toEqual([
      expect.objectContaining({ decision: 'A-2020', to: '2024-08-01', end_reason: 'SUPERSEDED' }),
      expect.objectContaining({ decision: '11/QĐ-SLĐ', injury_rate: 71, from: '2024-08-01', to: null }),
    ]);
    expect(byPerson(p3)).toEqual([expect.objectContaining({ decision: 'C-2021', archive_code: 'KC-77', to: null })]);
    expect(
      await ds.query(
        `select r.person_id, r.relationship, r.decision_number from registry_merit_relatives r
           join registry_merit_profiles p on p.id = r.merit_profile_id where p.person_id = $1`,
        [p1],
      ),
    ).toEqual([{ person_id: spouse, relationship: 'SPOUSE', decision_number: '10/QĐ-SLĐ' }]);

    const before = await fingerprint([p1, p2, p3, p4]);
    const again = await dryRun(ds, csv, 'MERIT_PROFILES');
    expect(again.counts).toEqual({ total: 8, create: 0, update: 0, unchanged: 3, rejected: 5 });
    await again.pipeline.commit(again.id, 'test-officer');
    expect(await fingerprint([p1, p2, p3, p4])).toEqual(before);
  });
});
