import { shareOf, type Share } from 'src/modules/reports/filters/share';

/** Dossiers received in a period by channel (Form II.06a columns 4 and 5, split). */
export interface ChannelCounts {
  online: number;
  direct: number;
  postal: number;
}

export interface OnlineShareFigures {
  received: number;
  online: number;
  directOrPostal: number;
  /** online ÷ received (online + direct + postal). */
  share: Share;
}

/**
 * Online share (tỷ lệ hồ sơ trực tuyến, Decision 766 sub-indicator 3.3): dossiers received online in the period over
 * all dossiers received in the period (online + direct + postal; carried-over dossiers are not "received").
 */
export function onlineShare(c: ChannelCounts): OnlineShareFigures {
  const received = c.online + c.direct + c.postal;
  return { received, online: c.online, directOrPostal: c.direct + c.postal, share: shareOf(c.online, received) };
}
