import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { CollaborationField } from '../records/collaboration-field.entity';
import { CollaborationForm } from '../records/collaboration-form.entity';
import { Measure } from '../records/measure.entity';
import { Organization } from '../records/organization.entity';
import { Plan } from '../records/plan.entity';
import { Principle } from '../records/principle.entity';
import { allRecords, type CheckedDocument } from './check';
import { searchTextOf } from './searchable-text';
import { SeedImport } from './seed-import.entity';

export type ImportOutcome = 'imported' | 'unchanged';

/** Part of each import's fingerprint: bump it when the importer stores records differently. */
const IMPORTER_VERSION = 2;

/** Every table a document's records go to, children before parents for deletion. */
const RECORD_TABLES = [Measure, Organization, CollaborationForm, Principle, CollaborationField, Plan];

/**
 * Imports one checked document file in one transaction: all of its records or none. A file whose
 * content is already imported is skipped, so re-running changes nothing; a changed file replaces
 * that document's records, so corrections take effect on the next start.
 */
export async function importDocument(dataSource: DataSource, checked: CheckedDocument): Promise<ImportOutcome> {
  const fingerprint = `${IMPORTER_VERSION}:${checked.sha256}`;
  const previous = await dataSource.getRepository(SeedImport).findOneBy({ file: checked.file });
  if (previous?.sha256 === fingerprint) return 'unchanged';
  await dataSource.transaction(async (manager) => {
    for (const table of RECORD_TABLES) {
      await manager.delete(table, { sourceDocument: checked.data.document });
    }
    await insertRecords(manager, checked);
    await manager.save(SeedImport, {
      file: checked.file,
      sha256: fingerprint,
      records: checked.recordCount,
      importedAt: new Date(),
    });
  });
  return 'imported';
}

async function insertRecords(manager: EntityManager, { data }: CheckedDocument) {
  const positions = new Map(allRecords(data).map((record, index) => [record.id, index]));
  const cited = (record: { id: string; source: { section: string; quote: string } }) => ({
    id: record.id,
    position: positions.get(record.id)!,
    sourceDocument: data.document,
    sourceSection: record.source.section,
    sourceQuote: record.source.quote,
  });
  const practice = (record: { id: string; plan: string; concepts: string[]; source: { section: string; quote: string } }) => ({
    ...cited(record),
    planId: record.plan,
    conceptIds: record.concepts,
    searchText: searchTextOf(record),
  });

  await insertAll(manager, Plan, data.plans.map((plan) => ({
    ...cited(plan),
    title: plan.title,
    kind: plan.kind,
    edition: plan.edition ?? null,
    publishedOn: plan.publishedOn ?? null,
    periodStart: plan.periodStart ?? null,
    periodEnd: plan.periodEnd ?? null,
    slogan: plan.slogan ?? null,
    definition: plan.definition ?? null,
    reviewedInId: plan.reviewedIn ?? null,
  })));
  await insertAll(manager, CollaborationField, data.fields.map((field) => ({
    ...cited(field),
    planId: field.plan,
    title: field.title,
    description: field.description ?? null,
  })));
  await insertAll(manager, Principle, data.principles.map((principle) => ({
    ...practice(principle),
    number: principle.number ?? null,
    title: principle.title,
    category: principle.category,
    description: principle.description,
  })));
  await insertAll(manager, CollaborationForm, data.forms.map((form) => ({
    ...practice(form),
    number: form.number ?? null,
    title: form.title,
    category: form.category ?? null,
    categoryNote: form.categoryNote ?? null,
    overview: form.overview,
    effects: form.effects ?? null,
    cautions: form.cautions ?? null,
    examples: form.examples,
  })));
  await insertAll(manager, Organization, data.organizations.map((organization) => ({
    ...practice(organization),
    name: organization.name,
    kind: organization.kind,
    role: organization.role,
  })));
  // Parents first: a child's foreign key must find its parent in an earlier chunk.
  const parentsFirst = [...data.measures].sort((a, b) => a.level - b.level);
  await insertAll(manager, Measure, parentsFirst.map((measure) => ({
    ...practice(measure),
    number: measure.number ?? null,
    title: measure.title,
    level: measure.level,
    levelName: measure.levelName,
    parentId: measure.parent ?? null,
    departments: measure.departments,
    status: measure.status ?? null,
    description: measure.description ?? null,
  })));
}

/** Multi-row inserts in chunks, so that a document costs a handful of statements. */
async function insertAll<T extends ObjectLiteral>(manager: EntityManager, entity: new () => T, rows: Partial<T>[]) {
  for (let start = 0; start < rows.length; start += 200) {
    await manager.createQueryBuilder().insert().into(entity).values(rows.slice(start, start + 200) as never).execute();
  }
}
