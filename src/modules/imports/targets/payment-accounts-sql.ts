import type { ClassifyOptions, SqlQuery } from 'src/modules/imports/targets/import-target-definition';
import { ROW_MESSAGES } from 'src/modules/imports/targets/row-errors';

const S = 'import_payment_account_rows';

/** Row problems of payment-account files: code → [Vietnamese, English]. */
export const PAYMENT_ACCOUNT_MESSAGES: Record<string, [string, string]> = {
  REQUIRED: ROW_MESSAGES.REQUIRED,
  CCCD_INVALID: ROW_MESSAGES.CCCD_INVALID,
  CCCD_SCIENTIFIC: ROW_MESSAGES.CCCD_SCIENTIFIC,
  DUPLICATE_IN_FILE: ROW_MESSAGES.DUPLICATE_IN_FILE,
  UNIT_OUT_OF_SCOPE: ['Người hưởng cư trú ngoài phạm vi quản lý của bạn', 'The person lives outside your scope'],
  BANK_CODE_INVALID: ['Mã ngân hàng không hợp lệ', 'The bank code is not valid'],
  ACCOUNT_INVALID: ['Số tài khoản không hợp lệ (6–30 chữ số hoặc chữ cái)', 'The account number is not valid (6–30 digits or letters)'],
  ACCOUNT_SCIENTIFIC: [
    'Số tài khoản bị Excel đổi sang dạng số; định dạng cột là Văn bản rồi nhập lại',
    'Excel turned the account number into a number; format the column as text and re-enter it',
  ],
  HOLDER_INVALID: ['Tên chủ tài khoản không hợp lệ', 'The account holder name is not valid'],
  HOLDER_MISMATCH: [
    'Tên chủ tài khoản không trùng họ tên người hưởng',
    'The account holder name does not match the person',
  ],
  METHOD_MISSING: [
    'Cần thông tin tài khoản ngân hàng hoặc bưu điện chi trả',
    'Give either a bank account or a post office for cash',
  ],
  METHOD_BOTH: [
    'Chỉ chọn một hình thức: tài khoản ngân hàng hoặc tiền mặt tại bưu điện',
    'Choose one method: a bank account or cash at a post office',
  ],
  POST_OFFICE_INVALID: ['Tên bưu điện không hợp lệ', 'The post office name is not valid'],
  PERSON_NOT_FOUND: ['Không có người nào trong cơ sở dữ liệu với số CCCD này', 'No person in the registry has this ID'],
  PERSON_DECEASED: ['Người hưởng đã chết', 'The person has died'],
};

async function errorsFrom(q: SqlQuery, importId: string, code: string, column: string, select: string, params: unknown[] = []): Promise<void> {
  const [vi, en] = PAYMENT_ACCOUNT_MESSAGES[code];
  await q(
    `insert into import_row_errors (import_id, row_no, column_name, value, code, message_vi, message_en)
     select $1, x.row_no, $2, left(x.value, 500), $3, $4, $5 from (${select}) x`,
    [importId, column, code, vi, en, ...params],
  );
}

async function rejectErrored(q: SqlQuery, importId: string): Promise<void> {
  await q(
    `update ${S} s set rejected = true, action = 'REJECTED'
       from (select distinct row_no from import_row_errors where import_id = $1) e
      where s.import_id = $1 and s.row_no = e.row_no and not s.rejected`,
    [importId],
  );
}

/** The SQL twin of the benefits module's `nameKey` (no diacritics, đ → D, upper case, single spaces). */
const NAME_KEY_SQL = `btrim(regexp_replace(regexp_replace(upper(vn_search_key(p.full_name)), '[^A-Z0-9 ]+', ' ', 'g'),
  ' +', ' ', 'g'))`;

/**
 * Matches each row to its person by CCCD (unique among live records, so never ambiguous), checks scope, death and
 * the holder name against the person (hashes of the name keys: the holder name is not staged in clear), flags a
 * CCCD given twice, and decides the action: UNCHANGED when the person's active account has the same keyed
 * fingerprint (recorded when an import created it), UPDATE when another account is active, CREATE otherwise.
 */
