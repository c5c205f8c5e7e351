import { HOSTED_NAME, localGovernmentCodeProblem, RECORD_TYPES, type SubgraphService } from '@kyodo/kit';
import { EXPORT_DIMENSIONS, EXPORT_FORMATS, type ExportDimension, type ExportFormat, tableOf } from './export-dimensions';
import { ExportProblem } from './export-problem';

/** A self-run city of the hub's registry and the subgraph that serves its records. */
export interface RegisteredCity {
  code: string;
  subgraph: string;
}

/** Who serves the municipalities of the hub's registry, as an export needs to know before it asks. */
export interface ExportRegistry {
  /** The self-run cities, in registry order. */
  cities: RegisteredCity[];
  /** The subgraph that serves every other registered municipality (any number of them), when there is one. */
  hosted?: string;
  /** The subgraphs every answer reads, whatever municipalities it holds: the hub (registry, names, concept labels). */
  shared: string[];
}

/** A validated export request and what it will ask. */
export interface ExportRequest {
  dimension: ExportDimension;
  format: ExportFormat;
  municipality?: string;
  id?: string;
  /** The one municipality whose records are read; none: every municipality of the registry, a page at a time. */
  code?: string;
  /** For an export by id of a record that belongs to a plan: that plan, which narrows the query. */
  plan?: string;
  /** The subgraphs whose data the answer holds: a change to any of them makes it stale. */
  subgraphs: string[];
}

export const EXPORT_PARAMETERS = ['municipality', 'id'] as const;
const ID_PATTERN = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;
const MAX_ID_LENGTH = 200;

export function exportRegistry(services: readonly SubgraphService[]): ExportRegistry {
  const hosted = services.find((service) => service.name === HOSTED_NAME)?.name;
  return {
    cities: services.flatMap((service) => (service.municipality ? [{ code: service.municipality.code, subgraph: service.name }] : [])),
    hosted,
    shared: services.filter((service) => !service.municipality && service.name !== hosted).map((service) => service.name),
  };
}

/**
 * Checks `/export/<file>?<query>` before any work is done, and works out whom to ask. Throws an
 * ExportProblem: 404 for an export, municipality or record that does not exist as far as the
 * configuration tells, 400 for a parameter that is malformed, unknown or repeated. Whether a code
 * is one of the hosted municipalities (any number of them, in the hub's registry) is for the query
 * to find out: `municipality(code:)` answers null for a code the hub has not registered.
 */
export function parseExportRequest(file: string, query: URLSearchParams, registry: ExportRegistry): ExportRequest {
  const { dimension, format } = parseFile(file);
  const parameters = parseParameters(query);
  const municipality = parameters.get('municipality');
  const id = parameters.get('id');
  const request: ExportRequest = { dimension, format, municipality, id, ...scopeOf(municipality, registry) };
  if (id === undefined) return request;

  const plan = planOf(id, dimension);
  const narrowed = { ...request, plan: tableOf(dimension).byPlan ? plan : undefined };
  const owner = ownerOf(plan, registry.cities);
  if (owner) {
    if (municipality !== undefined && owner.code !== municipality) {
      throw new ExportProblem(404, 'UNKNOWN_RECORD', `no record "${id}" in municipality ${municipality}: its plan "${plan}" is ${owner.code}'s`);
    }
    return { ...narrowed, ...scopeOf(owner.code, registry) };
  }
  if (!registry.hosted) throw new ExportProblem(404, 'UNKNOWN_RECORD', `no record "${id}": its plan "${plan}" belongs to no registered municipality`);
  const city = registry.cities.find((candidate) => candidate.code === municipality);
  if (city) {
    throw new ExportProblem(404, 'UNKNOWN_RECORD', `no record "${id}" in municipality ${city.code}: its plans' ids begin "${city.subgraph}-"`);
  }
  // A hosted municipality's plan: its id names no municipality, so the named one is asked, or else every one.
  return narrowed;
}

/** Whom an export of one municipality (or, with none named, of the whole registry) asks. */
function scopeOf(code: string | undefined, registry: ExportRegistry): Pick<ExportRequest, 'code' | 'subgraphs'> {
  if (code === undefined)
    return { subgraphs: [...registry.shared, ...registry.cities.map((city) => city.subgraph), ...(registry.hosted ? [registry.hosted] : [])] };
  const problem = localGovernmentCodeProblem(code);
  if (problem) throw new ExportProblem(400, 'BAD_MUNICIPALITY', `municipality: ${problem}`);
  const server = registry.cities.find((city) => city.code === code)?.subgraph ?? registry.hosted;
  if (!server) {
    throw new ExportProblem(
      404,
      'UNKNOWN_MUNICIPALITY',
      `municipality ${code} is not registered in the hub: registered are ${registry.cities.map((city) => city.code).join(', ')}`,
    );
  }
  return { code, subgraphs: [...registry.shared, server] };
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

/**
 * The plan a record id names. A plan's id is the plan (ueda-2020, or sim-012017.plan: a dot is
 * allowed); any other record's id is `<plan id>.<record key>.<key>` (the seeds check enforces
 * it), e.g. ueda-2020.principle.equality.
 */
export function planOf(id: string, dimension: ExportDimension): string {
  if (id.length > MAX_ID_LENGTH) throw new ExportProblem(400, 'BAD_ID', `id is longer than ${MAX_ID_LENGTH} characters`);
  if (!ID_PATTERN.test(id)) {
    throw new ExportProblem(400, 'BAD_ID', `id "${id}" is malformed: ids are lower-case ASCII words joined by "." or "-"`);
  }
  if (dimension === 'plans') {
    const other = RECORD_TYPES.find((type) => id.includes(`.${type.key}.`));
    if (other) throw new ExportProblem(400, 'BAD_ID', `id "${id}" is not a plan id: it reads <plan>.${other.key}.<key>, the id of a ${other.key}`);
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
 * The self-run city that owns a plan. Its plan ids start with the city's subgraph name and a hyphen
 * (ueda-2020, minami-alps-guidebook), a convention of the seeds that a test checks against every
 * seeded plan; the longest matching name wins, so one name may extend another. A hosted
 * municipality's plan ids follow no such convention: none is found for them.
 */
export function ownerOf(plan: string, cities: readonly RegisteredCity[]): RegisteredCity | undefined {
  return cities.filter((city) => plan.startsWith(`${city.subgraph}-`)).sort((a, b) => b.subgraph.length - a.subgraph.length)[0];
}

function isOneOf<T extends string>(values: readonly T[], value: string | undefined): value is T {
  return (values as readonly (string | undefined)[]).includes(value);
}
