import { z } from 'zod';
import { MeasureStatus, OrganizationKind } from '../records';

/** The format of seeds/documents/*.yaml, as described in seeds/README.md. */
const id = z.string().regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, 'ids are lower-case ASCII words joined by "." or "-"');
const text = z.string().trim().min(1);
const optionalText = text.nullish();

const source = z
  .object({ section: text, quote: text })
  .strict();

const cited = { id, source };
const practice = { ...cited, plan: id, concepts: z.array(id).min(1, 'map the record to at least one concept') };
const numbering = z.union([z.string(), z.number()]).transform(String).nullish();

export const planSchema = z
  .object({
    ...cited,
    title: text,
    kind: z.enum(['方針', '指針', '計画', 'ガイドブック']),
    edition: z.number().int().positive().nullish(),
    publishedOn: z
      .union([z.string(), z.number()])
      .transform(String)
      .pipe(z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date as precise as given: YYYY, YYYY-MM or YYYY-MM-DD'))
      .nullish(),
    periodStart: z.number().int().min(1900).max(2100).nullish(),
    periodEnd: z.number().int().min(1900).max(2100).nullish(),
    slogan: optionalText,
    definition: optionalText,
    reviewedIn: id.nullish(),
  })
  .strict();

export const fieldSchema = z.object({ ...cited, plan: id, title: text, description: optionalText }).strict();

export const principleSchema = z
  .object({ ...practice, number: numbering, title: text, category: text, description: text })
  .strict();

export const formSchema = z
  .object({
    ...practice,
    number: numbering,
    title: text,
    category: optionalText,
    categoryNote: optionalText,
    overview: text,
    effects: optionalText,
    cautions: optionalText,
    examples: z.array(text).default([]),
  })
  .strict();

export const organizationSchema = z
  .object({ ...practice, name: text, kind: z.nativeEnum(OrganizationKind), role: text })
  .strict();

export const measureSchema = z
  .object({
    ...practice,
    number: numbering,
    title: text,
    level: z.number().int().min(1).max(9),
    levelName: text,
    parent: id.nullish(),
    departments: z.array(text).default([]),
    status: z.nativeEnum(MeasureStatus).nullish(),
    description: optionalText,
  })
  .strict();

export const documentFileSchema = z
  .object({
    document: z.string().regex(/^[\w.-]+\.txt$/, 'the name of a file among the source documents'),
    municipality: z.string().regex(/^\d{6}$/, 'a six-digit local government code, quoted as a string'),
    plans: z.array(planSchema).min(1, 'a document states at least one plan'),
    fields: z.array(fieldSchema).default([]),
    principles: z.array(principleSchema).default([]),
    forms: z.array(formSchema).default([]),
    organizations: z.array(organizationSchema).default([]),
    measures: z.array(measureSchema).default([]),
  })
  .strict();

export type DocumentFile = z.infer<typeof documentFileSchema>;
export type PlanSeed = z.infer<typeof planSchema>;
export type FieldSeed = z.infer<typeof fieldSchema>;
export type PrincipleSeed = z.infer<typeof principleSchema>;
export type FormSeed = z.infer<typeof formSchema>;
export type OrganizationSeed = z.infer<typeof organizationSchema>;
export type MeasureSeed = z.infer<typeof measureSchema>;

/** The dimensions of a document file that hold practices, with the concept dimension each maps to. */
export const PRACTICE_SECTIONS = {
  principles: 'principle',
  forms: 'form',
  organizations: 'organization',
  measures: 'measure',
} as const;
export type PracticeSection = keyof typeof PRACTICE_SECTIONS;
export type ConceptDimensionKey = (typeof PRACTICE_SECTIONS)[PracticeSection];
