import { applyDecorators, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { CSV_TYPE, XLSX_TYPE } from 'src/modules/reports/filters/report-inputs';

/** A bound for OpenAPI (the OWASP ruleset wants one on every string): report files are a few megabytes at most. */
const REPORT_FILE_MAX_BYTES = 1073741824;

/**
 * A report's file downloads: GET `path` answering an attachment named `fileName` with its extension, documented in
 * OpenAPI with the media type it produces. Every report offers the same pair (and the same headers must not drift
 * between them), so the decorators each route repeated live here.
 */
function download(
  path: string,
  fileName: string,
  summary: string,
  produces: string,
  contentType: string,
): MethodDecorator {
  return applyDecorators(
    Get(path),
    ApiOperation({ summary }),
    ApiProduces(produces),
    // With a schema, the 200 response lists `produces` as its content (without one it had no content at all).
    ApiOkResponse({
      description: `The file (${fileName})`,
      schema: { type: 'string', format: 'binary', maxLength: REPORT_FILE_MAX_BYTES },
    }),
    Header('content-type', contentType),
    Header('content-disposition', `attachment; filename="${fileName}"`),
  );
}

/** An XLSX download (Vietnamese headings, built by `toXlsx`). `fileName` ends in `.xlsx`. */
export function XlsxDownload(path: string, fileName: string, summary: string): MethodDecorator {
  return download(path, fileName, summary, XLSX_TYPE, XLSX_TYPE);
}

/** A CSV download (UTF-8 with BOM, built by `toCsv`). `fileName` ends in `.csv`. */
export function CsvDownload(path: string, fileName: string, summary: string): MethodDecorator {
  return download(path, fileName, summary, 'text/csv', CSV_TYPE);
}
