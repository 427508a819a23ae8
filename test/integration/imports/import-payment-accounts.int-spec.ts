import type { DataSource } from 'typeorm';
import { AccountCipher } from 'src/modules/benefits/accounts/account-cipher';
import { targetTemplate } from 'src/modules/imports/export/import-templates';
import { ImportPipeline } from 'src/modules/imports/pipeline/import-pipeline';
import { PAYMENT_ACCOUNTS_TARGET } from 'src/modules/imports/targets/payment-accounts.target';
import { cccd, storageDir, upload } from 'test/integration/imports/import-support';
import { openTestDataSource, testConfig } from 'test/utils/test-app';

const HEADER = 'Số định danh cá nhân (CCCD),Họ và tên,Mã ngân hàng,Số tài khoản,Tên chủ tài khoản,Nhận tiền mặt tại bưu điện';
const ACCOUNT = '3600205123456';

describe('import of payment accounts', () => {
  let ds: DataSource;
  let pipeline: ImportPipeline;
  const cipher = new AccountCipher(testConfig());

  beforeAll(async () => {
    ds = await openTestDataSource();
    pipeline = new ImportPipeline(ds, {
      storageDir,
      xlsxMaxEntries: 2000,
      xlsxMaxUncompressedBytes: 64 * 1024 * 1024,
      chunkGroups: 2,
      accountSealer: cipher,
    });
  });
  afterAll(async () => ds.destroy());

  async function person(id: string, name: string): Promise<string> {
    const [row] = await ds.query<Array<{ id: string }>>(
      `insert into registry_people (cccd, full_name, birth_year, gender, source, created_by)
       values ($1, $2, 1950, 'MALE', 'MANUAL', 'test') returning id`,
      [id, name],
    );
    return row.id;
  }

  async function accounts(personIds: string[]): Promise<Array<Record<string, unknown>>> {
    return ds.query(
      `select person_id, method, bank_code, account_last4, post_office, state, account_ciphertext, id
         from benefit_payment_accounts where person_id = any($1::uuid[]) order by person_id, created_at, id`,
      [personIds],
    );
  }

  async function dryRun(csv: string): Promise<{ id: string; job: Record<string, unknown> }> {
    const id = await upload(ds, csv, 'PAYMENT_ACCOUNTS', 'tai-khoan.csv');
    await pipeline.validate(id);
    return { id, job: (await pipeline.load(id)) as unknown as Record<string, unknown> };
  }

  it('dry run counts exactly; accounts are sealed before staging, the holder must be the person; re-import changes nothing', async () => {
    const [a, b, c, d, e] = [cccd(), cccd(), cccd(), cccd(), cccd()];
    const pa = await person(a, 'Nguyễn Văn An');
    const pb = await person(b, 'Lê Văn Bình');
    await ds.query(
      `insert into benefit_payment_accounts (person_id, method, post_office, created_by)
       values ($1, 'POST_OFFICE_CASH', 'Bưu điện cũ', 'test')`,
      [pb],
    );
    const pc = await person(c, 'Trần Văn Cường');
    const pd = await person(d, 'Phạm Văn Dũng');
    const pe = await person(e, 'Hoàng Văn Em');
    const csv = [
      HEADER,
      `${a},Nguyễn Văn An,vba,${ACCOUNT},NGUYEN VAN AN,`, // create
      `${b},Lê Văn Bình,,,,Bưu điện xã Đông Sơn`, // another method: update (closes the old)
      `${c},Trần Văn Cường,VBA,3600205999999,TRAN VAN KHAC,`, // holder is somebody else
      `001080999999,Không Có,VBA,3600205888888,KHONG CO,`, // no such person
      `${a},Nguyễn Văn An,VBA,3600205777777,NGUYEN VAN AN,`, // the same person twice
      `${d},Phạm Văn Dũng,VBA,3.6002E+12,PHAM VAN DUNG,`, // Excel ate the number
      `${e},Hoàng Văn Em,,,,`, // no method
    ].join('\n');

    const first = await dryRun(csv);
    expect(first.job).toMatchObject({
      state: 'VALIDATED',
      total_rows: 7,
      count_create: 1,
      count_update: 1,
      count_unchanged: 0,
      count_rejected: 5,
    });
    const errors = await ds.query<Array<{ row_no: number; code: string; value: string | null }>>(
      `select row_no, code, value from import_row_errors where import_id = $1 order by row_no, code`,
      [first.id],
    );
    expect(errors.map((r) => [r.row_no, r.code])).toEqual([
      [4, 'HOLDER_MISMATCH'],
      [5, 'PERSON_NOT_FOUND'],
      [6, 'DUPLICATE_IN_FILE'],
      [7, 'ACCOUNT_SCIENTIFIC'],
      [8, 'METHOD_MISSING'],
    ]);
    // nothing in staging or in the error report carries an account number or a holder name in clear
    const [leak] = await ds.query<Array<{ n: number }>>(
      `select count(*)::int as n from import_payment_account_rows s
        where s.import_id = $1 and (row_to_json(s)::text ~ '36002059|NGUYEN VAN AN|TRAN VAN KHAC'
                                    or encode(s.account_ciphertext, 'escape') like '%3600205%')`,
      [first.id],
    );
    expect(leak.n).toBe(0);
    expect(JSON.stringify(errors)).not.toMatch(/36002059|3\.6002E/);

    await pipeline.commit(first.id, 'test-officer');
    expect(await pipeline.load(first.id)).toMatchObject({ state: 'COMMITTED' });
    const [staged] = await ds.query<Array<{ n: number }>>(
      `select count(*)::int as n from import_payment_account_rows where import_id = $1`,
      [first.id],
    );
    expect(staged.n).toBe(0);
    const after = await accounts([pa, pb, pc, pd, pe]);
    const active = after.filter((r) => r.state === 'ACTIVE');
    expect(active.map((r) => [r.person_id, r.method, r.bank_code, r.account_last4, r.post_office])).toEqual(
      expect.arrayContaining([
        [pa, 'BANK', 'VBA', '3456', null],
        [pb, 'POST_OFFICE_CASH', null, null, 'Bưu điện xã Đông Sơn'],
      ]),
    );
    expect(active).toHaveLength(2);
    expect(after.filter((r) => r.person_id === pb && r.state === 'CLOSED')).toHaveLength(1);
    const sealed = active.find((r) => r.person_id === pa)?.account_ciphertext as Buffer;
    expect(cipher.open(sealed)).toEqual({ accountNumber: ACCOUNT, holderName: 'NGUYEN VAN AN' });

    // the same file again: every account is unchanged, and committing it writes nothing
    const again = await dryRun(csv);
    expect(again.job).toMatchObject({ count_create: 0, count_update: 0, count_unchanged: 2, count_rejected: 5 });
    await pipeline.commit(again.id, 'test-officer');
    expect(await accounts([pa, pb, pc, pd, pe])).toEqual(after);
  });

  it('ships a template with the Vietnamese headers', async () => {
    const csv = (await targetTemplate(PAYMENT_ACCOUNTS_TARGET, 'csv')).toString('utf8');
    expect(csv.replace(/^\ufeff/, '').split(/\r?\n/)[0]).toContain('Số tài khoản');
  });
});
