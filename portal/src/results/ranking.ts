import { useQuery } from '@urql/vue';
import { computed } from 'vue';
import { RankingDocument, type UnitBlock } from '../generated/results';

/**
 * The ranking of one block in one period. The ranking view and the unit view ask with the same document and
 * variables, so the second is served from urql's cache.
 */
export function useRanking(props: { periodId: number; block: UnitBlock }) {
  return useQuery({
    query: RankingDocument,
    variables: computed(() => ({ periodId: props.periodId, block: props.block })),
    requestPolicy: 'cache-and-network',
  });
}
