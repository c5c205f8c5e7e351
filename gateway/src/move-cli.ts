import { parseArgs } from 'node:util';
import path from 'node:path';
import { moveMunicipality, MoveRefused, type MoveReport, PLACEMENTS, type Placement, repositoryRoot } from '@kyodo/kit';
import { writeSupergraph } from './compose';

/**
 * npm run municipality:move -- --code <code> --to self-run|hosted [--dry-run]: moves a municipality
 * between the hosted subgraph and a city subgraph of its own (configuration and data, see
 * moveMunicipality), then composes the supergraph, since a self-run city is an entity type of its
 * own. A restart serves it. Exit code 2: refused, nothing changed; 1: failed, nothing moved.
 */
async function main() {
  const { values } = parseArgs({ options: { code: { type: 'string' }, to: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } }, strict: true });
  if (!values.code || !values.to) throw new MoveRefused(`expected --code <code> --to ${PLACEMENTS.join('|')} [--dry-run]`);
  const report = await moveMunicipality({ code: values.code, to: values.to as Placement, dryRun: values['dry-run'] });
  console.log(describe(report));
  if (report.dryRun) return;
  try {
    const written = await writeSupergraph();
    console.log(written.length ? `composed: wrote ${written.join(', ')}` : 'composed: the supergraph was already up to date');
  } catch (error) {
    console.error(`composing failed (${(error as Error).message.split('\n')[0]}): run npm run compose`);
    process.exitCode = 1;
  }
  console.log(`next: restart the stack (stop it, then npm start), so that the gateway serves ${report.code} as ${typeNameOf(report, report.to)}`);
}

const typeNameOf = (report: MoveReport, placement: Placement) => (placement === 'hosted' ? report.hostedTypeName : report.city.typeName);

function describe(report: MoveReport): string {
  // Relative to the repository when the configuration is its own (subgraphs/<city>/city.yaml).
  const file = path.relative(repositoryRoot, report.city.file).startsWith('..') ? report.city.file : path.relative(repositoryRoot, report.city.file);
  const rows = Object.entries(report.copied)
    .filter(([, count]) => count > 0)
    .map(([table, count]) => `${count} ${table}`)
    .join(', ');
  return [
    `${report.dryRun ? 'would move' : 'moved'} ${report.code} (${report.nameEn}) from ${report.from} (${typeNameOf(report, report.from)}) to ${report.to} (${typeNameOf(report, report.to)})`,
    `  configuration: ${report.to === 'self-run' ? `${report.dryRun ? 'would write' : 'wrote'} ${file} (port ${report.city.port})` : `${report.dryRun ? 'would remove' : 'removed'} ${file}`}`,
    `  data, in one transaction${report.dryRun ? ' (rolled back)' : ''}: ${rows || 'no rows'}`,
  ].join('\n');
}

main().then(
  // Explicitly: after a closed embedded database, PGlite's runtime can keep the process waiting.
  () => process.exit(),
  (error) => {
    const refused = error instanceof MoveRefused || String((error as { code?: string }).code).startsWith('ERR_PARSE_ARGS');
    console.error(`municipality:move: ${refused ? '' : 'nothing moved: '}${(error as Error).message}`);
    process.exit(refused ? 2 : 1);
  },
);
