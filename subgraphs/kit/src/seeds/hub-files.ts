import { z } from 'zod';

/** seeds/hub/concepts.yaml: the taxonomy, by dimension. */
export const CONCEPT_DIMENSIONS = ['principle', 'form', 'organization', 'measure'] as const;
export type ConceptDimension = (typeof CONCEPT_DIMENSIONS)[number];

const conceptSchema = z
  .object({
    id: z.string().regex(/^[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*$/, 'concept ids are "<dimension>.<slug>"'),
    label: z.string().trim().min(1),
    labelEn: z.string().trim().min(1),
    /** Japanese definition. */
    definition: z.string().trim().min(1).optional(),
    definitionEn: z.string().trim().min(1),
    /** The broader concept of the same dimension (skos:broader). */
    broader: z.string().optional(),
  })
  .strict();

export const conceptsFileSchema = z
  .object(Object.fromEntries(CONCEPT_DIMENSIONS.map((dimension) => [dimension, z.array(conceptSchema)])) as Record<
    ConceptDimension,
    z.ZodArray<typeof conceptSchema>
  >)
  .strict();

export type ConceptsFile = z.infer<typeof conceptsFileSchema>;
export type ConceptSeed = z.infer<typeof conceptSchema> & { dimension: ConceptDimension };

/** seeds/hub/municipalities.yaml: the registry. */
export const municipalitySchema = z
  .object({
    code: z.string(),
    name: z.string().trim().min(1),
    nameEn: z.string().trim().min(1),
    prefecture: z.string().trim().min(1),
    prefectureEn: z.string().trim().min(1),
  })
  .strict();

export const municipalitiesFileSchema = z.array(municipalitySchema).min(1);
export type MunicipalitySeed = z.infer<typeof municipalitySchema>;
