import type { Role } from 'src/common/auth/auth.decorators';
import type { AgencyKind } from 'src/modules/organisation/entities/agency.entity';

export interface AgencySeed {
  code: string;
  name: string;
  kind: AgencyKind;
  /** The unit served, as era + code. */
  unit: { era: 'PRE_2025' | 'POST_2025'; code: string };
  parentCode?: string;
  /**
   * Agency electronic IDs follow Decision 20/2020/QĐ-TTg's shape (lowest level first, province `H` + 2 digits
   * last), but these exact codes were not checked against the province's published list.
   */
  unconfirmed: true;
}

export interface StaffSeed {
  username: string;
  displayName: string;
  agencyCode: string;
  roles: Role[];
}

/** Demo agencies: Nghệ An's department, its office, the one-stop centre and two ward committees; Lâm Đồng likewise. */
export const DEMO_AGENCIES: AgencySeed[] = [
  { code: '000.00.12.H40', name: 'Sở Nội vụ tỉnh Nghệ An', kind: 'DEPARTMENT', unit: { era: 'POST_2025', code: '40' }, unconfirmed: true },
  {
    code: '000.01.12.H40',
    name: 'Phòng Người có công và Bảo trợ xã hội, Sở Nội vụ tỉnh Nghệ An',
    kind: 'DEPARTMENT_OFFICE',
    unit: { era: 'POST_2025', code: '40' },
    parentCode: '000.00.12.H40',
    unconfirmed: true,
  },
  {
    code: '000.00.30.H40',
    name: 'Trung tâm Phục vụ hành chính công tỉnh Nghệ An',
    kind: 'SERVICE_CENTRE',
    unit: { era: 'POST_2025', code: '40' },
    unconfirmed: true,
  },
  {
    code: '000.16681.H40',
    name: 'Ủy ban nhân dân phường Thành Vinh',
    kind: 'COMMUNE_COMMITTEE',
    unit: { era: 'POST_2025', code: '16681' },
    unconfirmed: true,
  },
  {
    code: '000.16690.H40',
    name: 'Ủy ban nhân dân phường Trường Vinh',
    kind: 'COMMUNE_COMMITTEE',
    unit: { era: 'POST_2025', code: '16690' },
    unconfirmed: true,
  },
  { code: '000.00.12.H68', name: 'Sở Nội vụ tỉnh Lâm Đồng', kind: 'DEPARTMENT', unit: { era: 'POST_2025', code: '68' }, unconfirmed: true },
  {
    code: '000.22918.H68',
    name: 'Ủy ban nhân dân phường Mũi Né',
    kind: 'COMMUNE_COMMITTEE',
    unit: { era: 'POST_2025', code: '22918' },
    unconfirmed: true,
  },
];

/** One demo user per role (`npm run token -- --user <username>`), plus commune officers for scope demos. */
export const DEMO_STAFF: StaffSeed[] = [
  { username: 'admin', displayName: 'Quản trị hệ thống (demo)', agencyCode: '000.00.12.H40', roles: ['ADMIN'] },
  { username: 'reception', displayName: 'Cán bộ một cửa (demo)', agencyCode: '000.00.30.H40', roles: ['RECEPTION_OFFICER'] },
  { username: 'specialist', displayName: 'Chuyên viên (demo)', agencyCode: '000.01.12.H40', roles: ['SPECIALIST'] },
  { username: 'leader', displayName: 'Lãnh đạo Sở (demo)', agencyCode: '000.00.12.H40', roles: ['LEADER'] },
  { username: 'data', displayName: 'Cán bộ dữ liệu (demo)', agencyCode: '000.00.12.H40', roles: ['DATA_OFFICER'] },
  { username: 'reports', displayName: 'Xem báo cáo (demo)', agencyCode: '000.00.12.H40', roles: ['REPORT_VIEWER'] },
  { username: 'auditor', displayName: 'Kiểm toán viên (demo)', agencyCode: '000.00.12.H40', roles: ['AUDITOR'] },
  {
    username: 'thanhvinh',
    displayName: 'Công chức phường Thành Vinh (demo)',
    agencyCode: '000.16681.H40',
    roles: ['RECEPTION_OFFICER', 'SPECIALIST'],
  },
  {
    username: 'truongvinh',
    displayName: 'Công chức phường Trường Vinh (demo)',
    agencyCode: '000.16690.H40',
    roles: ['RECEPTION_OFFICER', 'SPECIALIST'],
  },
  { username: 'lamdong-admin', displayName: 'Quản trị Lâm Đồng (demo)', agencyCode: '000.00.12.H68', roles: ['ADMIN'] },
  {
    username: 'muine',
    displayName: 'Công chức phường Mũi Né (demo)',
    agencyCode: '000.22918.H68',
    roles: ['RECEPTION_OFFICER', 'SPECIALIST'],
  },
];
