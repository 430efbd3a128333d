import { computed, type Ref } from 'vue';
import { timeLeft, useNow } from '../shared/clock';

/** The window of a round as the countdown shows it, to the second. */
export function useCountdown(window: Ref<{ opensAt: string; closesAt: string } | null>) {
  const now = useNow(1000);
  return computed(() => {
    if (!window.value) return null;
    const untilOpen = timeLeft(window.value.opensAt, now.value);
    if (!untilOpen.passed) return { phase: 'upcoming' as const, left: untilOpen };
    const untilClose = timeLeft(window.value.closesAt, now.value);
    return untilClose.passed ? { phase: 'closed' as const, left: null } : { phase: 'open' as const, left: untilClose };
  });
}
