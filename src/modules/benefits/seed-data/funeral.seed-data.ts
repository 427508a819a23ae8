import type { FuneralRule, StatutoryBaseSalaryVersion } from 'src/modules/benefits/domain/rules.model';

/**
 * The statutory base salary (mức lương cơ sở), national. Not in /work/shared DOMAIN.md: values and dates from the
 * department's brief, flagged unconfirmed until checked against the decrees. Add a version with one row
 * (`benefit_statutory_base_salaries`); nothing is in code.
 */
export const STATUTORY_BASE_SALARIES: StatutoryBaseSalaryVersion[] = [
  {
    amount: 1_490_000,
    effectiveFrom: '2019-07-01',
    legalBasis: 'Nghị định 38/2019/NĐ-CP',
    unconfirmed: true,
    note: 'Not in DOMAIN.md: from the brief, verify against the decree.',
  },
  {
    amount: 1_800_000,
    effectiveFrom: '2023-07-01',
    legalBasis: 'Nghị định 24/2023/NĐ-CP',
    unconfirmed: true,
    note: 'Not in DOMAIN.md: from the brief, verify against the decree.',
  },
  {
    amount: 2_340_000,
    effectiveFrom: '2024-07-01',
    legalBasis: 'Nghị định 73/2024/NĐ-CP',
    unconfirmed: true,
    note: 'Not in DOMAIN.md: from the brief, verify against the decree.',
  },
];

/**
 * Funeral support (mai táng phí / hỗ trợ chi phí mai táng) per scheme, versioned, with the base each multiplies.
 * - Social assistance: at least 20 × the social-assistance base (Decree 20/2021 art. 11 k2; DOMAIN.md).
 * - People with meritorious service: whoever organises the funeral receives the social-insurance funeral allowance,
 *   10 × the statutory base salary (Ordinance 02/2020/UBTVQH14; Decree 131/2021/NĐ-CP). Not in DOMAIN.md: unconfirmed.
 *   Effective date: Decree 131/2021 was signed on 30/12/2021, so it cannot have taken effect on 15/12/2021 (the date
 *   in the brief); it took effect on 15/02/2022 (to be confirmed). The rule starts on that date, the earliest on which
 *   both texts it cites are certainly in force (the Ordinance from 01/07/2021): a death before it records
 *   NO_FUNERAL_RULE for an officer to decide under the texts then in force, rather than a payment on a guessed basis.
 */
export const FUNERAL_RULES: FuneralRule[] = [
  {
    scheme: 'SOCIAL_ASSISTANCE',
    multipleHundredths: 2000,
    baseKind: 'SOCIAL_ASSISTANCE_BASE',
    effectiveFrom: '2021-07-01',
    legalBasis: 'Nghị định 20/2021/NĐ-CP, Điều 11 khoản 2 (tối thiểu 20 lần mức chuẩn)',
    unconfirmed: false,
  },
  {
    scheme: 'MERIT',
    multipleHundredths: 1000,
    baseKind: 'STATUTORY_BASE_SALARY',
    effectiveFrom: '2022-02-15',
    legalBasis:
      'Pháp lệnh 02/2020/UBTVQH14; Nghị định 131/2021/NĐ-CP (mai táng phí bằng mức trợ cấp mai táng của bảo hiểm xã hội: 10 lần mức lương cơ sở)',
    unconfirmed: true,
    note: 'Not in DOMAIN.md. Effective date = Decree 131/2021 effect date 2022-02-15 (the brief said 2021-12-15, before the decree was signed on 2021-12-30); verify.',
  },
];
