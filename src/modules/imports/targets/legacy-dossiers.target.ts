import type { Channel } from 'src/modules/dossiers/domain/portal-codes';
import type { LegacyOutcome } from 'src/modules/dossiers/legacy/legacy-dossier-records.service';
import type {
  ImportTargetDefinition,
  RawRow,
  TemplateColumn,
  ValidatedRow,
} from 'src/modules/imports/targets/import-target-definition';
import {
  classifyLegacyDossiers,
  LEGACY_DOSSIERS_STAGING,
  mergeLegacyDossiersChunk,
} from 'src/modules/imports/targets/legacy-dossiers-sql';
import { RowReader } from 'src/modules/imports/targets/row-reader';

export type LegacyDossierColumn =
  | 'legacy_code'
  | 'procedure_code'
  | 'agency_code'
  | 'unit_code'
  | 'channel'
  | 'status'
  | 'received_on'
  | 'due_on'
  | 'decided_on'
  | 'returned_on'
  | 'applicant_name';

const COLUMNS: Array<TemplateColumn<LegacyDossierColumn>> = [
  { key: 'legacy_code', header: 'Mã hồ sơ (hệ thống cũ)', en: 'Dossier code in the old system', aliases: ['ma ho so (he thong cu)', 'ma ho so', 'so ho so', 'legacy code', 'dossier code'], example: '000.00.12.H56-240315-0001' },
  { key: 'procedure_code', header: 'Mã thủ tục', en: 'Procedure code', aliases: ['ma thu tuc', 'ma tthc', 'procedure code'], example: '1.001776' },
  { key: 'agency_code', header: 'Mã cơ quan tiếp nhận', en: 'Receiving agency code', aliases: ['ma co quan tiep nhan', 'ma co quan', 'co quan tiep nhan', 'agency code'], example: 'UBND.X.12345' },
  { key: 'unit_code', header: 'Mã đơn vị hành chính', en: 'Administrative unit code (either era)', aliases: ['ma don vi hanh chinh', 'ma dvhc', 'unit code'], example: '16279' },
  { key: 'channel', header: 'Kênh nộp', en: 'Channel', aliases: ['kenh nop', 'hinh thuc nop', 'kenh', 'channel'], example: 'Trực tiếp' },
  { key: 'status', header: 'Trạng thái', en: 'Final status', aliases: ['trang thai', 'ket qua xu ly', 'status'], example: 'Trước hạn' },
  { key: 'received_on', header: 'Ngày tiếp nhận', en: 'Received on', aliases: ['ngay tiep nhan', 'ngay nhan', 'received on'], example: '15/03/2024' },
  { key: 'due_on', header: 'Ngày hẹn trả', en: 'Due date', aliases: ['ngay hen tra', 'han giai quyet', 'han xu ly', 'due date'], example: '' },
  { key: 'decided_on', header: 'Ngày có kết quả', en: 'Decided / returned / withdrawn on', aliases: ['ngay co ket qua', 'ngay giai quyet', 'ngay xu ly xong', 'decided on'], example: '22/03/2024' },
  { key: 'returned_on', header: 'Ngày trả kết quả', en: 'Result handed over on', aliases: ['ngay tra ket qua', 'ngay tra', 'returned on'], example: '25/03/2024' },
  { key: 'applicant_name', header: 'Tên người nộp', en: 'Applicant', aliases: ['ten nguoi nop', 'nguoi nop', 'chu ho so', 'applicant'], example: 'Nguyễn Văn An' },
];

const REQUIRED: LegacyDossierColumn[] = ['legacy_code', 'procedure_code', 'agency_code', 'unit_code', 'channel', 'status', 'received_on'];

const CHANNELS: Record<string, Channel> = {
  'truc tiep': 'DIRECT',
  'tai bo phan mot cua': 'DIRECT',
  direct: 'DIRECT',
  'truc tuyen': 'ONLINE',
  online: 'ONLINE',
  'dich vu cong truc tuyen': 'ONLINE',
  'buu chinh': 'POSTAL',
  'buu chinh cong ich': 'POSTAL',
  'qua buu chinh': 'POSTAL',
  postal: 'POSTAL',
};

const OUTCOMES: Record<string, LegacyOutcome> = {
  'truoc han': 'EARLY',
  'da giai quyet truoc han': 'EARLY',
  early: 'EARLY',
  'dung han': 'ON_TIME',
  'da giai quyet dung han': 'ON_TIME',
  'on time': 'ON_TIME',
  'tre han': 'LATE',
  'qua han': 'LATE',
  'da giai quyet qua han': 'LATE',
  late: 'LATE',
  'tra lai': 'RETURNED',
  'tra lai ho so': 'RETURNED',
  'khong du dieu kien': 'RETURNED',
  returned: 'RETURNED',
  'rut ho so': 'WITHDRAWN',
  'cong dan rut ho so': 'WITHDRAWN',
  withdrawn: 'WITHDRAWN',
  'dang giai quyet': 'IN_PROGRESS',
  'dang xu ly': 'IN_PROGRESS',
  'in progress': 'IN_PROGRESS',
};

const LEGACY_CODE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/;
const UNIT_CODE = /^[0-9]{2,5}$/;

