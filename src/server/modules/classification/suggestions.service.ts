import type { Suggestion, Suggestions } from '../../../common/classification.js';
import type { Actor } from '../../lib/actor.js';
import type { AgencyService } from '../agencies/service.js';
import type { RequestClassification } from '../requests/classify.service.js';
import { type Model, predict, train } from './classifier.js';
import type { TaxonomyService } from './service.js';

/** Fewer confirmed requests than this make guesses, not suggestions: the console says «мало примеров». */
export const MIN_EXAMPLES = 20;
/** A suggestion less likely than this is not shown: the operator chooses from the list. */
export const MIN_CONFIDENCE = 0.5;

interface Trained {
  stamp: string;
  trainedOn: number;
  topics: Model;
  departments: Model;
}

/**
 * Suggests a topic and a department for a request from the agency's own confirmed requests
 * (issue 4 p. 3). One model per agency, kept in memory and retrained when the set of
 * confirmed requests or of active topics changes — checked by a cheap aggregate on every call,
 * so a confirmation on another app node is seen too.
 */
export function createSuggestionService(deps: {
  requests: RequestClassification;
  taxonomy: TaxonomyService;
  agencies: AgencyService;
}) {
  const cache = new Map<string, Trained>();

  async function model(agencyId: string, activeTopics: Set<string>): Promise<Trained> {
    const { total, last } = await deps.requests.confirmedStamp(agencyId);
    const stamp = `${total}|${last?.toISOString() ?? ''}|${[...activeTopics].sort().join(',')}`;
    const cached = cache.get(agencyId);
    if (cached?.stamp === stamp) return cached;
    // Archived topics are no longer offered, so their examples do not teach the model.
    const examples = (await deps.requests.trainingSet(agencyId)).filter(
      (row) => row.topicId && activeTopics.has(row.topicId),
    );
    const trained: Trained = {
      stamp,
      trainedOn: examples.length,
      topics: train(examples.map((row) => ({ text: row.text, label: row.topicId ?? '' }))),
      departments: train(
        examples.flatMap((row) => (row.departmentId ? [{ text: row.text, label: row.departmentId }] : [])),
      ),
    };
    cache.set(agencyId, trained);
    return trained;
  }

  function suggestion(model: Model, text: string, names: Map<string, string>): Suggestion | null {
    if (model.documents < MIN_EXAMPLES) return null;
    const best = predict(model, text);
    const name = best && names.get(best.label);
    if (!best || !name || best.probability < MIN_CONFIDENCE) return null;
    return { id: best.label, name, confidence: Math.round(best.probability * 1000) / 1000 };
  }

  return {
    async forRequest(actor: Actor, requestId: string): Promise<Suggestions> {
      const text = await deps.requests.textOf(actor.agencyId, requestId);
      const topics = (await deps.taxonomy.list(actor.agencyId)).filter((topic) => !topic.archived);
      const trained = await model(actor.agencyId, new Set(topics.map((topic) => topic.id)));
      const departments = await deps.agencies.listDepartments(actor);
      return {
        topic: suggestion(trained.topics, text, new Map(topics.map((t) => [t.id, t.name]))),
        department: suggestion(trained.departments, text, new Map(departments.map((d) => [d.id, d.name]))),
        trainedOn: trained.trainedOn,
        minimum: MIN_EXAMPLES,
      };
    },
  };
}

export type SuggestionService = ReturnType<typeof createSuggestionService>;
