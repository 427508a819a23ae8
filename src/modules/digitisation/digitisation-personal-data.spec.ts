import { QueryFailedError } from 'typeorm';
import { maskEntryData, maskIdNumbersInText, withoutEnteredValues } from 'src/modules/digitisation/digitisation-personal-data';

describe('personal data a clerk types', () => {
  it('masks the CCCD as the registry does and leaves the address out of every response', () => {
    const masked = maskEntryData({
      fullName: 'Lê Văn Công',
      birth: '1948',
      gender: 'MALE',
      cccd: '040085000123',
      address: 'Số 7 Lê Lợi',
      injuryRate: 41,
    });
    expect(masked).toEqual({
      fullName: 'Lê Văn Công',
      birth: '1948',
      gender: 'MALE',
      cccdMasked: '0400******23',
      injuryRate: 41,
      decisionNumber: null,
      decisionDate: null,
      category: null,
      householdCode: null,
    });
    expect(JSON.stringify(masked)).not.toMatch(/040085000123|Lê Lợi/);
  });

  it('masks a CCCD quoted in a return reason, not shorter or longer digit runs', () => {
    expect(maskIdNumbersInText('CCCD đúng là 040085000123, QĐ 12/2020')).toBe('CCCD đúng là 0400******23, QĐ 12/2020');
    expect(maskIdNumbersInText('SĐT 0912345678; số 1234567890123')).toBe('SĐT 0912345678; số 1234567890123');
    expect(maskIdNumbersInText(null)).toBeNull();
  });

  it('drops the parameters and the PostgreSQL detail of a failed statement, keeping its SQLSTATE and constraint', async () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "registry_people_cccd_key"'), {
      code: '23505',
      constraint: 'registry_people_cccd_key',
      detail: 'Key (cccd)=(040085000123) already exists.',
    });
    const failing = () => Promise.reject(new QueryFailedError('insert into registry_people (cccd) values ($1)', ['040085000123'], driverError));
    const error = await withoutEnteredValues(failing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryFailedError);
    expect(error).toMatchObject({ code: '23505', constraint: 'registry_people_cccd_key', parameters: undefined });
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain('040085000123');
    expect(String((error as Error).message)).not.toContain('040085000123');
  });
});