function validateRow(row: RawRow<LegacyDossierColumn>): ValidatedRow {
  const r = new RowReader(row, REQUIRED);
  const legacyRaw = r.raw('legacy_code');
  const legacyCode = legacyRaw === null ? null : LEGACY_CODE.test(legacyRaw) ? legacyRaw : r.err('legacy_code', 'LEGACY_CODE_INVALID');
  const procedureCode = r.text('procedure_code', 60)?.toUpperCase() ?? null;
  const agencyCode = r.text('agency_code', 35)?.toUpperCase() ?? null;
  const unitRaw = r.raw('unit_code');
  const unitCode = unitRaw === null ? null : UNIT_CODE.test(unitRaw) ? unitRaw : r.err('unit_code', 'UNIT_CODE_INVALID');
  const channel = r.oneOf('channel', CHANNELS, 'CHANNEL_INVALID');
  const outcome = r.oneOf('status', OUTCOMES, 'LEGACY_STATUS_INVALID');
  const receivedOn = r.date('received_on');
  const dueOn = r.date('due_on');
  const decidedOn = r.date('decided_on');
  const returnedOn = r.date('returned_on');
  const applicant = r.text('applicant_name', 300);
  if (outcome === 'IN_PROGRESS') {
    if (decidedOn) r.err('decided_on', 'DECIDED_WHILE_IN_PROGRESS');
    if (returnedOn) r.err('returned_on', 'DECIDED_WHILE_IN_PROGRESS');
  } else if (outcome !== null && !r.has('decided_on')) r.err('decided_on', 'REQUIRED');
  if (receivedOn && decidedOn && decidedOn < receivedOn) r.err('decided_on', 'DECIDED_BEFORE_RECEIVED');
  if (receivedOn && dueOn && dueOn < receivedOn) r.err('due_on', 'DUE_BEFORE_RECEIVED');
  if (returnedOn && outcome !== 'EARLY' && outcome !== 'ON_TIME' && outcome !== 'LATE' && outcome !== 'IN_PROGRESS')
    r.err('returned_on', 'RETURNED_WITHOUT_RESULT');
  if (returnedOn && decidedOn && returnedOn < decidedOn) r.err('returned_on', 'RETURNED_BEFORE_DECIDED');
  const staged = [
    row.importId,
    row.rowNo,
    r.rejected,
    legacyCode,
    procedureCode,
    agencyCode,
    unitCode,
    channel,
    outcome,
    receivedOn,
    dueOn,
    decidedOn,
    returnedOn,
    applicant,
  ];
  return { staged, errors: r.errors, groupKey: null };
}

/**
 * Legacy dossiers (hồ sơ từ phần mềm một cửa cũ): history for the reports. Each row is recorded by the dossier
 * module's LegacyDossierRecordsService, bound to the procedure version in force on the received date, with the unit
 * of the time (pre-2025 codes stay pre-2025 units), keyed by agency + legacy code: a re-import changes nothing and a
 * known code with other data is a row error (legacy records are never rewritten). No events, webhooks or reminders.
 */
export const LEGACY_DOSSIERS_TARGET: ImportTargetDefinition<'LEGACY_DOSSIERS', LegacyDossierColumn> = {
  code: 'LEGACY_DOSSIERS',
  labelVi: 'Hồ sơ thủ tục hành chính từ phần mềm một cửa cũ',
  labelEn: 'Legacy dossiers from older one-stop software',
  columns: COLUMNS,
  requiredColumns: REQUIRED,
  templateNotes: [
    'Mỗi hồ sơ một dòng; Mã hồ sơ (hệ thống cũ) là duy nhất trong mỗi cơ quan tiếp nhận. Nhập lại cùng tệp không thay đổi dữ liệu.',
    'Mã đơn vị hành chính: mã của đơn vị tại thời điểm tiếp nhận (hồ sơ trước 01/7/2025 dùng mã đơn vị cũ).',
    'Kênh nộp: Trực tiếp / Trực tuyến / Bưu chính. Trạng thái: Trước hạn / Đúng hạn / Trễ hạn / Trả lại / Rút hồ sơ / Đang giải quyết.',
    'Ngày: dd/mm/yyyy. Ngày có kết quả: ngày quyết định (hoặc ngày trả lại, ngày rút hồ sơ); để trống khi đang giải quyết.',
    'Ngày hẹn trả: để trống thì tính theo thời hạn của thủ tục (ngày làm việc) có hiệu lực tại ngày tiếp nhận.',
  ],
  roles: ['DATA_OFFICER', 'ADMIN'],
  staging: {
    table: LEGACY_DOSSIERS_STAGING,
    copyColumns: [
      'import_id',
      'row_no',
      'rejected',
      'legacy_code',
      'procedure_code',
      'agency_code',
      'unit_code',
      'channel',
      'outcome',
      'received_on',
      'due_on',
      'decided_on',
      'returned_on',
      'applicant_name',
    ],
  },
  rowValidator: () => Promise.resolve((row) => validateRow(row)),
  classify: classifyLegacyDossiers,
  mergeChunk: mergeLegacyDossiersChunk,
};
