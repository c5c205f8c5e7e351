import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sourceDocumentSchema, type SourceDocumentSeed, sourcesDirectory } from '@kyodo/kit';
import YAML from 'yaml';

/** A source document as its page shows it: the description (seeds/sources/<id>.yaml) and the text. */
export interface SourceDocument extends SourceDocumentSeed {
  text: string;
}

/** The form of a document id (the seeds check holds every document to it): no dots, no slashes. */
const DOCUMENT_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_DOCUMENT_ID_LENGTH = 100;

export function isDocumentId(id: string): boolean {
  return id.length <= MAX_DOCUMENT_ID_LENGTH && DOCUMENT_ID.test(id);
}

/**
 * Reads a source document, or null when there is none of that id. The id is checked first, and
 * only a name the folder lists is opened, so no request can name a path outside it.
 */
export async function readSourceDocument(id: string, folder: string = sourcesDirectory): Promise<SourceDocument | null> {
  if (!isDocumentId(id)) throw new Error(`"${id}" is not a document id`);
  const listed = new Set(await readdir(folder));
  if (!listed.has(`${id}.txt`) || !listed.has(`${id}.yaml`)) return null;
  const [description, text] = await Promise.all([readFile(path.join(folder, `${id}.yaml`), 'utf8'), readFile(path.join(folder, `${id}.txt`), 'utf8')]);
  return { id, ...sourceDocumentSchema.parse(YAML.parse(description)), text };
}
