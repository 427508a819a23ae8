/** Row problems of legacy-dossier files: code → [Vietnamese, English] (merged into ROW_MESSAGES). */
export const LEGACY_DOSSIER_ROW_MESSAGES: Record<string, [string, string]> = {
  LEGACY_CODE_INVALID: [
    'Mã hồ sơ không hợp lệ (tối đa 40 ký tự: chữ, số, . _ / -)',
    'The dossier code is not valid (up to 40 letters, digits, . _ / -)',
  ],
  CHANNEL_INVALID: ['Kênh nộp phải là Trực tiếp, Trực tuyến hoặc Bưu chính', 'The channel must be direct, online or postal'],
  LEGACY_STATUS_INVALID: [
    'Trạng thái không hợp lệ (Trước hạn, Đúng hạn, Trễ hạn, Trả lại, Rút hồ sơ, Đang giải quyết)',
    'The status is not recognised (early, on time, late, returned, withdrawn, in progress)',
  ],
  DECIDED_WHILE_IN_PROGRESS: ['Hồ sơ đang giải quyết không có ngày kết quả', 'A dossier in progress has no result date'],
  DECIDED_BEFORE_RECEIVED: ['Ngày có kết quả trước ngày tiếp nhận', 'The result date is before the received date'],
  DUE_BEFORE_RECEIVED: ['Ngày hẹn trả trước ngày tiếp nhận', 'The due date is before the received date'],
  RETURNED_WITHOUT_RESULT: [
    'Chỉ hồ sơ đã giải quyết mới có ngày trả kết quả',
    'Only a resolved dossier has a result hand-over date',
  ],
  RETURNED_BEFORE_DECIDED: ['Ngày trả kết quả trước ngày có kết quả', 'The hand-over date is before the result date'],
  PROCEDURE_UNKNOWN: ['Không có thủ tục hành chính với mã này', 'No procedure has this code'],
  PROCEDURE_NOT_IN_FORCE: [
    'Không có phiên bản thủ tục có hiệu lực tại ngày tiếp nhận',
    'No version of the procedure was in force on the received date',
  ],
  DUE_DATE_MISSING: [
    'Thủ tục không quy định thời hạn giải quyết; cần điền Ngày hẹn trả',
    'The procedure has no time limit; give the due date',
  ],
  OUTCOME_MISMATCH: [
    'Trạng thái (trước hạn / đúng hạn / trễ hạn) không khớp ngày có kết quả so với ngày hẹn trả',
    'The status (early / on time / late) does not match the result date against the due date',
  ],
  LEGACY_CONFLICT: [
    'Mã hồ sơ đã được nhập trước đây với dữ liệu khác; hồ sơ cũ đã nhập không được sửa',
    'This dossier code was imported before with other data; imported legacy dossiers are not changed',
  ],
  AGENCY_UNKNOWN: ['Không có cơ quan với mã này', 'No agency has this code'],
};
