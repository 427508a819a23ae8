import type {
  BaseLevelVersion,
  PaymentCalendarRule,
  SocialAssistanceGroup,
} from 'src/modules/benefits/domain/rules.model';

/**
 * Social-assistance base levels (mức chuẩn trợ giúp xã hội), national scope. Sources: /work/shared DOMAIN.md
 * "Social assistance" and research §7.1. Province top-ups (e.g. Hà Nội 650,000, NQ 63/2025/NQ-HĐND) are added as
 * PROVINCE versions through the API: their dates were not sourced, so none is seeded.
 */
export const SOCIAL_ASSISTANCE_BASES: BaseLevelVersion[] = [
  {
    scheme: 'SOCIAL_ASSISTANCE',
    scope: 'NATIONAL',
    unitId: null,
    amount: 360_000,
    effectiveFrom: '2021-07-01',
    legalBasis: 'Nghị định 20/2021/NĐ-CP, Điều 4 khoản 2',
    unconfirmed: false,
  },
  {
    scheme: 'SOCIAL_ASSISTANCE',
    scope: 'NATIONAL',
    unitId: null,
    amount: 500_000,
    effectiveFrom: '2024-07-01',
    legalBasis: 'Nghị định 76/2024/NĐ-CP',
    unconfirmed: false,
    note: 'Amount from the brief and secondary sources (research §7.1 🟡); decree text not retrieved.',
  },
  {
    scheme: 'SOCIAL_ASSISTANCE',
    scope: 'NATIONAL',
    unitId: null,
    amount: 540_000,
    effectiveFrom: '2026-07-01',
    legalBasis: 'Nghị định 335/2026/NĐ-CP',
    unconfirmed: true,
    note: 'Single third-party source; in-force date given as 1/9/2026 or 5/10/2026. Verify before paying.',
  },
];

const ND20 = 'Nghị định 20/2021/NĐ-CP';

