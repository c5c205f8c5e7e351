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
    expect(result.documents.map((document) => document.data.document).sort()).toEqual(
      ['000_42c8f3b591107b92.txt', '001_2bb37dae7bbcf07e.txt', '002_8d7e6daf3146800f.txt', '003_5d017b233916e00c.txt', '004_0574fcbda7bb2670.txt'],
    );
  });

  it('reports a quote that is not in its document, by file and record', () => {
    edit(UEDA, (data) => (data.principles[0].source.quote = '上田市はすべての原則を守りません。'));
    const id = YAML.parse(readFileSync(path.join(folder, UEDA), 'utf8')).principles[0].id;
    expect(check().problems).toEqual([
      { file: UEDA, record: id, reason: expect.stringMatching(/^quote not found in 002_8d7e6daf3146800f\.txt/) },
    ]);
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
    expect(check().problems).toEqual([{ file: UEDA, record: child, reason: 'parent ueda-2020.measure.nowhere does not exist' }]);
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
