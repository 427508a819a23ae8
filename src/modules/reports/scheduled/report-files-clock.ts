import { Injectable } from '@nestjs/common';
import { businessDate } from 'src/config/business-time';

/** The report-files job's clock (injectable so a test can run "the day after 14 June"). */
@Injectable()
export class ReportFilesClock {
  private fixed: Date | null = null;

  now(): Date {
    return this.fixed ? new Date(this.fixed) : new Date();
  }

  /** Today's business date (UTC+7), 'YYYY-MM-DD'. */
  today(): string {
    return businessDate(this.now());
  }

  /** Test hook: pin the clock (null returns to real time). */
  set(at: Date | null): void {
    this.fixed = at;
  }
}
