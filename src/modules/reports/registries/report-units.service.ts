import { Injectable } from '@nestjs/common';
import type { Actor } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { AccessScopeService, scopeParam } from 'src/modules/organisation/units/access-scope.service';
import { AdminUnitsService, type AdminUnit } from 'src/modules/organisation/units/admin-units.service';
import { eraOn, type UnitEra } from 'src/modules/reports/registries/report-units.sql';

/** The unit filter of a registry or payment report: a unit code, optionally with its era. */
export interface UnitFilter {
  unitCode?: string;
  unitEra?: UnitEra;
}

/** What a report is computed for: the era its rows are in, the asked unit (its territory), the caller's scope. */
export interface ReportUnitContext {
  era: UnitEra;
  unit: Pick<AdminUnit, 'id' | 'code' | 'name' | 'era' | 'level'> | null;
  scope: string[] | null;
}

/**
 * Resolves the unit filter. A code without an era means the unit of that code in force on the report date, else the
 * unit of that code in either era (new era first). The report's rows are in the asked unit's era (so asking for a
 * pre-2025 commune answers for its territory, with later records folded back into it), else in the era in force on
 * the report date (old units roll up into their successors).
 */
@Injectable()
export class ReportUnitsService {
  constructor(
    private readonly units: AdminUnitsService,
    private readonly scope: AccessScopeService,
  ) {}

  async resolve(actor: Actor | undefined, filter: UnitFilter, date: string): Promise<ReportUnitContext> {
    const scope = scopeParam(await this.scope.unitScope(actor));
    if (!filter.unitCode) return { era: eraOn(date), unit: null, scope };
    const unit = await this.find(filter, date);
    await this.scope.assertUnitInScope(actor, unit.id);
    return {
      era: unit.era,
      unit: { id: unit.id, code: unit.code, name: unit.name, era: unit.era, level: unit.level },
      scope,
    };
  }

  private async find(filter: UnitFilter, date: string): Promise<AdminUnit> {
    const code = filter.unitCode as string;
    if (filter.unitEra) return this.units.getByCode(filter.unitEra, code);
    const unit =
      (await this.units.findByCodeAsOf(code, date)) ??
      (await this.units.findByCode('POST_2025', code)) ??
      (await this.units.findByCode('PRE_2025', code));
    if (!unit) throw new DomainException('ADMIN_UNIT_NOT_FOUND', `No unit with code ${code}`);
    return unit;
  }
}
