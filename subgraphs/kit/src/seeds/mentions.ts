import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { listDocumentFiles } from './check';

/**
 * The concepts each municipality's seed documents map records to, read without checking the files
 * (the hub keeps them to filter its registry by concept; a city's own check decides what it imports).
 */
export function mentionsBySeeds(seedsFolder: string): Map<string, Set<string>> {
  const mentions = new Map<string, Set<string>>();
  for (const file of listDocumentFiles(seedsFolder)) {
    let data: unknown;
    try {
      data = YAML.parse(readFileSync(path.join(seedsFolder, file), 'utf8'));
    } catch {
      continue;
    }
    if (typeof data !== 'object' || data === null) continue;
    const { municipality, ...sections } = data as Record<string, unknown>;
    if (typeof municipality !== 'string') continue;
    const concepts = mentions.get(municipality) ?? new Set<string>();
    for (const section of Object.values(sections)) {
      if (!Array.isArray(section)) continue;
      for (const record of section as { concepts?: unknown }[]) {
        if (Array.isArray(record?.concepts)) for (const concept of record.concepts) if (typeof concept === 'string') concepts.add(concept);
      }
    }
    mentions.set(municipality, concepts);
  }
  return mentions;
}
