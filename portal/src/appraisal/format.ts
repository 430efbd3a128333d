import { computed, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { timeLeft, useNow } from '../shared/clock';

/** "còn 3 ngày" / "còn 5 giờ" / "đã quá hạn" until `deadline`, kept current by the ticking clock. */
export function useTimeLeft(deadline: Ref<string | null | undefined>) {
  const { t } = useI18n();
  const now = useNow(30_000);
  const hours = (n: number) => t('appraisal.hours', { n }, n);
  return computed(() => {
    if (!deadline.value) return '';
    const left = timeLeft(deadline.value, now.value);
    if (left.passed) return t('appraisal.overdue');
    return t('appraisal.timeLeft', {
      time: left.days >= 2 ? t('appraisal.days', { n: left.days }, left.days) : hours(Math.max(left.days * 24 + left.hours, 1)),
    });
  });
}