/** Decree 20/2021 art. 5 groups and art. 6 coefficients (codes shared with the registry's band codes). */
export const SOCIAL_ASSISTANCE_GROUPS: SocialAssistanceGroup[] = [
  {
    code: 'K1_UNDER_4',
    coefficientHundredths: 250,
    legalBasis: `${ND20}, Đ5 k1, Đ6 k1 a`,
    description: 'Trẻ em dưới 16 tuổi không có nguồn nuôi dưỡng – dưới 4 tuổi',
  },
  {
    code: 'K1_4_TO_16',
    coefficientHundredths: 150,
    legalBasis: `${ND20}, Đ5 k1, Đ6 k1 b`,
    description: 'Trẻ em không có nguồn nuôi dưỡng – từ đủ 4 tuổi',
  },
  {
    code: 'K2_16_TO_22_STUDYING',
    coefficientHundredths: 150,
    legalBasis: `${ND20}, Đ5 k2, Đ6 k1 b`,
    description: 'Người 16–22 tuổi đang học',
  },
  {
    code: 'K3_UNDER_4',
    coefficientHundredths: 250,
    legalBasis: `${ND20}, Đ5 k3, Đ6 k1 c`,
    description: 'Trẻ em nhiễm HIV thuộc hộ nghèo – dưới 4 tuổi',
  },
  {
    code: 'K3_4_TO_16',
    coefficientHundredths: 200,
    legalBasis: `${ND20}, Đ5 k3, Đ6 k1 c`,
    description: 'Trẻ em nhiễm HIV thuộc hộ nghèo – 4 đến dưới 16 tuổi',
  },
  {
    code: 'K4_SINGLE_PARENT',
    coefficientHundredths: 100,
    legalBasis: `${ND20}, Đ5 k4, Đ6 k1 d, Đ6 k2`,
    description: 'Người đơn thân nghèo đang nuôi con',
    perChild: true,
    exceptionRole: 'SINGLE_PARENT',
  },
  {
    code: 'K5A_60_TO_80',
    coefficientHundredths: 150,
    legalBasis: `${ND20}, Đ5 k5 a, Đ6 k1 đ`,
    description: 'Người cao tuổi hộ nghèo không có người phụng dưỡng – 60 đến 80 tuổi',
    exceptionRole: 'PARTNER',
  },
  {
    code: 'K5A_80_PLUS',
    coefficientHundredths: 200,
    legalBasis: `${ND20}, Đ5 k5 a, Đ6 k1 đ`,
    description: 'Người cao tuổi hộ nghèo không có người phụng dưỡng – từ 80 tuổi',
    exceptionRole: 'PARTNER',
  },
  {
    code: 'K5B_75_TO_80',
    coefficientHundredths: 100,
    legalBasis: `${ND20}, Đ5 k5 b, Đ6 k1 đ`,
    description: 'Người 75–80 tuổi hộ nghèo/cận nghèo ở xã đặc biệt khó khăn',
    exceptionRole: 'PARTNER',
  },
  {
    code: 'K5C_80_PLUS',
    coefficientHundredths: 100,
    legalBasis: `${ND20}, Đ5 k5 c, Đ6 k1 đ`,
    description: 'Người từ 80 tuổi không có lương hưu, trợ cấp BHXH',
    exceptionRole: 'PARTNER',
  },
  {
    code: 'K5D_COMMUNITY_CARE',
    coefficientHundredths: 300,
    legalBasis: `${ND20}, Đ5 k5 d, Đ6 k1 đ`,
    description: 'Người cao tuổi được nhận chăm sóc tại cộng đồng',
    exceptionRole: 'PARTNER',
  },
  {
    code: 'K6_ESPECIALLY_SEVERE',
    coefficientHundredths: 200,
    legalBasis: `${ND20}, Đ5 k6, Đ6 k1 e`,
    description: 'Người khuyết tật đặc biệt nặng',
    exceptionRole: 'PARTNER',
  },
  {
    code: 'K6_ESPECIALLY_SEVERE_CHILD_OR_ELDERLY',
    coefficientHundredths: 250,
    legalBasis: `${ND20}, Đ5 k6, Đ6 k1 e`,
    description: 'Trẻ em, người cao tuổi khuyết tật đặc biệt nặng',
    exceptionRole: 'PARTNER',
  },
  {
    code: 'K6_SEVERE',
    coefficientHundredths: 150,
    legalBasis: `${ND20}, Đ5 k6, Đ6 k1 e`,
    description: 'Người khuyết tật nặng',
    exceptionRole: 'PARTNER',
  },
  {
    code: 'K6_SEVERE_CHILD_OR_ELDERLY',
    coefficientHundredths: 200,
    legalBasis: `${ND20}, Đ5 k6, Đ6 k1 e`,
    description: 'Trẻ em, người cao tuổi khuyết tật nặng',
    exceptionRole: 'PARTNER',
  },
  {
    code: 'K7_UNDER_3',
    coefficientHundredths: 150,
    legalBasis: `${ND20}, Đ5 k7, Đ6 k1 g`,
    description: 'Trẻ em dưới 3 tuổi hộ nghèo/cận nghèo vùng đặc biệt khó khăn',
  },
  {
    code: 'K8_HIV_ADULT',
    coefficientHundredths: 150,
    legalBasis: `${ND20}, Đ5 k8, Đ6 k1 h`,
    description: 'Người nhiễm HIV thuộc hộ nghèo không có nguồn thu nhập ổn định',
    exceptionRole: 'PARTNER',
  },
];

export const PAYMENT_CALENDAR: PaymentCalendarRule = {
  listDueMonthOffset: -1,
  listDueDay: 25,
  reportDueMonthOffset: 0,
  reportDueDay: 20,
  suspendAfterUncollectedMonths: 3,
  legalBasis: `${ND20}, Điều 8, Điều 34; Thông tư 101/2018/TT-BTC, Điều 15`,
};
