import { nameKey } from 'src/modules/benefits/accounts/account-cipher';
import { createHash } from 'node:crypto';
import { DomainException } from 'src/common/errors/domain.exception';
import { cleanCccd } from 'src/modules/imports/parsing/cell-values';
import { BROKEN_TEXT, normaliseCell } from 'src/modules/imports/parsing/vietnamese-text';
import type {
  ImportTargetDefinition,
  StagedRow,
  TemplateColumn,
} from 'src/modules/imports/targets/import-target-definition';
import {
  classifyPaymentAccounts,
  mergePaymentAccountsChunk,
  PAYMENT_ACCOUNT_MESSAGES,
} from 'src/modules/imports/targets/payment-accounts-sql';
import type { RowError } from 'src/modules/imports/targets/row-errors';
import { checkCccd } from 'src/modules/registry/domain/cccd';

export type PaymentAccountColumn = 'cccd' | 'full_name' | 'bank_code' | 'account_number' | 'holder_name' | 'post_office';

const COLUMNS: Array<TemplateColumn<PaymentAccountColumn>> = [
  { key: 'cccd', header: 'Số định danh cá nhân (CCCD)', en: 'Citizen ID', aliases: ['so dinh danh ca nhan (cccd)', 'so dinh danh ca nhan', 'so cccd', 'cccd', 'citizen id'], example: '040085000123' },
  { key: 'full_name', header: 'Họ và tên', en: 'Full name (not imported, for reading)', aliases: ['ho va ten', 'ho ten', 'full name'], example: 'Nguyễn Văn An' },
  { key: 'bank_code', header: 'Mã ngân hàng', en: 'Bank code', aliases: ['ma ngan hang', 'ngan hang', 'bank code', 'bank'], example: 'VBA' },
  { key: 'account_number', header: 'Số tài khoản', en: 'Account number', aliases: ['so tai khoan', 'so tk', 'account number'], example: '3600205123456' },
  { key: 'holder_name', header: 'Tên chủ tài khoản', en: 'Account holder', aliases: ['ten chu tai khoan', 'chu tai khoan', 'account holder', 'holder name'], example: 'NGUYEN VAN AN' },
  { key: 'post_office', header: 'Nhận tiền mặt tại bưu điện', en: 'Cash at post office', aliases: ['nhan tien mat tai buu dien', 'buu dien', 'buu dien chi tra', 'post office'], example: 'Bưu điện xã Đông Sơn' },
];

/** Staging COPY columns (the pipeline appends chunk_no). */
const COPY_COLUMNS = [
  'import_id',
  'row_no',
  'rejected',
  'cccd',
  'method',
  'bank_code',
  'account_ciphertext',
  'account_last4',
  'fingerprint',
  'holder_key_sha256',
  'post_office',
] as const;

const BANK_CODE = /^[A-Z0-9]{2,20}$/;
const ACCOUNT_NUMBER = /^[0-9A-Z]{6,30}$/;

function error(row: number, column: string, value: string | null, code: string): RowError {
  const [vi, en] = PAYMENT_ACCOUNT_MESSAGES[code];
  return { row, column, value, code, vi, en };
}

/** An account number in an error report: the last four only, as everywhere else. */
function masked(accountNumber: string): string {
  return `••••••${accountNumber.slice(-4)}`;
}

/**
 * Payment accounts (tài khoản nhận trợ cấp): per person (by CCCD) a bank account (bank code, account number, holder
 * name, which must be the person's name) or cash at a post office. The account number and holder name are sealed by
 * the benefits module's account cipher while the row is validated: staging, logs and the error report never see
 * them in clear (errors show the last four). One active account per person: a different account closes the old
 * one; the same account (keyed fingerprint) is unchanged.
 */
