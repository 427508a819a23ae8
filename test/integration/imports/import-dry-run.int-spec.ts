import type { DataSource } from 'typeorm';
import { openTestDataSource } from 'test/utils/test-app';
import { cccd, pipelineFor, uniq, upload } from 'test/integration/imports/import-support';

const HEADER = 'Mã hộ;Họ và tên;Số định danh cá nhân (CCCD);Ngày sinh;Giới tính;Quan hệ với chủ hộ;Địa chỉ';

describe('import dry run (people with households)', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openTestDataSource();
  });
  afterAll(async () => ds.destroy());

  it('reports exact create/update/unchanged/rejected counts and an error on an ambiguous row, writing nothing', async () => {
    const hh = uniq('H');
    const twins = uniq('T');
    const [keep, change] = [cccd(), cccd()];
    // existing registry: two people with CCCD, and a household with two same-name same-year members without CCCD
    const [a] = await ds.query(
      `insert into registry_people (cccd, full_name, birth_year, birth_date, gender, source, created_by)
       values ($1, 'Trần Văn Giữ', 1980, '1980-05-01', 'MALE', 'MANUAL', 't') returning id`,
      [keep],
    );
    await ds.query(
      `insert into registry_people (cccd, full_name, birth_year, gender, source, created_by)
       values ($1, 'Lê Văn Đổi', 1980, 'MALE', 'MANUAL', 't')`,
      [change],
    );
    const [h] = await ds.query(
      `insert into registry_households (code, source, created_by) values ($1, 'MANUAL', 't') returning id`,
      [twins],
    );
    for (const rel of ['HEAD', 'CHILD']) {
      const [p] = await ds.query(
        `insert into registry_people (full_name, birth_year, gender, source, created_by)
         values ('Phạm Thị Hai', 1990, 'FEMALE', 'MANUAL', 't') returning id`,
      );
      await ds.query(
        `insert into registry_household_members (household_id, person_id, relationship, valid_from, source, created_by)
         values ($1, $2, $3, '2020-01-01', 'MANUAL', 't')`,
        [h.id, p.id, rel],
      );
    }
    const before = await ds.query(`select count(*)::int as n from registry_people`);
    const csv = [
      HEADER,
      `${hh};Nguyễn Văn An;;01/02/1970;Nam;Chủ hộ;Thôn 1`, // create (+ household)
      `${hh};Nguyễn Thị Bình;;1972;Nữ;Vợ;Thôn 1`, // create
      `;Trần Văn Giữ;${keep};01/05/1980;Nam;;`, // unchanged
      `;Lê Văn Đổi;${change};1980;Nam;;Xóm mới`, // update (address)
      `;Không Ngày;;31/02/1990;Nam;;`, // rejected: impossible date
      `;Sai Giới;;1990;X;;`, // rejected: gender
      `${twins};Phạm Thị Hai;;1990;Nữ;Con;`, // rejected: ambiguous (two members match)
      `;Trần Văn Giữ Lặp;${keep};1980;Nam;;`, // rejected: duplicate of row 4 in the file
    ].join('\r\n');
    const id = await upload(ds, csv);
    const pipeline = pipelineFor(ds);
    await pipeline.validate(id);
    const job = await pipeline.load(id);
    expect(job?.state).toBe('VALIDATED');
    expect({
      total: job?.total_rows,
      create: job?.count_create,
      update: job?.count_update,
      unchanged: job?.count_unchanged,
      rejected: job?.count_rejected,
      households: job?.households_to_create,
    }).toEqual({ total: 8, create: 2, update: 1, unchanged: 1, rejected: 4, households: 1 });
    const errors = await ds.query(
      `select row_no, column_name, code, message_vi, message_en from import_row_errors where import_id = $1 order by row_no`,
      [id],
    );
    expect(errors.map((e: { row_no: number; code: string }) => [e.row_no, e.code])).toEqual([
      [6, 'DATE_INVALID'],
      [7, 'GENDER_INVALID'],
      [8, 'AMBIGUOUS_MATCH'],
      [9, 'DUPLICATE_IN_FILE'],
    ]);
    expect(errors[2].message_vi).toMatch(/nhiều hơn một/);
    expect(errors[2].message_en).toMatch(/more than one/);
    expect(await ds.query(`select count(*)::int as n from registry_people`)).toEqual(before);
    expect(a.id).toBeDefined();
  });

  it('a cancelled commit stops at a chunk boundary: committed households stay whole, the rest is not written', async () => {
    const prefix = uniq('C');
    const rows = [HEADER];
    for (let h = 0; h < 4; h++)
      rows.push(`${prefix}${h};Vũ Văn Chủ;;1960;Nam;Chủ hộ;`, `${prefix}${h};Vũ Thị Vợ;;1962;Nữ;Vợ;`);
    const id = await upload(ds, rows.join('\n'));
    const pipeline = pipelineFor(ds, 2); // two households per chunk
    await pipeline.validate(id);
    expect(await pipeline.load(id)).toMatchObject({ state: 'VALIDATED', chunk_count: 2, count_create: 8 });
    // the officer cancels while the first chunk is being written (simulated: right after it)
    await ds.query(`update import_jobs set state = 'COMMITTING', committed_chunk = -1 where id = $1`, [id]);
    const original = ds.createQueryRunner.bind(ds);
    let chunks = 0;
    ds.createQueryRunner = (...args) => {
      const runner = original(...args);
      const commit = runner.commitTransaction.bind(runner);
      runner.commitTransaction = async () => {
        await commit();
        if (++chunks === 1) await ds.query(`update import_jobs set cancel_requested = true where id = $1`, [id]);
      };
      return runner;
    };
    try {
      await pipeline.commit(id, 'test-officer');
    } finally {
      ds.createQueryRunner = original;
    }
    expect((await pipeline.load(id))?.state).toBe('CANCELLED');
    const written = await ds.query(
      `select h.code, count(m.id)::int as members from registry_households h
         left join registry_household_members m on m.household_id = h.id
        where h.code like $1 || '%' group by h.code order by h.code`,
      [prefix],
    );
    expect(written).toEqual([
      { code: `${prefix}0`, members: 2 },
      { code: `${prefix}1`, members: 2 },
    ]);
  });
});
