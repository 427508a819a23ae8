import { parse } from 'csv-parse/sync';
import {
  neutraliseCell,
  parseResultCsv,
  transferCsv,
  transferDescription,
} from 'src/modules/benefits/accounts/bank-file.format';

describe('bank transfer files', () => {
  it('neutralises cells a spreadsheet would run as a formula (= + - @ tab CR)', () => {
    for (const v of ['=HYPERLINK("x")', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])
      expect(neutraliseCell(v)).toBe(`'${v}`);
    expect(neutraliseCell('0011223344')).toBe('0011223344');
  });

  it('writes the bank columns, quoting strings and keeping leading zeros', () => {
    const csv = transferCsv([
      {
        instructionId: 'AS0123456789ABCDEF012345',
        bankCode: 'VCB',
        accountNumber: '0011223344',
        accountName: '=CMD()',
        amount: 750_000,
        currency: 'VND',
        description: 'AN SINH TRO CAP T09/2024',
        reference: '2024-09-1',
      },
    ]).toString('utf8');
    const [row] = parse<Record<string, string>>(csv, { columns: true });
    expect(row).toEqual({
      instruction_id: 'AS0123456789ABCDEF012345',
      bank_code: 'VCB',
      account_number: '0011223344',
      account_name: "'=CMD()",
      amount: '750000',
      currency: 'VND',
      description: 'AN SINH TRO CAP T09/2024',
      reference: '2024-09-1',
    });
  });

  it('transfer descriptions are plain upper-case ASCII of at most 140 characters', () => {
    expect(transferDescription('Chi trợ cấp tháng 9 – Đặng Thị Ánh')).toBe(
      'CHI TRO CAP THANG 9 DANG THI ANH',
    );
    expect(transferDescription('x'.repeat(300))).toHaveLength(140);
  });

  it('a result file needs a valid instruction id, a known status, integer amounts and a reason for every failure', () => {
    const ok = parseResultCsv(
      'instruction_id,status,amount,reason\nAS0123456789ABCDEF012345,failed,750000,Sai so tai khoan\n',
    );
    expect(ok).toEqual([
      {
        instructionId: 'AS0123456789ABCDEF012345',
        status: 'FAILED',
        amount: 750_000,
        reason: 'Sai so tai khoan',
        bankReference: null,
      },
    ]);
    expect(() => parseResultCsv('instruction_id,status\nX1,PAID\n')).toThrow('row 2: instruction_id');
    expect(() => parseResultCsv('instruction_id,status\nAS0123456789ABCDEF012345,LOST\n')).toThrow(
      'status must be',
    );
    expect(() => parseResultCsv('instruction_id,status\nAS0123456789ABCDEF012345,FAILED\n')).toThrow(
      'needs a reason',
    );
    expect(() => parseResultCsv('instruction_id,status,amount\nAS0123456789ABCDEF012345,PAID,7.5\n')).toThrow(
      'integer VND',
    );
  });
});
