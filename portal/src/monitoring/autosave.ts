import { computed, onBeforeUnmount, reactive, ref } from 'vue';

/** What the reader is told about their typing: nothing yet, being saved, saved, some field not valid, a clash, a failure. */
export type AutosaveState = 'idle' | 'saving' | 'saved' | 'invalid' | 'conflict' | 'error';

/** What one save of some fields came to. */
export type SaveOutcome = { ok: true } | { ok: false; conflict: boolean; message: string };

/**
 * Saves what the reader types a moment after they stop (`delayMs`), one request at a time: the edited fields are kept
 * in `pending` until a save of them succeeds. `check` says which of them may be sent now (the others break a rule of
 * the form and wait, marked). After a CONFLICT (the record changed elsewhere) nothing is saved by itself any more: the
 * reader decides, through `flush(true)`. Leaving the page or the tab with something unsaved saves it first or warns.
 */
export function useAutosave(options: {
  save: (keys: string[]) => Promise<SaveOutcome>;
  check: (keys: string[]) => string[];
  delayMs?: number;
}) {
  const delay = options.delayMs ?? 800;
  const pending = reactive(new Set<string>());
  const state = ref<AutosaveState>('idle');
  const message = ref<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | null = null;
  const busy = ref(false);

  function edited(key: string) {
    pending.add(key);
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), delay);
  }

  /** Saves the pending fields now; after a conflict only when `force`d. True when nothing is left unsaved. */
  async function flush(force = false): Promise<boolean> {
    clearTimeout(timer);
    while (running) await running;
    if (state.value === 'conflict' && !force) return pending.size === 0;
    const keys = options.check([...pending]);
    if (keys.length < pending.size) state.value = 'invalid';
    if (!keys.length) return pending.size === 0;
    keys.forEach((key) => pending.delete(key));
    state.value = 'saving';
    busy.value = true;
    running = options.save(keys).then((outcome) => {
      if (outcome.ok) {
        message.value = null;
        state.value = options.check([...pending]).length < pending.size ? 'invalid' : 'saved';
      } else {
        keys.forEach((key) => pending.add(key));
        message.value = outcome.message;
        state.value = outcome.conflict ? 'conflict' : 'error';
      }
    });
    try {
      await running;
    } finally {
      running = null;
      busy.value = false;
    }
    return pending.size === 0;
  }

  /** Forgets what is pending (another record is shown now, or this one can no longer change). */
  function reset() {
    clearTimeout(timer);
    pending.clear();
    state.value = 'idle';
    message.value = null;
  }

  const unsaved = computed(() => pending.size > 0 || busy.value);
  const warnBeforeLeaving = (event: BeforeUnloadEvent) => {
    if (unsaved.value) event.preventDefault();
  };
  window.addEventListener('beforeunload', warnBeforeLeaving);
  onBeforeUnmount(() => {
    window.removeEventListener('beforeunload', warnBeforeLeaving);
    if (pending.size) void flush();
  });

  return { pending, state, message, busy, unsaved, edited, flush, reset };
}