export const PAYMENT_ACCOUNTS_TARGET: ImportTargetDefinition<'PAYMENT_ACCOUNTS', PaymentAccountColumn> = {
  code: 'PAYMENT_ACCOUNTS',
  labelVi: 'Tài khoản nhận chi trả',
  labelEn: 'Payment accounts',
  columns: COLUMNS,
  requiredColumns: ['cccd'],
  templateNotes: [
    'Tài khoản ngân hàng: điền Mã ngân hàng, Số tài khoản (định dạng cột là Văn bản) và Tên chủ tài khoản (trùng họ tên người hưởng).',
    'Nhận tiền mặt: để trống ba cột ngân hàng và điền tên Bưu điện chi trả.',
  ],
  roles: ['DATA_OFFICER', 'ADMIN'],
  staging: { table: 'import_payment_account_rows', copyColumns: COPY_COLUMNS },
  rowValidator: (ctx) => {
    const sealer = ctx.accountSealer;
    if (!sealer) throw new DomainException('IMPORT_TARGET_UNKNOWN', 'Payment-account imports need the benefits module');
    return Promise.resolve((row) => {
      const cell = (key: PaymentAccountColumn): string => {
        const i = row.header.indexOf(key);
        return i < 0 ? '' : normaliseCell(row.cells[i] ?? '');
      };
      const errors: RowError[] = [];
      const cccdRaw = cell('cccd');
      let cccd: string | null = null;
      const cleaned = cleanCccd(cccdRaw);
      if (!cccdRaw) errors.push(error(row.rowNo, 'cccd', null, 'REQUIRED'));
      else if (typeof cleaned !== 'string') errors.push(error(row.rowNo, 'cccd', cccdRaw, cleaned.error === 'SCIENTIFIC' ? 'CCCD_SCIENTIFIC' : 'CCCD_INVALID'));
      else if (!checkCccd(cleaned).valid) errors.push(error(row.rowNo, 'cccd', cccdRaw, 'CCCD_INVALID'));
      else cccd = cleaned;

      const bankCode = cell('bank_code').toUpperCase().replace(/\s+/g, '');
      const account = cell('account_number').toUpperCase().replace(/[\s.-]+/g, '');
      const holder = cell('holder_name');
      const postOffice = cell('post_office');
      const bank = Boolean(bankCode || account || holder);
      let staged: StagedRow;
      if (bank) {
        if (!bankCode) errors.push(error(row.rowNo, 'bank_code', null, 'REQUIRED'));
        else if (!BANK_CODE.test(bankCode)) errors.push(error(row.rowNo, 'bank_code', bankCode.slice(0, 40), 'BANK_CODE_INVALID'));
        const numeric = row.numeric[row.header.indexOf('account_number')] === true;
        if (!account) errors.push(error(row.rowNo, 'account_number', null, 'REQUIRED'));
        else if (/E\+?\d+$/.test(account) || (numeric && account.length > 15))
          errors.push(error(row.rowNo, 'account_number', masked(account), 'ACCOUNT_SCIENTIFIC'));
        else if (!ACCOUNT_NUMBER.test(account)) errors.push(error(row.rowNo, 'account_number', masked(account), 'ACCOUNT_INVALID'));
        if (!holder) errors.push(error(row.rowNo, 'holder_name', null, 'REQUIRED'));
        else if (BROKEN_TEXT.test(holder) || holder.length > 200 || !nameKey(holder))
          errors.push(error(row.rowNo, 'holder_name', null, 'HOLDER_INVALID'));
        if (postOffice) errors.push(error(row.rowNo, 'post_office', postOffice.slice(0, 200), 'METHOD_BOTH'));
        const ok = errors.length === 0;
        staged = [
          row.importId,
          row.rowNo,
          !ok,
          cccd,
          'BANK',
          bankCode || null,
          ok ? `\\x${sealer.seal({ accountNumber: account, holderName: holder }).toString('hex')}` : null,
          ok ? account.slice(-4) : null,
          ok ? sealer.fingerprint(['BANK', bankCode, account, nameKey(holder)]) : null,
          ok ? createHash('sha256').update(nameKey(holder)).digest('hex') : null,
          null,
        ];
      } else {
        if (!postOffice) errors.push(error(row.rowNo, 'post_office', null, 'METHOD_MISSING'));
        else if (postOffice.length > 200 || BROKEN_TEXT.test(postOffice))
          errors.push(error(row.rowNo, 'post_office', postOffice.slice(0, 200), 'POST_OFFICE_INVALID'));
        const ok = errors.length === 0;
        staged = [
          row.importId,
          row.rowNo,
          !ok,
          cccd,
          'POST_OFFICE_CASH',
          null,
          null,
          null,
          ok ? sealer.fingerprint(['POST_OFFICE_CASH', postOffice]) : null,
          null,
          postOffice || null,
        ];
      }
      return { staged, errors, groupKey: null };
    });
  },
  classify: classifyPaymentAccounts,
  mergeChunk: mergePaymentAccountsChunk,
};
