import { csvCell, exportText, render, toCsv } from '@kyodo/gateway/export-render';
import type { ExportRow } from '@kyodo/gateway/export-rows';

const BOM = '\uFEFF';
const ORGANIZATION_HEADER =
  'id,municipality_code,municipality_name,municipality_name_en,plan_id,plan_title,name,kind,role,' +
  'concept_ids,concept_labels,concept_labels_en,source_document,source_document_title,source_section,source_quote';

function organization(fields: Partial<ExportRow>): ExportRow {
  return {
    id: 'ueda-2020.organization.x',
    municipality_code: '202037',
    municipality_name: '上田市',
    municipality_name_en: 'Ueda',
    plan_id: 'ueda-2020',
    plan_title: 't',
    name: 'n',
    kind: 'npo',
    role: 'r',
    concepts: [],
    source_document: 'd',
    source_document_title: 'D',
    source_section: null,
    source_quote: 'q',
    ...fields,
  };
}
const lineOf = (row: ExportRow) => toCsv('organizations', [row]).slice(BOM.length + ORGANIZATION_HEADER.length + 2);

describe('CSV exports', () => {
  it('write the header row alone, with the BOM and CRLF, when there are no rows', () => {
    expect(toCsv('organizations', [])).toBe(`${BOM}${ORGANIZATION_HEADER}\r\n`);
  });

  it('give plans no concept columns, which plans never have', () => {
    expect(toCsv('plans', [])).not.toMatch(/concept/);
  });

  it('quote a value holding a comma', () => {
    expect(lineOf(organization({ role: '市民, 行政' }))).toContain(',"市民, 行政",');
  });

  it('quote a value holding quotes and double them', () => {
    expect(lineOf(organization({ role: '「協働」の "場"' }))).toContain(',"「協働」の ""場""",');
  });

  it('quote a value holding a line break, LF or CRLF, and keep it', () => {
    expect(lineOf(organization({ role: 'a\nb', name: 'c\r\nd' }))).toContain(',"c\r\nd",npo,"a\nb",');
  });

  it('write Japanese as it is, unquoted', () => {
    expect(lineOf(organization({ name: '自治会・町内会' }))).toContain(',自治会・町内会,');
  });

  it('write null as an empty field', () => {
    expect(lineOf(organization({ source_section: null }))).toBe('ueda-2020.organization.x,202037,上田市,Ueda,ueda-2020,t,n,npo,r,,,,d,D,,q\r\n');
  });

  it('split concepts into ids, labels and English labels, each joined by " | "', () => {
    const concepts = [
      { id: 'organization.npo', label: 'NPO', labelEn: 'NPO' },
      { id: 'organization.resident', label: '市民', labelEn: 'Residents' },
    ];
    expect(lineOf(organization({ concepts }))).toContain(',organization.npo | organization.resident,NPO | 市民,NPO | Residents,');
  });
});

describe('a CSV cell', () => {
  it('joins a list with " | " and leaves an empty list empty', () => {
    expect(csvCell(['企画課', '市民課'])).toBe('企画課 | 市民課');
    expect(csvCell([])).toBe('');
  });

  it('writes numbers as they are and null as nothing', () => {
    expect(csvCell(2024)).toBe('2024');
    expect(csvCell(null)).toBe('');
  });
});

describe('JSON exports', () => {
  it('are the rows as they are, concepts as objects', () => {
    const row = organization({ concepts: [{ id: 'organization.npo', label: 'NPO', labelEn: 'NPO' }] });
    expect(JSON.parse(render('organizations', [row], 'json'))).toEqual([row]);
  });

  it('are an empty list when there are no rows', () => {
    expect(JSON.parse(render('organizations', [], 'json'))).toEqual([]);
  });
});

describe('exports written a batch of rows at a time', () => {
  const rows = ['a', 'b', 'c', 'd', 'e'].map((key) => organization({ id: `ueda-2020.organization.${key}`, role: `${key}, "quoted"\nline` }));
  const inBatches = (format: 'csv' | 'json', sizes: number[]) => {
    const text = exportText('organizations', format);
    let written = text.start;
    let from = 0;
    for (const size of sizes) written += text.rows(rows.slice(from, (from += size)));
    return written + text.end();
  };

  it.each(['csv', 'json'] as const)('read in %s as the rows written at once, whatever the batches', (format) => {
    for (const sizes of [[5], [1, 1, 1, 1, 1], [0, 2, 0, 3]]) expect(inBatches(format, sizes)).toBe(render('organizations', rows, format));
    expect(inBatches(format, [0])).toBe(render('organizations', [], format));
  });

  it('indent JSON as JSON.stringify(rows, null, 2) does', () => {
    expect(render('organizations', rows, 'json')).toBe(JSON.stringify(rows, null, 2));
    expect(render('organizations', [], 'json')).toBe(JSON.stringify([], null, 2));
  });
});
