import { ObjectType } from '@nestjs/graphql';
import { OutDate, OutEnum, OutInt, OutObj, OutStr, OutStrList } from 'src/common/http/api-fields';
import { GqlDecisionAction } from 'src/modules/procedures/api/procedure-enums';
import { DECISION_ACTIONS } from 'src/modules/procedures/domain/procedure.types';

@ObjectType('CountRow')
export class CountRowObject {
  @OutStr(60) key!: string;
  @OutInt() count!: number;
}

@ObjectType('CatalogStatistics', {
  description: 'Procedures in force on a date; every breakdown adds up to total',
})
export class CatalogStatisticsObject {
  @OutDate() onDate!: string;
  @OutInt() total!: number;
  @OutObj(() => CountRowObject, {
    array: true,
    description: 'Exclusive groups: one level, MULTI_LEVEL, NOT_STATED',
  })
  byLevel!: CountRowObject[];
  @OutObj(() => CountRowObject, { array: true }) byField!: CountRowObject[];
  @OutObj(() => CountRowObject, { array: true }) byOnlineMode!: CountRowObject[];
  @OutObj(() => CountRowObject, { array: true }) byLegacyLevel!: CountRowObject[];
}

@ObjectType('DecisionActionCount')
export class DecisionActionCountObject {
  @OutEnum(GqlDecisionAction, DECISION_ACTIONS) action!: string;
  @OutInt() count!: number;
  @OutObj(() => CountRowObject, { array: true }) byLevel!: CountRowObject[];
}

@ObjectType('DecisionStatistics', {
  description: 'Applied decisions signed in the period (unknown signing dates are not counted)',
})
export class DecisionStatisticsObject {
  @OutDate() from!: string;
  @OutDate() to!: string;
  @OutInt() decisions!: number;
  @OutStrList(100) decisionNumbers!: string[];
  @OutObj(() => DecisionActionCountObject, { array: true }) actions!: DecisionActionCountObject[];
  @OutStr(2000) summary!: string;
  @OutStr(2000) summaryVi!: string;
}
