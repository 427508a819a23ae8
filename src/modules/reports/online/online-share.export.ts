import type { ReportTable } from 'src/modules/reports/common/report-table';
import { exportFilters } from 'src/modules/reports/filters/filter-echo';
import type { OnlineShareReport } from 'src/modules/reports/online/online-share.service';

/** Online share: one row per procedure offered fully online, the fully-online subtotal, the total over all procedures. */
export function onlineShareTable(r: OnlineShareReport): ReportTable {
  return {
    title: 'Tỷ lệ hồ sơ tiếp nhận trực tuyến',
    sheetName: 'Hồ sơ trực tuyến',
    period: { from: r.filter.from, to: r.filter.to },
    filters: exportFilters(r.filter),
    columns: [
      { key: 'procedure', heading: 'Thủ tục hành chính (dịch vụ công trực tuyến toàn trình)', name: 'Procedure', kind: 'text', width: 60 },
      { key: 'code', heading: 'Mã thủ tục', name: 'Code', kind: 'text', width: 18 },
      { key: 'received', heading: 'Tổng số', name: 'Received', kind: 'count' },
      { key: 'online', heading: 'Trực tuyến', name: 'Online', kind: 'count' },
      { key: 'other', heading: 'Trực tiếp, dịch vụ bưu chính', name: 'Direct or postal', kind: 'count' },
      { key: 'share', heading: 'Tỷ lệ trực tuyến', name: 'Online share', kind: 'rate' },
    ],
    headerGroups: [[{ heading: 'Hồ sơ tiếp nhận trong kỳ', from: 'received', span: 4 }]],
    numbered: true,
    labelKey: 'code',
    rows: [
      ...r.byProcedure.map((p) => ({
        procedure: p.procedureName,
        code: p.procedureCode,
        received: p.received,
        online: p.online,
        other: p.received - p.online,
        share: p.share.rate,
      })),
      {
        procedure: 'Cộng các thủ tục trực tuyến toàn trình',
        code: '',
        received: r.fullOnline.received,
        online: r.fullOnline.online,
        other: r.fullOnline.received - r.fullOnline.online,
        share: r.fullOnline.share.rate,
      },
    ],
    total: {
      procedure: 'Tổng cộng (mọi thủ tục)',
      code: '',
      received: r.overall.received,
      online: r.overall.online,
      other: r.overall.directOrPostal,
      share: r.overall.share.rate,
    },
  };
}
