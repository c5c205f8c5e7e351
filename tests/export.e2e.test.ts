import { checkSeeds, seedsDirectory, sourcesDirectory } from '@kyodo/kit';
import { startTestStack, type TestStack } from './support/stack';

let hub: TestStack;
beforeAll(async () => {
  hub = await startTestStack();
});
afterAll(() => hub?.stop());

const seeds = checkSeeds({ seeds: seedsDirectory, sources: sourcesDirectory });
const seededCount = (section: 'plans' | 'principles' | 'forms' | 'organizations' | 'measures') =>
  seeds.documents.reduce((sum, document) => sum + document.data.sections[section]!.length, 0);
const exportOf = (file: string) => fetch(new URL(`/export/${file}`, hub.gatewayUrl));

describe('exports for researchers', () => {
  it.each(['plans', 'principles', 'forms', 'organizations', 'measures'] as const)('%s.json holds every record of every city', async (dimension) => {
    const rows = await (await exportOf(`${dimension}.json`)).json();
    expect(rows).toHaveLength(seededCount(dimension));
    expect(new Set(rows.map((row: any) => row.id)).size).toBe(rows.length);
  });

  it('cites each record and names its municipality, plan and concepts', async () => {
    const [row] = await (await exportOf('principles.json?id=ueda-2020.principle.equality')).json();
    expect(row).toEqual(
      expect.objectContaining({
        id: 'ueda-2020.principle.equality',
        municipality_code: '202037',
        municipality_name_en: 'Ueda',
        plan_id: 'ueda-2020',
        title: '対等の立場',
        concepts: expect.arrayContaining([{ id: 'principle.equality', label: '対等', labelEn: 'Equality' }]),
        source_document: 'ueda-2020',
        source_quote: expect.stringContaining('対等な関係'),
      }),
    );
  });

  it('writes CSV as UTF-8 with a BOM, one column per field, quoting what needs it', async () => {
    const response = await exportOf('forms.csv?municipality=202037');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...lines] = new TextDecoder().decode(bytes.slice(3)).trimEnd().split('\r\n');
    expect(header!.split(',')).toEqual([
      'id', 'municipality_code', 'municipality_name', 'municipality_name_en', 'plan_id', 'plan_title', 'number', 'title',
      'category', 'category_note', 'overview', 'effects', 'cautions', 'examples', 'concept_ids', 'concept_labels',
      'concept_labels_en', 'source_document', 'source_section', 'source_quote',
    ]);
    expect(lines).toHaveLength(seeds.documents.find((d) => d.data.municipality === '202037')!.data.sections.forms!.length);
    expect(lines.find((line) => line.startsWith('ueda-2020.form.co-hosting,'))).toMatch(/,form\.co-hosting,共催,Co-hosting,/);
  });

  it('answers an unknown export with 404 and the list of exports', async () => {
    const response = await exportOf('budgets.csv');
    expect(response.status).toBe(404);
    expect((await response.json()).error).toMatch(/plans, principles, forms, organizations, measures/);
  });
});
