/**
 * Row messages of the registry status targets (poverty reviews, meritorious profiles, social-protection subjects):
 * code → [Vietnamese, English]. Merged into ROW_MESSAGES.
 */
export const STATUS_ROW_MESSAGES: Record<string, [string, string]> = {
  NUMBER_INVALID: ['Số không hợp lệ', 'Not a valid number'],
  BOOLEAN_INVALID: ['Giá trị phải là "Có" hoặc "Không"', 'The value must be "Có" (yes) or "Không" (no)'],
  PERSON_IDENTITY_REQUIRED: [
    'Cần số CCCD, hoặc mã hộ cùng họ tên và năm sinh',
    'A citizen ID, or the household code with the name and birth year, is required',
  ],
  PERSON_NOT_FOUND: [
    'Không tìm thấy người này trong cơ sở dữ liệu; nhập nhân khẩu trước',
    'No such person in the registry; import the people first',
  ],
  PERSON_MISMATCH: [
    'Họ tên khác với người có số CCCD này trong cơ sở dữ liệu',
    'The name differs from the registry person with this citizen ID',
  ],
  PERSON_DECEASED: ['Người này đã chết trước ngày hưởng', 'The person died before the start date'],
  HOUSEHOLD_NOT_FOUND: [
    'Không tìm thấy hộ trong cơ sở dữ liệu; nhập hộ gia đình trước',
    'No such household in the registry; import the households first',
  ],
  YEAR_INVALID: ['Năm rà soát không hợp lệ (2016–2100)', 'The review year is not valid (2016–2100)'],
  REVIEW_TYPE_INVALID: [
    'Loại rà soát phải là "Định kỳ hằng năm" hoặc "Thường xuyên"',
    'The review type must be annual or regular',
  ],
  AREA_INVALID: ['Khu vực phải là "Nông thôn" hoặc "Thành thị"', 'The area must be rural or urban'],
  INDICATOR_UNKNOWN: [
    'Chỉ số thiếu hụt không thuộc chuẩn nghèo của năm rà soát',
    'The deprivation indicator is not part of the poverty standard of the review year',
  ],
  CLASSIFICATION_INVALID: [
    'Phân loại phải là Hộ nghèo, Hộ cận nghèo, Hộ có mức sống trung bình hoặc Không nghèo',
    'The class must be poor, near-poor, average living standard or not poor',
  ],
  CLASSIFICATION_MISMATCH: [
    'Phân loại không khớp với kết quả tính theo chuẩn nghèo',
    'The class differs from the result of the poverty standard',
  ],
  STANDARD_MISMATCH: [
    'Chuẩn nghèo không phải chuẩn áp dụng cho năm rà soát',
    'The standard is not the one in force for the review year',
  ],
  STANDARD_MISSING: ['Không có chuẩn nghèo cho năm rà soát', 'No poverty standard covers the review year'],
  CATEGORY_INVALID: ['Diện người có công không hợp lệ', 'The meritorious-service category is not recognised'],
  INJURY_RATE_INVALID: [
    'Tỷ lệ tổn thương cơ thể không hợp lệ cho diện này (thương binh ≥ 21%, bệnh binh ≥ 41%)',
    'The injury rate is not valid for this category (war invalid ≥ 21%, sick soldier ≥ 41%)',
  ],
  RELATIVE_INCOMPLETE: [
    'Thân nhân cần cả số CCCD và quan hệ',
    'A relative needs both the citizen ID and the relationship',
  ],
  BASIS_INVALID: [
    'Nhóm đối tượng không thuộc Điều 5 Nghị định 20/2021/NĐ-CP',
    'The group is not one of Decree 20/2021 art. 5',
  ],
  DISABILITY_LEVEL_INVALID: [
    'Mức độ khuyết tật phải là "Nặng" hoặc "Đặc biệt nặng"',
    'The disability level must be severe or especially severe',
  ],
  SOCIAL_PROTECTION_PROFILE_INVALID: [
    'Hồ sơ đối tượng không hưởng nhóm nào vào ngày hưởng',
    'The subject profile gives no payable group on the start date',
  ],
  STATUS_CONFLICT: [
    'Đã có quyết định khác có hiệu lực từ ngày này trở về sau; cần xử lý thủ công',
    'Another decision is in force from this date on; resolve it by hand',
  ],
};
