import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { AuditService } from 'src/modules/audit/audit.service';
import type { ReceptionDto, RecordReceptionDto } from 'src/modules/feedback/feedback.dto';

interface ReceptionRow {
  id: string;
  received_on: string;
  topic: string;
  visitors: number;
  summary: string;
  outcome: string;
  feedback_id: string | null;
}

/** The citizen reception log (tiếp công dân): one row per visit, recorded at the officer's own agency. */
@Injectable()
export class ReceptionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async record(dto: RecordReceptionDto): Promise<ReceptionDto> {
    const actor = RequestContext.actor();
    if (!actor?.agencyId || actor.kind !== 'user') {
      throw new DomainException('FORBIDDEN', 'Citizen receptions are recorded by an officer of an agency');
    }
    return this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<ReceptionRow[]>(
        `insert into citizen_receptions (agency_id, unit_id, received_on, topic, visitors, summary, outcome, officer_id)
         select a.id, a.unit_id, $2, $3, $4, $5, $6, $7 from agencies a where a.id = $1
         returning id, to_char(received_on, 'YYYY-MM-DD') as received_on, topic, visitors, summary, outcome, feedback_id`,
        [
          actor.agencyId,
          dto.receivedOn,
          dto.topic,
          dto.visitors ?? 1,
          dto.summary.normalize('NFC'),
          dto.outcome,
          actor.id,
        ],
      );
      if (!row) throw new DomainException('AGENCY_NOT_FOUND');
      await this.audit.record(
        {
          action: 'CREATE',
          entityType: 'citizen_reception',
          entityId: row.id,
          after: { topic: row.topic, outcome: row.outcome },
        },
        manager,
      );
      return {
        id: row.id,
        receivedOn: row.received_on,
        topic: row.topic,
        visitors: row.visitors,
        summary: row.summary,
        outcome: row.outcome,
        feedbackId: row.feedback_id,
      };
    });
  }
}
