import { existsSync } from 'node:fs';
import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import { DomainException } from 'src/common/errors/domain.exception';
import { DossierStoreService } from 'src/modules/dossiers/persistence/dossier-store.service';

/** Circular 03/2025 forms (~): 01 receipt & appointment, 02 supplement request, 03 refusal, 04 apology, 06 control slip. */
export const SLIP_KINDS = ['receipt', 'supplement-request', 'refusal', 'apology', 'process-control', 'withdrawal-notice'] as const;
export type SlipKind = (typeof SLIP_KINDS)[number];

export interface SlipData {
  kind: SlipKind;
  form: string;
  title: string;
  code: string;
  agency: string;
  applicantName: string;
  procedureCode: string;
  lines: Array<[string, string]>;
  table?: { head: string[]; rows: string[][] };
}

const FONT_CANDIDATES = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/TTF/DejaVuSans.ttf'];

interface Row {
  code: string;
  state: string;
  applicant_name: string;
  procedure_code: string;
  agency_name: string;
  submitted_at: Date;
  accepted_at: Date | null;
  due_date: string | null;
  original_due_date: string | null;
  refusal_reason: string | null;
  decision_reason: string | null;
  stopped_at: Date | null;
  received_by_name: string;
}

/** Slip data (for UIs and the portal) and the printable PDF of each slip. */
@Injectable()
export class DossierPdfService {
  private readonly font = FONT_CANDIDATES.find((f) => existsSync(f));

  constructor(private readonly store: DossierStoreService) {}

