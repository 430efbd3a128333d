import { onBeforeUnmount, ref, type Ref } from 'vue';

export interface TimeLeft { passed: boolean; days: number; hours: number; minutes: number }

export function timeLeft(deadline: string | Date, now = Date.now()): TimeLeft {
  const ms = new Date(deadline).getTime() - now;
  if (ms <= 0) return { passed: true, days: 0, hours: 0, minutes: 0 };
  const minutes = Math.floor(ms / 60_000);
  return { passed: false, days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60 };
}

/** The current time, ticking every 30 seconds while the component lives (for countdowns). */
export function useNow(): Ref<number> {
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), 30_000);
  onBeforeUnmount(() => clearInterval(timer));
  return now;
}
