import { NOTIFICATION_KINDS, TEMPLATES, placeholders, render } from 'src/modules/notifications/templates';

describe('notification templates', () => {
  it('renders placeholders and shows ...Date values as dd/mm/yyyy', () => {
    const { text, missing } = render(TEMPLATES.DOSSIER_LATE.body, {
      applicantName: 'Nguyễn Văn A',
      dossierCode: '000.00.12.H56-261123-0001',
      previousDueDate: '2026-11-20',
      newDueDate: '2026-11-27',
    });
    expect(text).toContain('Kính gửi Nguyễn Văn A');
    expect(text).toContain('đúng hẹn ngày 20/11/2026');
    expect(text).toContain('Ngày hẹn trả kết quả mới: 27/11/2026');
    expect(missing).toEqual([]);
  });

  it('reports placeholders without a value instead of printing "undefined"', () => {
    const { text, missing } = render('Hồ sơ {{dossierCode}} – {{stepName}}', { dossierCode: 'X' });
    expect(text).toBe('Hồ sơ X – ');
    expect(missing).toEqual(['stepName']);
  });

  it('every kind has a Vietnamese template whose placeholders are all named', () => {
    for (const kind of NOTIFICATION_KINDS) {
      expect(TEMPLATES[kind].title.length).toBeGreaterThan(5);
      expect(placeholders(TEMPLATES[kind])).toContain('dossierCode');
    }
  });
});
