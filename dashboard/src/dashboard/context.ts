import type { Concept, Dimension, Municipality, Plan } from '../api/types';
import { type Lang, type StringKey, translate } from '../i18n';

/** What every part of the dashboard reads: the language and the data loaded at start. */
export interface Context {
  lang: Lang;
  t: (key: StringKey) => string;
  municipalities: Municipality[];
  concepts: Concept[];
  conceptById: Map<string, Concept>;
  planById: Map<string, Plan>;
  /** Opens the side-by-side records of one concept, with one city's column first in view. */
  openDrilldown: (conceptId: string, focusCity?: string) => void;
}

export function createContext(lang: Lang, municipalities: Municipality[], concepts: Concept[], openDrilldown: Context['openDrilldown']): Context {
  return {
    lang,
    t: (key) => translate(lang, key),
    municipalities,
    concepts,
    conceptById: new Map(concepts.map((concept) => [concept.id, concept])),
    planById: new Map(municipalities.flatMap((city) => city.plans ?? []).map((plan) => [plan.id, plan])),
    openDrilldown,
  };
}

const CONCEPT_DIMENSION: Record<Dimension, Concept['dimension']> = {
  principles: 'PRINCIPLE',
  forms: 'FORM',
  organizations: 'ORGANIZATION',
  measures: 'MEASURE',
};

export function conceptsOf(context: Context, dimension: Dimension): Concept[] {
  return context.concepts.filter((concept) => concept.dimension === CONCEPT_DIMENSION[dimension]);
}

/** "2014" from "2014-03", for a plan's short label. */
export function planYear(plan: Plan): string | null {
  return plan.publishedOn?.slice(0, 4) ?? (plan.periodStart ? String(plan.periodStart) : null);
}
