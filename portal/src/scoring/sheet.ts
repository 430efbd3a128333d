import { useQuery } from '@urql/vue';
import { computed, ref, watch, type Ref } from 'vue';
import { ScoreSheetDocument, type ScoreSheetFullFragment } from '../generated/graphql';

export type Sheet = ScoreSheetFullFragment;
export type SheetNode = Sheet['nodes'][number];
export type SheetEvidence = Sheet['evidence'][number];

/**
 * The sheet of a unit and period. Every mutation answers with the whole sheet (`ScoreSheetFull`),
 * which replaces the shown one: roll-ups, progress and versions stay in step with the server.
 */
export function useSheet(periodId: Ref<number>, unitId: Ref<number>) {
  const query = useQuery({
    query: ScoreSheetDocument,
    variables: computed(() => ({ periodId: periodId.value, unitId: unitId.value })),
    requestPolicy: 'network-only',
  });
  const latest = ref<Sheet | null>(null);
  watch(
    () => query.data.value?.scoreSheet,
    (fresh) => fresh && (latest.value = fresh),
    { immediate: true },
  );
  return {
    sheet: computed(() => latest.value),
    error: query.error,
    fetching: query.fetching,
    /** Shows the sheet a mutation returned. */
    apply: (sheet: Sheet | null | undefined) => sheet && (latest.value = sheet),
    /** Reloads after a change made outside GraphQL (an upload). */
    refresh: () => query.executeQuery({ requestPolicy: 'network-only' }),
  };
}

/** '2023-01-05' → '05/01/2023', as Vietnamese documents are cited. */
export const issueDateText = (iso: string | null | undefined) => (iso ? iso.split('-').reverse().join('/') : '');
