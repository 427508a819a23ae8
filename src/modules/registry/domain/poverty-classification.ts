import { DomainException } from 'src/common/errors/domain.exception';
import type { LivingArea, PovertyStandard } from 'src/modules/registry/domain/poverty-standards.data';

export const POVERTY_CLASSES = ['POOR', 'NEAR_POOR', 'AVERAGE_LIVING_STANDARD', 'NOT_POOR'] as const;
export type PovertyClass = (typeof POVERTY_CLASSES)[number];

export interface PovertyAssessment {
  /** Survey (review) year; selects the standard in force. */
  year: number;
  area: LivingArea;
  /** Average income per person per month, VND. */
  incomePerCapita: number;
  /** Codes of the indicators the household is deprived on. */
  deprivations: string[];
  /** The household lives from agriculture, forestry, fishery or salt-making (the average-living-standard group). */
  agricultureForestryFishery: boolean;
}

export interface PovertyClassification {
  classification: PovertyClass;
  standardCode: string;
  incomeLine: number;
  deprivationCount: number;
  explanation: string;
  /** True when the standard or one of the counted indicators is flagged unconfirmed. */
  usesUnconfirmedData: boolean;
}

export function standardForYear(standards: readonly PovertyStandard[], year: number): PovertyStandard {
  const found = standards.find((s) => s.fromYear <= year && year <= s.toYear);
  if (!found)
    throw new DomainException('POVERTY_STANDARD_MISSING', `No poverty standard covers the year ${year}`);
  return found;
}

const vnd = (n: number): string => `${n.toLocaleString('en-US')} VND`;

/**
 * Classifies a household with the standard in force for the review year:
 * - poor: income ≤ line AND deprived on ≥ minDeprivationsForPoor indicators;
 * - near-poor: income ≤ line AND fewer deprivations;
 * - average living standard: line < income ≤ the average-living-standard bound, for households living from
 *   agriculture, forestry or fishery (the only group the status exists for);
 * - otherwise not poor.
 */
export function classifyHousehold(
  standards: readonly PovertyStandard[],
  a: PovertyAssessment,
): PovertyClassification {
  const std = standardForYear(standards, a.year);
  const known = new Map(std.indicators.map((i) => [i.code, i]));
  const unknown = a.deprivations.filter((d) => !known.has(d));
  if (unknown.length > 0)
    throw new DomainException(
      'POVERTY_INDICATOR_UNKNOWN',
      `Indicators ${unknown.join(', ')} are not part of ${std.code}`,
      { unknown },
    );
  if (!Number.isInteger(a.incomePerCapita) || a.incomePerCapita < 0)
    throw new DomainException('VALIDATION_FAILED', 'Income per capita must be a non-negative integer (VND)');
  const deprived = [...new Set(a.deprivations)];
  const count = deprived.length;
  const line = std.incomeLine[a.area];
  const area = a.area === 'RURAL' ? 'rural' : 'urban';
  const unconfirmed = Boolean(std.unconfirmed) || deprived.some((d) => known.get(d)?.unconfirmed);
  const base = `${std.code} (${a.year}, ${area}): income ${vnd(a.incomePerCapita)}/person/month`;
  const result = (classification: PovertyClass, why: string): PovertyClassification => ({
    classification,
    standardCode: std.code,
    incomeLine: line,
    deprivationCount: count,
    explanation: `${base}; ${why}`,
    usesUnconfirmedData: unconfirmed,
  });
  if (a.incomePerCapita <= line) {
    const list = count > 0 ? ` (${deprived.join(', ')})` : '';
    return count >= std.minDeprivationsForPoor
      ? result(
          'POOR',
          `at or below the line ${vnd(line)} and deprived on ${count} indicators${list}, at least ${std.minDeprivationsForPoor} → poor`,
        )
      : result(
          'NEAR_POOR',
          `at or below the line ${vnd(line)} and deprived on ${count} indicators${list}, fewer than ${std.minDeprivationsForPoor} → near-poor`,
        );
  }
  const avgMax = std.averageLivingStandardMax?.[a.area];
  if (avgMax === undefined)
    return result(
      'NOT_POOR',
      `above the line ${vnd(line)}; the standard sets no average-living-standard bound → not poor`,
    );
  if (a.incomePerCapita <= avgMax && a.agricultureForestryFishery)
    return result(
      'AVERAGE_LIVING_STANDARD',
      `above the line ${vnd(line)} and at most ${vnd(avgMax)}, living from agriculture, forestry or fishery → average living standard`,
    );
  if (a.incomePerCapita <= avgMax)
    return result(
      'NOT_POOR',
      `above the line ${vnd(line)} and at most ${vnd(avgMax)}, but not living from agriculture, forestry or fishery → not poor`,
    );
  return result('NOT_POOR', `above ${vnd(avgMax)} → not poor`);
}
