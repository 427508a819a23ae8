import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { targetTemplate } from 'src/modules/imports/export/import-templates';
import { mapHeader, type ImportTargetDefinition } from 'src/modules/imports/targets/import-target-definition';
import { IMPORT_TARGET_DEFINITIONS } from 'src/modules/imports/targets/import-targets';

const TARGETS = IMPORT_TARGET_DEFINITIONS as readonly ImportTargetDefinition[];

describe('import templates', () => {
  it.each(TARGETS.map((t) => [t.code, t] as const))(
    '%s: the CSV template header reads back as every column of the target, required ones marked *',
    async (_code, target) => {
      const csv = (await targetTemplate(target, 'csv')).toString('utf8');
      expect(csv.startsWith('\ufeff')).toBe(true);
      const [header, example]: string[][] = parse(csv.slice(1));
      expect(mapHeader(target.columns, header)).toEqual(target.columns.map((c) => c.key));
      for (const key of target.requiredColumns) {
        const column = target.columns.find((c) => c.key === key);
        expect(header).toContain(`${column?.header}*`);
      }
      expect(example).toHaveLength(header.length);
    },
  );

  it('column keys and aliases are unique within each target (a header never maps to two columns)', () => {
    for (const target of TARGETS) {
      const keys = target.columns.map((c) => c.key);
      expect(new Set(keys).size).toBe(keys.length);
      const aliases = target.columns.flatMap((c) => c.aliases);
      expect(new Set(aliases).size).toBe(aliases.length);
    }
  });

  it('the XLSX template keeps codes as text and explains the accepted values in Vietnamese', async () => {
    const target = TARGETS.find((t) => t.code === 'SOCIAL_PROTECTION') as ImportTargetDefinition;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await targetTemplate(target, 'xlsx')) as never);
    expect(workbook.worksheets[0].getColumn(1).numFmt).toBe('@');
    const notes = workbook.worksheets[1].getColumn(1).values.map(String).join('\n');
    expect(notes).toContain('Nghị định 20/2021');
  });
});
