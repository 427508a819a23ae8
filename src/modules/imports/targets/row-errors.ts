import { LEGACY_DOSSIER_ROW_MESSAGES } from 'src/modules/imports/targets/legacy-dossier-messages';
import { STATUS_ROW_MESSAGES } from 'src/modules/imports/targets/status-row-messages';

/** One problem with one cell of the file, in the officer's language and in English. */
export interface RowError {
  row: number;
  column: string;
  value: string | null;
  code: string;
  vi: string;
  en: string;
}

/** The catalogue of row-level problems: code → [Vietnamese, English]. */
export const ROW_MESSAGES: Record<string, [string, string]> = {
  REQUIRED: ['Thiếu giá trị bắt buộc', 'A value is required'],
  TOO_LONG: ['Giá trị quá dài', 'The value is too long'],
  TEXT_BROKEN: ['Văn bản chứa ký tự lỗi (sai bảng mã)', 'The text contains broken characters (wrong encoding)'],
  DATE_INVALID: ['Ngày không hợp lệ (dùng dd/mm/yyyy)', 'Not a valid date (use dd/mm/yyyy)'],
  DATE_OUT_OF_RANGE: ['Ngày nằm ngoài khoảng cho phép', 'The date is out of the accepted range'],
  GENDER_INVALID: ['Giới tính phải là "Nam" hoặc "Nữ"', 'Gender must be "Nam" or "Nữ"'],
  CCCD_SCIENTIFIC: [
    'Số CCCD bị Excel đổi sang dạng số mũ; định dạng cột là Văn bản rồi nhập lại',
    'The ID number was turned into scientific notation by Excel; format the column as text and re-enter it',
  ],
  CCCD_INVALID: ['Số CCCD không hợp lệ', 'The citizen ID number is not valid'],
  PHONE_INVALID: ['Số điện thoại không hợp lệ', 'The phone number is not valid'],
  UNIT_CODE_INVALID: ['Mã đơn vị hành chính không hợp lệ', 'The administrative-unit code is malformed'],
  UNIT_UNKNOWN: ['Không có đơn vị hành chính với mã này', 'No administrative unit has this code'],
  UNIT_OUT_OF_SCOPE: ['Đơn vị hành chính ngoài phạm vi quản lý của bạn', 'The unit is outside your scope'],
  HOUSEHOLD_CODE_INVALID: ['Mã hộ không hợp lệ', 'The household code is malformed'],
  RELATIONSHIP_INVALID: ['Quan hệ với chủ hộ không hợp lệ', 'The relationship to the head is not recognised'],
  DUPLICATE_IN_FILE: ['Trùng với một dòng khác trong tệp', 'Duplicates another row of the file'],
  AMBIGUOUS_MATCH: [
    'Dòng khớp với nhiều hơn một hồ sơ hiện có; cần xử lý thủ công',
    'The row matches more than one existing record; resolve it by hand',
  ],
  SAME_PERSON_TWICE: [
    'Một dòng khác trong tệp cũng khớp với người này',
    'Another row of the file matches the same person',
  ],
  HEAD_CONFLICT: ['Hộ đã có chủ hộ khác', 'The household already has a different head'],
  HEAD_TWICE: ['Tệp khai hai chủ hộ cho cùng một hộ', 'The file names two heads for the same household'],
  MEMBERSHIP_OVERLAP: [
    'Người này đã thuộc một hộ trong khoảng thời gian này',
    'The person already belongs to a household in this period',
  ],
  BIRTH_CONFLICT: ['Năm sinh khác với ngày sinh', 'The birth year differs from the birth date'],
  NAME_INVALID: ['Họ tên không hợp lệ', 'The name is not valid'],
  ROW_TOO_WIDE: ['Dòng có nhiều ô hơn tiêu đề', 'The row has more cells than the header'],
  ...STATUS_ROW_MESSAGES,
  ...LEGACY_DOSSIER_ROW_MESSAGES,
};

export function rowError(row: number, column: string, value: string | null, code: string, detail?: string): RowError {
  const [vi, en] = ROW_MESSAGES[code] ?? [code, code];
  return {
    row,
    column,
    value: value === null ? null : value.slice(0, 500),
    code,
    vi: detail ? `${vi} (${detail})` : vi,
    en: detail ? `${en} (${detail})` : en,
  };
}
