/** One procedure of the inter-level death-registration group, as the benefits trigger uses it. */
export interface DeathRegistrationProcedure {
  /** The catalog code (national code, or the dataset id when the source printed none). */
  procedureCode: string;
  /** Whether a resolved dossier grants the department's funeral support (mai táng phí / hỗ trợ chi phí mai táng). */
  grantsFuneral: boolean;
  label: string;
  source: string;
}

/**
 * The liên thông group "đăng ký khai tử – xóa đăng ký thường trú – trợ cấp mai táng / hỗ trợ chi phí mai táng, tử
 * tuất" of shared/data/procedures-sector.json (the records the procedures seed files under LIEN_THONG_KHAI_TU_MAI_TANG;
 * a unit test keeps both lists equal). The social-insurance variant is paid by BHXH: its dossiers record the death
 * (registry cascade, entitlements end) but grant no funeral support here. Departments edit the table, not code.
 */
export const DEATH_REGISTRATION_PROCEDURES: DeathRegistrationProcedure[] = [
  {
    procedureCode: 'LDXH-057',
    grantsFuneral: true,
    label: 'Liên thông khai tử, xóa thường trú, trợ cấp mai táng, tử tuất – nhóm Người có công',
    source: 'QĐ 296/QĐ-VPCP (2024); procedures-sector.json ldxh-057',
  },
  {
    procedureCode: 'LDXH-058',
    grantsFuneral: true,
    label: 'Liên thông khai tử, xóa thường trú, hỗ trợ chi phí mai táng – nhóm Bảo trợ xã hội',
    source: 'QĐ 296/QĐ-VPCP (2024); procedures-sector.json ldxh-058',
  },
  {
    procedureCode: 'LDXH-059',
    grantsFuneral: false,
    label: 'Liên thông khai tử, xóa thường trú, trợ cấp mai táng, tử tuất – đối tượng do BHXH giải quyết',
    source: 'QĐ 296/QĐ-VPCP (2024); procedures-sector.json ldxh-059',
  },
  {
    procedureCode: '1.011537',
    grantsFuneral: true,
    label: 'Liên thông: đăng ký khai tử, xóa đăng ký thường trú, trợ cấp mai táng, hỗ trợ chi phí mai táng',
    source: 'procedures-sector.json ldxh-060 (UBND xã Vĩnh Tú, Quảng Trị)',
  },
  {
    procedureCode: '1.010915',
    grantsFuneral: true,
    label: 'Đăng ký khai tử, hưởng chế độ tử tuất / hỗ trợ chi phí mai táng / hưởng mai táng phí (nhóm cũ)',
    source: 'QĐ 1380/QĐ-TTg (2018); procedures-sector.json ldxh-061',
  },
];
