import { randomBytes } from 'node:crypto';
import type { ProcedureContent } from 'src/modules/procedures/domain/procedure.types';

/** A local catalog code no other test uses (TEST-XXXXXX). */
export function uniqueCode(): string {
  return `TEST-${randomBytes(4).toString('hex').toUpperCase().slice(0, 8)}`;
}

/** A unique decision number in the shape departments use. */
export function uniqueDecisionNumber(): string {
  return `${Math.floor(Math.random() * 1e6)}/QĐ-TEST-${randomBytes(3).toString('hex').toUpperCase()}`;
}

/** Procedure content with a 10-working-day limit split over three steps (override what a test is about). */
export function procedureContent(code: string, overrides: Partial<ProcedureContent> = {}): ProcedureContent {
  return {
    code,
    name: 'Giải quyết chế độ trợ cấp thử nghiệm',
    fieldCode: 'NGUOI_CO_CONG',
    levels: ['PROVINCE'],
    interLevel: false,
    implementingAgencyName: 'Sở Nội vụ',
    timeLimit: { amount: 10, unit: 'WORKING_DAYS' },
    channels: ['DIRECT', 'ONLINE', 'POSTAL'],
    onlineMode: 'FULL',
    legacyOnlineLevel: 4,
    feePolicy: 'NONE',
    fees: [],
    resultKind: 'DECISION',
    pausable: true,
    extensionAllowed: false,
    legalBases: [{ documentNumber: '131/2021/NĐ-CP', article: 'Điều 10' }],
    documents: [
      {
        code: 'DON',
        name: 'Đơn đề nghị',
        originals: 1,
        copies: 0,
        certifiedCopyAccepted: false,
        mandatory: true,
      },
      {
        code: 'CCCD',
        name: 'Căn cước công dân',
        originals: 0,
        copies: 1,
        certifiedCopyAccepted: true,
        mandatory: true,
        registrySource: 'POPULATION_DB',
      },
    ],
    steps: [
      {
        name: 'Tiếp nhận hồ sơ',
        role: 'RECEPTION_OFFICER',
        level: 'PROVINCE',
        budget: { amount: 4, unit: 'WORKING_HOURS' },
      },
      {
        name: 'Thẩm định',
        role: 'SPECIALIST',
        level: 'PROVINCE',
        budget: { amount: 8, unit: 'WORKING_DAYS' },
      },
      { name: 'Phê duyệt', role: 'LEADER', level: 'PROVINCE', budget: { amount: 1.5, unit: 'WORKING_DAYS' } },
    ],
    ...overrides,
  };
}
