import { onBeforeUnmount, ref, type Ref } from 'vue';

/**
 * The current time (ms), ticking every `everyMs` while the component lives: the clock of every countdown. Pages that
 * show minutes tick every 30 s; a countdown that shows seconds ticks every second.
 */
export function useNow(everyMs = 1000): Ref<number> {
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), everyMs);
  onBeforeUnmount(() => clearInterval(timer));
  return now;
}

export interface TimeLeft {
  passed: boolean;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** Whole days, hours, minutes and seconds from `now` until `deadline`; all zero and `passed` once it has come. */
export function timeLeft(deadline: string | Date, now = Date.now()): TimeLeft {
  const ms = new Date(deadline).getTime() - now;
  if (ms <= 0) return { passed: true, days: 0, hours: 0, minutes: 0, seconds: 0 };
  const seconds = Math.floor(ms / 1000);
  return {
    passed: false,
    days: Math.floor(seconds / 86_400),
    hours: Math.floor((seconds % 86_400) / 3_600),
    minutes: Math.floor((seconds % 3_600) / 60),
    seconds: seconds % 60,
  };
}
