import type { SqlQuery } from 'src/modules/imports/targets/import-target-definition';
import { ROW_MESSAGES } from 'src/modules/imports/targets/row-errors';

export interface StagingSql {
  /**
   * Adds report rows from a query `select row_no, value, detail_vi, detail_en …` (extra params from $6); `detail`
   * is appended to both messages. Errors found by SQL go to the report like the parser's.
   */
  errorsFrom: (
    q: SqlQuery,
    importId: string,
    code: string,
    column: string,
    select: string,
    params?: unknown[],
  ) => Promise<void>;
  /** Marks every staged row that has an error as REJECTED. */
  rejectErrored: (q: SqlQuery, importId: string) => Promise<void>;
  /**
   * Sets every row's action from the target's own conditions (SQL over the staging row): REJECTED, else CREATE when
   * `create` holds, UPDATE when `update` holds, else UNCHANGED.
   */
  setActions: (q: SqlQuery, importId: string, when: { create: string; update: string }) => Promise<void>;
}

/** The error-report and rejection statements every target's classify uses, bound to its staging table. */
export function stagingSql(table: string): StagingSql {
  return {
    errorsFrom: async (q, importId, code, column, select, params = []) => {
      const [vi, en] = ROW_MESSAGES[code] ?? [code, code];
      await q(
        `insert into import_row_errors (import_id, row_no, column_name, value, code, message_vi, message_en)
         select $1, x.row_no, $2, left(x.value, 500), $3, $4 || coalesce(' (' || x.detail_vi || ')', ''),
                $5 || coalesce(' (' || x.detail_en || ')', '')
           from (${select}) x`,
        [importId, column, code, vi, en, ...params],
      );
    },
    rejectErrored: async (q, importId) => {
      await q(
        `update ${table} s set rejected = true, action = 'REJECTED'
           from (select distinct row_no from import_row_errors where import_id = $1) e
          where s.import_id = $1 and s.row_no = e.row_no and not s.rejected`,
        [importId],
      );
    },
    setActions: async (q, importId, when) => {
      await q(
        `update ${table} set action = case when rejected then 'REJECTED' when ${when.create} then 'CREATE'
                                            when ${when.update} then 'UPDATE' else 'UNCHANGED' end
          where import_id = $1`,
        [importId],
      );
    },
  };
}
