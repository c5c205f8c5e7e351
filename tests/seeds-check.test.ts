import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkSeeds, repositoryRoot, seedsDirectory, sourcesDirectory } from '@kyodo/kit';
import YAML from 'yaml';

const UEDA = 'documents/ueda-2020.yaml';
let folder: string;

beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'kyodo-seeds-'));
  cpSync(seedsDirectory, folder, { recursive: true });
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** Edits one seed file of the temporary copy, as a person correcting (or breaking) a record would. */
function edit(file: string, change: (data: any) => void) {
  const target = path.join(folder, file);
  const data = YAML.parse(readFileSync(target, 'utf8'));
  change(data);
  writeFileSync(target, YAML.stringify(data));
}

const check = () => checkSeeds({ seeds: folder, sources: sourcesDirectory });

describe('the seeds check', () => {
  it('passes the committed seeds: five documents, every record cited', () => {
    const result = checkSeeds({ seeds: seedsDirectory, sources: sourcesDirectory });
    expect(result.problems).toEqual([]);
    expect(result.documents.map((document) => document.data.document).sort()).toEqual([
      'azumino-2014',
      'azumino-2024',
      'komagane-2007',
      'minami-alps',
      'ueda-2020',
    ]);
  });

  it('reports a quote that is not in its document, by file and record', () => {
    edit(UEDA, (data) => (data.principles[0].source.quote = '上田市は協働のまちづくりの原則をひとつも守らないと、この指針のどこにも書いていない。'));
    const id = YAML.parse(readFileSync(path.join(folder, UEDA), 'utf8')).principles[0].id;
    expect(check().problems).toEqual([{ file: UEDA, record: id, reason: expect.stringMatching(/^quote not found in ueda-2020:/) }]);
  });

  it('accepts a quote that joins the document’s wrapped lines and differs only in width', () => {
    edit('documents/minami-alps.yaml', (data) => (data.forms[0].source.quote = '市民や市民活動団体と行政が、それぞれ所有する情報を相互に提供・交換'));
    expect(check().problems).toEqual([]);
  });

  it('reports a duplicate id', () => {
    edit(UEDA, (data) => (data.principles[1].id = data.principles[0].id));
    expect(check().problems).toContainEqual({ file: UEDA, record: expect.any(String), reason: 'duplicate id' });
  });

  it('reports a parent that does not exist', () => {
    let child = '';
    edit(UEDA, (data) => {
      const measure = data.measures.find((m: any) => m.parent);
      measure.parent = 'ueda-2020.measure.nowhere';
      child = measure.id;
    });
    expect(check().problems).toEqual([
      { file: UEDA, record: child, reason: 'parent ueda-2020.measure.nowhere does not exist among the measures of this file' },
    ]);
  });

  it('reports a concept that does not exist or belongs to another dimension', () => {
    edit(UEDA, (data) => {
      data.forms[0].concepts = ['form.telepathy'];
      data.forms[1].concepts = ['principle.equality'];
    });
    expect(check().problems.map((problem) => problem.reason)).toEqual([
      'unknown concept form.telepathy',
      'concept principle.equality is a principle concept, not a form one',
    ]);
  });

  it('reports a field of the wrong type with the record and the field', () => {
    edit(UEDA, (data) => (data.measures[0].level = 'two'));
    const [problem] = check().problems;
    expect(problem).toEqual({ file: UEDA, record: expect.stringMatching(/^ueda-2020\.measure\./), reason: expect.stringMatching(/^level: /) });
  });

  it('reports a file that is not YAML, and keeps the other files valid', () => {
    writeFileSync(path.join(folder, UEDA), 'plans: [unclosed');
    const result = check();
    expect(result.problems).toEqual([{ file: UEDA, reason: expect.stringMatching(/^not valid YAML/) }]);
    expect(result.documents).toHaveLength(4);
  });

  it('reports a document file whose source text is missing from seeds/sources', () => {
    edit(UEDA, (data) => (data.document = 'ueda-1999'));
    expect(check().problems).toEqual([{ file: UEDA, reason: expect.stringMatching(/^source document ueda-1999\.txt not found/) }]);
  });

  it('reports a source text that no longer matches the checksum its description records', () => {
    const sources = path.join(folder, 'sources');
    writeFileSync(path.join(sources, 'ueda-2020.txt'), `${readFileSync(path.join(sources, 'ueda-2020.txt'), 'utf8')}\n追記`);
    const result = checkSeeds({ seeds: folder, sources });
    expect(result.problems).toEqual([
      { file: UEDA, reason: expect.stringMatching(/^ueda-2020\.yaml gives sha256 \w+, but ueda-2020\.txt has \w+: the text changed$/) },
    ]);
    expect(result.documents.map((document) => document.data.document)).not.toContain('ueda-2020');
  });

  it('reports a retired id that a live record takes again, and a successor that does not exist', () => {
    const retired = [
      { id: 'ueda-2020.principle.equality', document: 'ueda-2020', successors: [], reason: 'a test: this id is live' },
      { id: 'ueda-2020.measure.gone', document: 'ueda-2020', successors: ['ueda-2020.measure.nowhere'], reason: 'a test' },
    ];
    writeFileSync(path.join(folder, 'retired.yaml'), YAML.stringify(retired));
    expect(check().problems).toEqual([
      { file: 'retired.yaml', record: 'ueda-2020.principle.equality', reason: 'a live record has this retired id: ids are never reused' },
      { file: 'retired.yaml', record: 'ueda-2020.measure.gone', reason: 'successor ueda-2020.measure.nowhere is not a record of any document' },
    ]);
  });

  it('makes npm run seeds:check exit non-zero and name the problem', () => {
    edit(UEDA, (data) => (data.forms[0].source.quote = 'どこにもない文'));
    let output = '';
    let status = 0;
    try {
      execFileSync(process.execPath, [path.join(repositoryRoot, 'subgraphs/kit/dist/seeds/check-cli.js')], {
        env: { ...process.env, KYODO_SEEDS_DIR: folder },
        stdio: 'pipe',
      });
    } catch (error: any) {
      status = error.status;
      output = error.stderr.toString();
    }
    expect(status).toBe(1);
    expect(output).toMatch(/documents\/ueda-2020\.yaml ueda-2020\.form\.\S+: quote not found/);
  });
});