  async data(id: string, kind: SlipKind): Promise<SlipData> {
    const m = this.store.dataSource.manager;
    const d = await this.store.findScoped(m, id, await this.store.scope());
    const [row] = await m.query<Row[]>(
      `select d.code, d.state, d.applicant_name, d.procedure_code, a.name as agency_name, d.submitted_at, d.accepted_at,
              to_char(d.due_date, 'YYYY-MM-DD') as due_date, to_char(d.original_due_date, 'YYYY-MM-DD') as original_due_date,
              d.refusal_reason, d.decision_reason, d.stopped_at, d.received_by_name
       from dossiers d join agencies a on a.id = d.agency_id where d.id = $1`,
      [d.id],
    );
    const base = { kind, code: row.code, agency: row.agency_name, applicantName: row.applicant_name, procedureCode: row.procedure_code };
    switch (kind) {
      case 'receipt': {
        if (!row.accepted_at) throw new DomainException('DOSSIER_ILLEGAL_TRANSITION', 'The dossier has not been accepted');
        const docs = await m.query<Array<{ name: string; copies: number; form: string }>>(
          `select name, copies, form from dossier_documents where dossier_id = $1 and not as_supplement order by provided_at, id`,
          [d.id],
        );
        return {
          ...base,
          form: '01',
          title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
          lines: [
            ['Ngày tiếp nhận', row.accepted_at.toISOString().slice(0, 10)],
            ['Ngày hẹn trả kết quả', row.original_due_date ?? '—'],
            ['Người tiếp nhận', row.received_by_name],
          ],
          table: { head: ['Thành phần hồ sơ', 'Số lượng', 'Hình thức'], rows: docs.map((x) => [x.name, String(x.copies), x.form]) },
        };
      }
      case 'supplement-request':
      case 'refusal': {
        if (kind === 'refusal' && row.state !== 'REFUSED')
          throw new DomainException('DOSSIER_ILLEGAL_TRANSITION', 'The dossier was not refused');
        const [req] = await m.query<Array<{ missing: string[]; reason: string; requested_at: Date }>>(
          `select missing, reason, requested_at from dossier_supplement_requests where dossier_id = $1 order by requested_at desc limit 1`,
          [d.id],
        );
        if (kind === 'supplement-request') {
          if (!req) throw new DomainException('DOSSIER_ILLEGAL_TRANSITION', 'No supplement was requested');
          return {
            ...base,
            form: '02',
            title: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
            lines: [['Ngày yêu cầu', req.requested_at.toISOString().slice(0, 10)], ['Lý do', req.reason]],
            table: { head: ['Nội dung cần bổ sung'], rows: req.missing.map((x) => [x]) },
          };
        }
        return { ...base, form: '03', title: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', lines: [['Lý do', row.refusal_reason ?? '']] };
      }
      case 'apology': {
        const [a] = await m.query<Array<{ reason: string; previous_due_date: string; new_due_date: string; sent_on: string; signed_by: string }>>(
          `select reason, to_char(previous_due_date, 'YYYY-MM-DD') as previous_due_date, to_char(new_due_date, 'YYYY-MM-DD') as new_due_date,
                  to_char(sent_on, 'YYYY-MM-DD') as sent_on, signed_by from dossier_apologies where dossier_id = $1`,
          [d.id],
        );
        if (!a) throw new DomainException('NOT_FOUND', 'No apology letter for this dossier');
        return {
          ...base,
          form: '04',
          title: 'VĂN BẢN XIN LỖI',
          lines: [
            ['Ngày hẹn trước', a.previous_due_date],
            ['Lý do chậm', a.reason],
            ['Ngày hẹn mới', a.new_due_date],
            ['Ngày gửi', a.sent_on],
            ['Người ký', a.signed_by],
          ],
        };
      }
      case 'withdrawal-notice':
        if (row.state !== 'WITHDRAWN') throw new DomainException('DOSSIER_ILLEGAL_TRANSITION', 'The dossier was not withdrawn');
        return {
          ...base,
          form: '05',
          title: 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ',
          lines: [['Ngày dừng', row.stopped_at?.toISOString().slice(0, 10) ?? ''], ['Lý do', row.decision_reason ?? '']],
        };
      case 'process-control': {
        const rows = await m.query<Array<{ from_person: string; to_person: string | null; handed_at: Date; step_due_at: Date | null; step_outcome: string | null; note: string | null }>>(
          `select from_person, to_person, handed_at, step_due_at, step_outcome, note from dossier_handovers where dossier_id = $1 order by handed_at, id`,
          [d.id],
        );
        return {
          ...base,
          form: '06',
          title: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
          lines: [['Ngày hẹn trả kết quả', row.due_date ?? '—']],
          table: {
            head: ['Bên giao', 'Bên nhận', 'Thời gian giao', 'Hạn bước', 'Kết quả bước', 'Ghi chú'],
            rows: rows.map((r) => [
              r.from_person,
              r.to_person ?? '',
              r.handed_at.toISOString().slice(0, 16).replace('T', ' '),
              r.step_due_at ? r.step_due_at.toISOString().slice(0, 10) : '',
              r.step_outcome ?? '',
              r.note ?? '',
            ]),
          },
        };
      }
    }
  }

  async render(id: string, kind: SlipKind): Promise<Buffer> {
    const slip = await this.data(id, kind);
    return renderSlip(slip, this.font);
  }
}

export function renderSlip(slip: SlipData, font?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: slip.title, Subject: slip.code } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    if (font) doc.font(font);
    doc.fontSize(10).text(slip.agency, { align: 'left' }).text(`Mẫu số ${slip.form}`, { align: 'right' });
    doc.moveDown().fontSize(14).text(slip.title, { align: 'center' }).moveDown();
    doc.fontSize(11).text(`Mã hồ sơ: ${slip.code}`).text(`Người nộp: ${slip.applicantName}`).text(`Thủ tục: ${slip.procedureCode}`);
    for (const [k, v] of slip.lines) doc.text(`${k}: ${v}`);
    if (slip.table) {
      doc.moveDown().fontSize(10).text(slip.table.head.join(' | '));
      for (const r of slip.table.rows) doc.text(r.join(' | '));
    }
    doc.end();
  });
}
