import { computed, onBeforeUnmount, ref, type Ref } from 'vue';

/** The current time, ticking every second while the component lives. */
export function useNow(): Ref<number> {
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), 1000);
  onBeforeUnmount(() => clearInterval(timer));
  return now;
}

export interface Remaining { days: number; hours: number; minutes: number; seconds: number }

/** Whole days, hours, minutes and seconds from `now` until `until` (null once it has passed). */
export function remaining(until: string | Date, now: number): Remaining | null {
  let left = Math.floor((new Date(until).getTime() - now) / 1000);
  if (left <= 0) return null;
  const days = Math.floor(left / 86_400);
  left -= days * 86_400;
  const hours = Math.floor(left / 3_600);
  left -= hours * 3_600;
  return { days, hours, minutes: Math.floor(left / 60), seconds: left % 60 };
}

/** The window of a round as the countdown shows it. */
export function useCountdown(window: Ref<{ opensAt: string; closesAt: string } | null>) {
  const now = useNow();
  return computed(() => {
    if (!window.value) return null;
    const untilOpen = remaining(window.value.opensAt, now.value);
    if (untilOpen) return { phase: 'upcoming' as const, left: untilOpen };
    const untilClose = remaining(window.value.closesAt, now.value);
    return untilClose ? { phase: 'open' as const, left: untilClose } : { phase: 'closed' as const, left: null };
  });
}
