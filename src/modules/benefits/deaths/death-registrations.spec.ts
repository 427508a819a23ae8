import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { qualifyingOn } from 'src/modules/benefits/deaths/death-registrations.service';
import { DEATH_REGISTRATION_PROCEDURES } from 'src/modules/benefits/seed-data/death-registration-procedures.seed-data';
import { seedDecisions } from 'src/modules/procedures/seed/procedures-seed';
import type { StatusPeriod } from 'src/modules/registry/statuses/status.model';

const status = (over: Partial<StatusPeriod>): StatusPeriod => ({
  kind: 'SOCIAL_PROTECTION',
  id: 's1',
  value: 'K5A_60_TO_80',
  personId: 'p1',
  householdId: null,
  unitId: 'u1',
  validFrom: '2024-01-01',
  validTo: null,
  decisionNumber: '1/QĐ',
  decisionDate: '2024-01-01',
  decisionSigner: 'Chủ tịch',
  dossierId: null,
  endReason: null,
  ...over,
});

describe('funeral support qualifies on the statuses held on the date of death', () => {
  it('an open social-protection or meritorious status held on the date of death qualifies', () => {
    const held = [status({}), status({ id: 'm1', kind: 'MERIT', value: 'WAR_INVALID' })];
    expect(qualifyingOn(held, '2026-11-10').map((s) => s.id)).toEqual(['s1', 'm1']);
  });

  it('a status the registry ended because of this death (valid_to = date of death, DEATH) still qualifies', () => {
    expect(qualifyingOn([status({ validTo: '2026-11-10', endReason: 'DEATH' })], '2026-11-10')).toHaveLength(1);
  });

  it('a status ended before the death, starting after it, or ended that day by a decision does not qualify', () => {
    const statuses = [
      status({ id: 'a', validTo: '2026-10-01', endReason: 'DECISION' }),
      status({ id: 'b', validFrom: '2026-11-11' }),
      status({ id: 'c', validTo: '2026-11-10', endReason: 'DECISION' }),
    ];
    expect(qualifyingOn(statuses, '2026-11-10')).toEqual([]);
  });

  it('other statuses (merit relative, social pension) do not qualify for this funeral support', () => {
    const statuses = [status({ kind: 'MERIT_RELATIVE' }), status({ kind: 'SOCIAL_PENSION' })];
    expect(qualifyingOn(statuses, '2026-11-10')).toEqual([]);
  });
});

describe('the death-registration group is data that matches the procedure catalog', () => {
  const seeded = DEATH_REGISTRATION_PROCEDURES.map((p) => p.procedureCode).sort();

  it('the benefits seed lists exactly the catalog procedures of the liên thông khai tử – mai táng group', () => {
    const catalog = seedDecisions()
      .flatMap((d) => d.items)
      .filter((i) => i.content?.fieldCode === 'LIEN_THONG_KHAI_TU_MAI_TANG')
      .map((i) => i.procedureCode)
      .sort();
    expect(seeded).toEqual(catalog);
  });

  it('…and the shared dataset’s records of that group (code, or the dataset id when the source printed none)', () => {
    const file = join(__dirname, '../../../../../shared/data/procedures-sector.json');
    const data = JSON.parse(readFileSync(file, 'utf8')) as {
      procedures: Array<{ id: string; code: string | null; field: string }>;
    };
    const group = data.procedures
      .filter((p) => p.field.startsWith('Hộ tịch'))
      .map((p) => p.code ?? p.id.toUpperCase())
      .sort();
    expect(seeded).toEqual(group);
  });

  it('only the social-insurance variant (paid by BHXH) records the death without funeral support', () => {
    expect(DEATH_REGISTRATION_PROCEDURES.filter((p) => !p.grantsFuneral).map((p) => p.procedureCode)).toEqual([
      'LDXH-059',
    ]);
  });
});
