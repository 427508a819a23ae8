/** Every kind of notification the service sends. */
export const NOTIFICATION_KINDS = [
  'REMINDER_BEFORE_DUE',
  'REMINDER_DUE_DAY',
  'REMINDER_OVERDUE',
  'ESCALATION_OVERDUE',
  'DOSSIER_PAUSED',
  'DOSSIER_RESUMED',
  'DOSSIER_READY',
  'DOSSIER_LATE',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const CHANNELS = ['INBOX', 'EMAIL', 'SMS', 'WEBHOOK'] as const;
export type ChannelName = (typeof CHANNELS)[number];

export interface NotificationTemplate {
  /** Inbox title and email subject. */
  title: string;
  /** Inbox and email body. */
  body: string;
  /** SMS text: short, no diacritics needed by the gateway but kept here (gateways accept Unicode). */
  sms: string;
  /** Event type in webhook payloads. */
  webhookEvent: string;
  /** Channels tried, each only when the recipient has an address for it. */
  channels: ChannelName[];
}

const OFFICER: ChannelName[] = ['INBOX', 'EMAIL', 'SMS'];
const APPLICANT: ChannelName[] = ['EMAIL', 'SMS', 'WEBHOOK'];

/** Vietnamese templates, `{{placeholder}}` substituted by `render`. Dates (`...Date` keys) are shown dd/mm/yyyy. */
export const TEMPLATES: Record<NotificationKind, NotificationTemplate> = {
  REMINDER_BEFORE_DUE: {
    title: 'Nhắc việc: hồ sơ {{dossierCode}} sắp đến hạn',
    body: 'Bước "{{stepName}}" của hồ sơ {{dossierCode}} đến hạn xử lý ngày {{dueDate}}. Đề nghị đồng chí hoàn thành đúng hạn.',
    sms: 'An Sinh: Ho so {{dossierCode}} (buoc {{stepName}}) den han ngay {{dueDate}}.',
    webhookEvent: 'reminder.before_due',
    channels: OFFICER,
  },
  REMINDER_DUE_DAY: {
    title: 'Nhắc việc: hồ sơ {{dossierCode}} đến hạn hôm nay',
    body: 'Bước "{{stepName}}" của hồ sơ {{dossierCode}} đến hạn xử lý hôm nay ({{dueDate}}).',
    sms: 'An Sinh: Ho so {{dossierCode}} (buoc {{stepName}}) den han hom nay {{dueDate}}.',
    webhookEvent: 'reminder.due_day',
    channels: OFFICER,
  },
  REMINDER_OVERDUE: {
    title: 'Quá hạn: hồ sơ {{dossierCode}}',
    body: 'Bước "{{stepName}}" của hồ sơ {{dossierCode}} đã quá hạn xử lý (hạn {{dueDate}}). Đề nghị xử lý ngay và lập văn bản xin lỗi nếu cần.',
    sms: 'An Sinh: Ho so {{dossierCode}} (buoc {{stepName}}) da qua han {{dueDate}}.',
    webhookEvent: 'reminder.overdue',
    channels: OFFICER,
  },
  ESCALATION_OVERDUE: {
    title: 'Báo cáo lãnh đạo: hồ sơ {{dossierCode}} quá hạn',
    body: 'Bước "{{stepName}}" của hồ sơ {{dossierCode}} do {{assigneeName}} xử lý đã quá hạn (hạn {{dueDate}}). Đề nghị lãnh đạo đơn vị chỉ đạo xử lý.',
    sms: 'An Sinh: Ho so {{dossierCode}} qua han {{dueDate}}, can lanh dao chi dao.',
    webhookEvent: 'reminder.escalated',
    channels: OFFICER,
  },
  DOSSIER_PAUSED: {
    title: 'Hồ sơ {{dossierCode}} tạm dừng giải quyết',
    body: 'Kính gửi {{applicantName}}, hồ sơ {{dossierCode}} tạm dừng giải quyết từ ngày {{pausedDate}}. Lý do: {{reason}}.',
    sms: 'Ho so {{dossierCode}} tam dung tu {{pausedDate}}: {{reason}}.',
    webhookEvent: 'dossier.paused',
    channels: APPLICANT,
  },
  DOSSIER_RESUMED: {
    title: 'Hồ sơ {{dossierCode}} tiếp tục giải quyết',
    body: 'Kính gửi {{applicantName}}, hồ sơ {{dossierCode}} được tiếp tục giải quyết. Ngày hẹn trả kết quả mới: {{dueDate}}.',
    sms: 'Ho so {{dossierCode}} tiep tuc giai quyet, hen tra ket qua {{dueDate}}.',
    webhookEvent: 'dossier.resumed',
    channels: APPLICANT,
  },
  DOSSIER_READY: {
    title: 'Hồ sơ {{dossierCode}} đã có kết quả',
    body: 'Kính gửi {{applicantName}}, hồ sơ {{dossierCode}} đã có kết quả. Mời Ông/Bà nhận kết quả theo hình thức đã đăng ký.',
    sms: 'Ho so {{dossierCode}} da co ket qua. Moi Ong/Ba nhan ket qua.',
    webhookEvent: 'dossier.ready',
    channels: APPLICANT,
  },
  DOSSIER_LATE: {
    title: 'Thư xin lỗi: hồ sơ {{dossierCode}} chậm trả kết quả',
    body: 'Kính gửi {{applicantName}}, cơ quan giải quyết thành thật xin lỗi vì hồ sơ {{dossierCode}} chưa có kết quả đúng hẹn ngày {{previousDueDate}}. Ngày hẹn trả kết quả mới: {{newDueDate}}.',
    sms: 'Xin loi: ho so {{dossierCode}} cham tra ket qua. Hen moi: {{newDueDate}}.',
    webhookEvent: 'dossier.late',
    channels: APPLICANT,
  },
};

const PLACEHOLDER = /\{\{([a-zA-Z][a-zA-Z0-9]*)\}\}/g;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

function show(key: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (value instanceof Date) text = value.toISOString();
  else if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else text = JSON.stringify(value);
  const iso = key.endsWith('Date') ? ISO_DATE.exec(text) : null;
  return iso ? `${iso[3]}/${iso[2]}/${iso[1]}` : text;
}

/** Substitutes `{{name}}` placeholders; returns the text and the names that had no value. */
export function render(template: string, data: Record<string, unknown>): { text: string; missing: string[] } {
  const missing: string[] = [];
  const text = template.replace(PLACEHOLDER, (_, name: string) => {
    if (data[name] === undefined || data[name] === null) missing.push(name);
    return show(name, data[name]);
  });
  return { text, missing };
}

/** Placeholders a template uses (all its texts). */
export function placeholders(template: NotificationTemplate): string[] {
  const all = [template.title, template.body, template.sms].join(' ');
  return [...new Set([...all.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}
