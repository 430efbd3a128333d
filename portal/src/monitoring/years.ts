import { useQuery } from '@urql/vue';
import { computed, ref } from 'vue';
import { MonitoringYearsDocument } from '../generated/monitoring';

/**
 * The monitoring pages' year: the one chosen (`chosenYear`, set by the page's year chooser), else the latest the
 * server knows; `yearChoices` are the chooser's options, `years` the query (for its error).
 */
export function useMonitoringYear() {
  const years = useQuery({ query: MonitoringYearsDocument });
  const chosenYear = ref<number | null>(null);
  const year = computed(() => chosenYear.value ?? years.data.value?.monitoringYears[0]?.year ?? null);
  const yearChoices = computed(() => (years.data.value?.monitoringYears ?? []).map((y) => ({ value: y.year, label: String(y.year) })));
  return { years, chosenYear, year, yearChoices };
}
