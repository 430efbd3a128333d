import { shallowRef } from 'vue';

/** What a confirmation asks: the message (kept as the caller wrote it), and optionally its title and the act's button. */
export interface ConfirmRequest {
  title?: string;
  message: string;
  /** The act's button, best the same words as the button that asked (default: "Xác nhận"). */
  confirmLabel?: string;
  /** An act that destroys or shuts something: its button is drawn in the danger colour. */
  danger?: boolean;
}

/** The question on screen, with how to answer it: read by the one ConfirmDialog host (mounted by the signed-in layout). */
export const pendingConfirm = shallowRef<(ConfirmRequest & { answer: (confirmed: boolean) => void }) | null>(null);

/** Whether a ConfirmDialog host is mounted: without one, a question would never be answered. */
export const confirmHost = { mounted: 0 };

/**
 * The portal's own confirmation, in place of the browser's own confirm box (whose OK/Cancel follow the browser's
 * language and cannot be styled): resolves true on the act's button, false on Cancel, Esc, the close button or the
 * backdrop. A second question while one is open answers the first "no".
 */
export function askToConfirm(request: ConfirmRequest): Promise<boolean> {
  if (!confirmHost.mounted) throw new Error('askToConfirm() needs the ConfirmDialog host (mounted by the signed-in layout).');
  pendingConfirm.value?.answer(false);
  return new Promise((resolve) => {
    const question = {
      ...request,
      answer(confirmed: boolean) {
        if (pendingConfirm.value === question) pendingConfirm.value = null;
        resolve(confirmed);
      },
    };
    pendingConfirm.value = question;
  });
}
