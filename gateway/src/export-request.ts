import { localGovernmentCodeProblem, RECORD_TYPES, type SubgraphService } from '@kyodo/kit';
import { EXPORT_DIMENSIONS, EXPORT_FORMATS, type ExportDimension, type ExportFormat, tableOf } from './export-dimensions';
import { ExportProblem } from './export-problem';

/** A municipality of the hub's registry and the subgraph that serves its records. */
export interface RegisteredCity {
  code: string;
  subgraph: string;
}

/** A validated export request and what it will ask. */
export interface ExportRequest {
  dimension: ExportDimension;
  format: ExportFormat;
  municipality?: string;
  id?: string;
  /** The municipalities whose subgraphs are asked, in registry order: all, or the one in scope. */
  cities: string[];
  /** For an export by id of a record that belongs to a plan: that plan, which narrows the query. */
  plan?: string;
}

export const EXPORT_PARAMETERS = ['municipality', 'id'] as const;
const ID_PATTERN = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;
const MAX_ID_LENGTH = 200;

export function registeredCities(services: readonly SubgraphService[]): RegisteredCity[] {
  return services.flatMap((service) => (service.municipality ? [{ code: service.municipality.code, subgraph: service.name }] : []));
}

/**
 * Checks `/export/<file>?<query>` before any work is done, and works out which cities to ask.
 * Throws an ExportProblem: 404 for an export, municipality or record that does not exist, 400 for
 * a parameter that is malformed, unknown or repeated.
 */
export function parseExportRequest(file: string, query: URLSearchParams, registry: readonly RegisteredCity[]): ExportRequest {
  const { dimension, format } = parseFile(file);
  const parameters = parseParameters(query);
  const municipality = parameters.get('municipality');
  const id = parameters.get('id');
  if (municipality !== undefined) checkMunicipality(municipality, registry);
  const request: ExportRequest = { dimension, format, municipality, id, cities: registry.map((city) => city.code) };
  if (municipality !== undefined) request.cities = [municipality];
  if (id === undefined) return request;

  const plan = planOf(id, dimension);
  const owner = ownerOf(plan, registry);
  if (!owner) throw new ExportProblem(404, 'UNKNOWN_RECORD', `no record "${id}": its plan "${plan}" belongs to no registered municipality`);
  if (municipality !== undefined && owner.code !== municipality) {
    throw new ExportProblem(404, 'UNKNOWN_RECORD', `no record "${id}" in municipality ${municipality}: its plan "${plan}" is ${owner.code}'s`);
  }
  return { ...request, cities: [owner.code], plan: tableOf(dimension).byPlan ? plan : undefined };
}

/** The key under which a request's answer is cached: the same export always has the same key. */
export function cacheKeyOf(request: ExportRequest): string {
  return `${request.dimension}.${request.format}?municipality=${request.municipality ?? ''}&id=${request.id ?? ''}`;
}

function parseFile(file: string): { dimension: ExportDimension; format: ExportFormat } {
  const [dimension, format, ...rest] = file.split('.');
  if (rest.length === 0 && isOneOf(EXPORT_DIMENSIONS, dimension) && isOneOf(EXPORT_FORMATS, format)) return { dimension, format };
  throw new ExportProblem(
    404,
    'UNKNOWN_EXPORT',
    `no export "${file}": use /export/<dimension>.<format> with dimension one of ${EXPORT_DIMENSIONS.join(', ')} ` +
      `and format one of ${EXPORT_FORMATS.join(', ')}`,
  );
}

function parseParameters(query: URLSearchParams): Map<string, string> {
  const parameters = new Map<string, string>();
  for (const [name, value] of query) {
    if (!isOneOf(EXPORT_PARAMETERS, name)) {
      throw new ExportProblem(400, 'UNKNOWN_PARAMETER', `unknown parameter "${name}": an export takes municipality=<code> and id=<record id>`);
    }
    if (parameters.has(name)) throw new ExportProblem(400, 'REPEATED_PARAMETER', `parameter "${name}" is given more than once: give it once`);
    parameters.set(name, value);
  }
  return parameters;
}

function checkMunicipality(code: string, registry: readonly RegisteredCity[]): void {
  const problem = localGovernmentCodeProblem(code);
  if (problem) throw new ExportProblem(400, 'BAD_MUNICIPALITY', `municipality: ${problem}`);
  if (!registry.some((city) => city.code === code)) {
    throw new ExportProblem(404, 'UNKNOWN_MUNICIPALITY', `municipality ${code} is not registered in the hub: registered are ${registry.map((city) => city.code).join(', ')}`);
  }
}

/**
 * The plan a record id names. A plan's id is the plan; any other record's id is
 * `<plan id>.<dimension>.<key>` (the seeds check enforces it), e.g. ueda-2020.principle.equality.
 */
export function planOf(id: string, dimension: ExportDimension): string {
  if (id.length > MAX_ID_LENGTH) throw new ExportProblem(400, 'BAD_ID', `id is longer than ${MAX_ID_LENGTH} characters`);
  if (!ID_PATTERN.test(id)) {
    throw new ExportProblem(400, 'BAD_ID', `id "${id}" is malformed: ids are lower-case ASCII words joined by "." or "-"`);
  }
  if (dimension === 'plans') {
    if (id.includes('.')) throw new ExportProblem(400, 'BAD_ID', `id "${id}" is not a plan id: plan ids have no ".", e.g. ueda-2020`);
    return id;
  }
  const infix = `.${RECORD_TYPES.find((type) => type.list?.field === dimension)?.key ?? dimension}.`;
  const at = id.indexOf(infix);
  if (at === -1) {
    throw new ExportProblem(400, 'BAD_ID', `id "${id}" is not an id of ${dimension}: they read <plan>${infix}<key>, e.g. ueda-2020${infix}1`);
  }
  return id.slice(0, at);
}

/**
 * The municipality that owns a plan. Plan ids start with the city's subgraph name and a hyphen
 * (ueda-2020, minami-alps-guidebook), a convention of the seeds that a test checks against every
 * seeded plan; the longest matching name wins, so one name may extend another.
 */
export function ownerOf(plan: string, registry: readonly RegisteredCity[]): RegisteredCity | undefined {
  return registry
    .filter((city) => plan.startsWith(`${city.subgraph}-`))
    .sort((a, b) => b.subgraph.length - a.subgraph.length)[0];
}

function isOneOf<T extends string>(values: readonly T[], value: string | undefined): value is T {
  return (values as readonly (string | undefined)[]).includes(value);
}
