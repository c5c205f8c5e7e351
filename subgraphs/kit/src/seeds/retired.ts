import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import type { SeedProblem } from './check';
import { recordId } from './document-file';

/**
 * seeds/retired.yaml: record ids that were published and no longer exist, with the records that now
 * hold their content, so that a citation of an old id can still be followed. Ids are never reused.
 */
export const RETIRED_FILE = 'retired.yaml';

const retiredSchema = z.array(
  z
    .object({
      id: recordId,
      document: z.string().min(1),
      successors: z.array(recordId),
      reason: z.string().trim().min(1),
    })
    .strict(),
);

export type RetiredRecord = z.infer<typeof retiredSchema>[number];

/** The retired ids, checked against the ids the documents hold today. */
export function checkRetired(
  seedsFolder: string,
  liveIds: ReadonlySet<string>,
  readDocuments: ReadonlySet<string>,
): { retired: RetiredRecord[]; problems: SeedProblem[] } {
  const file = path.join(seedsFolder, RETIRED_FILE);
  if (!existsSync(file)) return { retired: [], problems: [] };
  const problems: SeedProblem[] = [];
  let parsed: unknown;
  try {
    parsed = YAML.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { retired: [], problems: [{ file: RETIRED_FILE, reason: `not valid YAML: ${(error as Error).message.split('\n')[0]}` }] };
  }
  const result = retiredSchema.safeParse(parsed ?? []);
  if (!result.success) {
    return { retired: [], problems: result.error.issues.map((issue) => ({ file: RETIRED_FILE, reason: `${issue.path.join('.')}: ${issue.message}` })) };
  }
  const seen = new Set<string>();
  for (const entry of result.data) {
    if (seen.has(entry.id)) problems.push({ file: RETIRED_FILE, record: entry.id, reason: 'retired twice' });
    seen.add(entry.id);
    // A document that could not be read has problems of its own; its ids are unknown, not missing.
    if (!readDocuments.has(entry.document)) continue;
    if (liveIds.has(entry.id)) problems.push({ file: RETIRED_FILE, record: entry.id, reason: 'a live record has this retired id: ids are never reused' });
    for (const successor of entry.successors) {
      if (!liveIds.has(successor)) problems.push({ file: RETIRED_FILE, record: entry.id, reason: `successor ${successor} is not a record of any document` });
    }
  }
  return { retired: result.data, problems };
}
