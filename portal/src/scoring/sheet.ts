import type { CombinedError } from '@urql/vue';
import { computed, ref, watch, type Ref } from 'vue';
import {
  ScoreSheetDocument,
  type MonitoringSuggestionFieldsFragment,
  type SaveSelfScoreMutation,
  type ScoreSheetFullFragment,
} from '../generated/scoring';
import { formatDate } from '../shared/format';
import { client } from '../shared/graphql';

export type Sheet = ScoreSheetFullFragment;
export type SheetNode = Sheet['nodes'][number];
export type SheetEvidence = Sheet['evidence'][number];
export type SavedSheet = SaveSelfScoreMutation['saveSelfScore'];
export type MonitoringSuggestion = MonitoringSuggestionFieldsFragment;

/** The shown sheet with what a save changed: the branch's roll-ups and the item's score (its links stay). */
export function withSave(sheet: Sheet, saved: SavedSheet): Sheet {
  const changed = new Map(saved.branch.map((node) => [node.criterion.id, node]));
  return {
    ...sheet,
    editable: saved.editable,
    lockReason: saved.lockReason,
    progress: saved.progress,
    totals: saved.totals,
    nodes: sheet.nodes.map((node) => {
      const next = changed.get(node.criterion.id);
      if (!next) return node;
      const score = next.score && node.score ? { ...node.score, ...next.score } : node.score;
      return { ...node, achieved: next.achieved, applicableMax: next.applicableMax, percent: next.percent, progress: next.progress, score };
    }),
  };
}

/**
 * The sheet of a unit and period. Mutations answer with what they changed (a save: its branch; the
 * others: the whole sheet), which is applied to the shown one. Read once per unit and period and on
 * `refresh`, not kept live in the document cache: a live query would be fetched again in full
 * after every save (the cache refetches every query sharing a type with a mutation's result).
 */
export function useSheet(periodId: Ref<number>, unitId: Ref<number>) {
  const latest = ref<Sheet | null>(null);
  const suggestions = ref<MonitoringSuggestion[]>([]);
  const error = ref<CombinedError | null>(null);
  let asked = 0;
  async function load() {
    const mine = ++asked;
    const result = await client
      .query(ScoreSheetDocument, { periodId: periodId.value, unitId: unitId.value }, { requestPolicy: 'network-only' })
      .toPromise();
    if (mine !== asked) return; // a later read (other unit, refresh) answers instead
    error.value = result.error ?? null;
    if (result.data?.scoreSheet) {
      const { monitoringSuggestions, ...sheet } = result.data.scoreSheet;
      latest.value = sheet;
      suggestions.value = monitoringSuggestions;
    }
  }
  watch([periodId, unitId], load, { immediate: true });
  return {
    sheet: computed(() => latest.value),
    /** The monitoring suggestions by sub-criterion (read with the sheet). */
    suggestions: computed(() => new Map(suggestions.value.map((suggestion) => [suggestion.criterionId, suggestion]))),
    error,
    /** Shows the sheet a mutation returned. */
    apply: (sheet: Sheet | null | undefined) => sheet && (latest.value = sheet),
    /** Shows what a save changed. */
    applySave: (saved: SavedSheet) => latest.value && (latest.value = withSave(latest.value, saved)),
    /** Reloads after a change made outside GraphQL (an upload) or a conflict. */
    refresh: load,
  };
}

/** '2023-01-05' → '05/01/2023', as Vietnamese documents are cited. */
export const issueDateText = (iso: string | null | undefined) => (iso ? formatDate(iso) : '');