export async function classifyPaymentAccounts(q: SqlQuery, importId: string, opts: ClassifyOptions): Promise<void> {
  await q(`set local statement_timeout = 0`);
  await q(`analyze ${S}`);
  await q(
    `update ${S} s set person_id = p.id from registry_people p
      where s.import_id = $1 and not s.rejected and p.cccd = s.cccd and p.merged_into_id is null`,
    [importId],
  );
  await errorsFrom(
    q,
    importId,
    'PERSON_NOT_FOUND',
    'cccd',
    `select row_no, cccd as value from ${S} where import_id = $1 and not rejected and person_id is null`,
  );
  await errorsFrom(
    q,
    importId,
    'DUPLICATE_IN_FILE',
    'cccd',
    `select row_no, cccd as value from (
       select row_no, cccd, row_number() over (partition by cccd order by row_no) as n
         from ${S} where import_id = $1 and not rejected and cccd is not null) d where n > 1`,
  );
  await errorsFrom(
    q,
    importId,
    'PERSON_DECEASED',
    'cccd',
    `select s.row_no, s.cccd as value from ${S} s join registry_people p on p.id = s.person_id
      where s.import_id = $1 and not s.rejected and p.vital_status = 'DECEASED'`,
  );
  if (opts.scopeUnitIds)
    await errorsFrom(
      q,
      importId,
      'UNIT_OUT_OF_SCOPE',
      'cccd',
      `select s.row_no, s.cccd as value from ${S} s join registry_people p on p.id = s.person_id
        where s.import_id = $1 and not s.rejected
          and (p.residence_unit_id is null or not (p.residence_unit_id = any($6::uuid[])))`,
      [opts.scopeUnitIds],
    );
  await errorsFrom(
    q,
    importId,
    'HOLDER_MISMATCH',
    'holder_name',
    `select s.row_no, null::text as value from ${S} s join registry_people p on p.id = s.person_id
      where s.import_id = $1 and not s.rejected and s.method = 'BANK'
        and s.holder_key_sha256 <> encode(sha256(convert_to(${NAME_KEY_SQL}, 'UTF8')), 'hex')`,
  );
  await rejectErrored(q, importId);
  await q(`update ${S} set action = 'REJECTED' where import_id = $1 and rejected and action is null`, [importId]);
  await q(
    `update ${S} s set
        action = case when x.same then 'UNCHANGED' when x.active_id is not null then 'UPDATE' else 'CREATE' end,
        account_id = case when x.same then x.active_id else gen_random_uuid() end
       from (select s2.row_no, a.id as active_id,
                    coalesce(f.fingerprint = s2.fingerprint, false) as same
               from ${S} s2
               left join benefit_payment_accounts a on a.person_id = s2.person_id and a.state = 'ACTIVE'
               left join import_payment_account_fingerprints f on f.account_id = a.id
              where s2.import_id = $1 and not s2.rejected) x
      where s.import_id = $1 and s.row_no = x.row_no`,
    [importId],
  );
}

/**
 * One chunk: closes the person's other active account and inserts the sealed one with its fingerprint, exactly as
 * PaymentAccountsService.register stores an account (ciphertext, last four, holder checked). Guarded: an account
 * id fixed at classification (`on conflict do nothing`), and nothing is closed when the active account already
 * carries the row's fingerprint.
 */
export async function mergePaymentAccountsChunk(q: SqlQuery, importId: string, chunk: number, actor: string): Promise<void> {
  await q(
    `update benefit_payment_accounts a set state = 'CLOSED', closed_at = now()
       from ${S} s
      where s.import_id = $1 and s.chunk_no = $2 and s.action in ('CREATE', 'UPDATE')
        and a.person_id = s.person_id and a.state = 'ACTIVE' and a.id <> s.account_id
        and not exists (select 1 from import_payment_account_fingerprints f
                         where f.account_id = a.id and f.fingerprint = s.fingerprint)`,
    [importId, chunk],
  );
  await q(
    `insert into benefit_payment_accounts (id, person_id, method, bank_code, account_ciphertext, account_last4,
                                           holder_name_matches, post_office, created_by)
     select s.account_id, s.person_id, s.method, s.bank_code, s.account_ciphertext, s.account_last4,
            case when s.method = 'BANK' then true end, s.post_office, $3
       from ${S} s
      where s.import_id = $1 and s.chunk_no = $2 and s.action in ('CREATE', 'UPDATE')
        and not exists (select 1 from benefit_payment_accounts a where a.person_id = s.person_id and a.state = 'ACTIVE')
     on conflict do nothing`,
    [importId, chunk, actor],
  );
  await q(
    `insert into import_payment_account_fingerprints (account_id, fingerprint, import_id)
     select s.account_id, s.fingerprint, $1 from ${S} s
      where s.import_id = $1 and s.chunk_no = $2 and s.action in ('CREATE', 'UPDATE')
        and exists (select 1 from benefit_payment_accounts a where a.id = s.account_id)
     on conflict do nothing`,
    [importId, chunk],
  );
}
