import { computed, onBeforeUnmount, ref, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';

/** A clock that ticks every minute, so "time left" labels stay current without reloading. */
function useNow(): Ref<number> {
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), 60_000);
  onBeforeUnmount(() => clearInterval(timer));
  return now;
}

/** "còn 3 ngày" / "còn 5 giờ" / "đã quá hạn" until `deadline`. */
export function useTimeLeft(deadline: Ref<string | null | undefined>) {
  const { t } = useI18n();
  const now = useNow();
  return computed(() => {
    if (!deadline.value) return '';
    const left = new Date(deadline.value).getTime() - now.value;
    if (left <= 0) return t('appraisal.overdue');
    const hours = Math.floor(left / 3_600_000);
    return t('appraisal.timeLeft', { time: hours >= 48 ? t('appraisal.days', { n: Math.floor(hours / 24) }) : t('appraisal.hours', { n: Math.max(hours, 1) }) });
  });
}
