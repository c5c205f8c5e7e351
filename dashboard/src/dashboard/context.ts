import type { Concept, Dimension, Municipality, Plan } from '../api/types';
import { type Lang, type StringKey, translate } from '../i18n';
import { currentPlan, type PlanScope } from './plan-filter';

/** What every part of the dashboard reads: the language and the data loaded at start. */
export interface Context {
  lang: Lang;
  t: (key: StringKey) => string;
  municipalities: Municipality[];
  concepts: Concept[];
  conceptById: Map<string, Concept>;
  /** A concept and every concept narrower than it, at any depth: what a concept filter of the API returns too. */
  conceptFamily: (conceptId: string) => Set<string>;
  planById: Map<string, Plan>;
  /** Whether the matrices and drill-downs count each city's current plan or all its plans. */
  planScope: PlanScope;
  currentPlanIds: Set<string>;
  /** Opens the side-by-side records of one concept, with one city's column first in view. */
  openDrilldown: (conceptId: string, focusCity?: string) => void;
}

export function createContext(
  lang: Lang,
  municipalities: Municipality[],
  concepts: Concept[],
  openDrilldown: Context['openDrilldown'],
  planScope: PlanScope = 'current',
): Context {
  return {
    lang,
    t: (key) => translate(lang, key),
    municipalities,
    concepts,
    conceptById: new Map(concepts.map((concept) => [concept.id, concept])),
    conceptFamily: conceptFamilies(concepts),
    planById: new Map(municipalities.flatMap((city) => city.plans ?? []).map((plan) => [plan.id, plan])),
    planScope,
    currentPlanIds: new Set(municipalities.map((city) => currentPlan(city)?.id).filter((id): id is string => id != null)),
    openDrilldown,
  };
}

function conceptFamilies(concepts: Concept[]): Context['conceptFamily'] {
  const narrower = new Map<string, string[]>();
  for (const concept of concepts) if (concept.broader) narrower.set(concept.broader.id, [...(narrower.get(concept.broader.id) ?? []), concept.id]);
  const families = new Map<string, Set<string>>();
  const family = (id: string): Set<string> => {
    let found = families.get(id);
    if (!found) {
      found = new Set([id, ...(narrower.get(id) ?? []).flatMap((child) => [...family(child)])]);
      families.set(id, found);
    }
    return found;
  };
  return family;
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
