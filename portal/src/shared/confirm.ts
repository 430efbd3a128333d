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

/** What a question for a text asks (a reason for an official act): the field's label and its rules. */
export interface TextRequest {
  title: string;
  /** The field's label (its accessible name). */
  label: string;
  message?: string;
  /** An empty (or blank) text is refused in the portal's words, before the act's button does anything. */
  required?: boolean;
  /** The server's own limit, so the field stops where the API would refuse. */
  maxlength?: number;
  confirmLabel?: string;
  danger?: boolean;
}

/** The question on screen: a plain confirmation, or one with a text field (`field`); `answer(null)` is "no". */
export type PendingQuestion = Omit<TextRequest, 'title' | 'label' | 'message' | 'required' | 'maxlength'> & {
  title?: string;
  message?: string;
  field?: Pick<TextRequest, 'label' | 'required' | 'maxlength'>;
  answer: (text: string | null) => void;
};

/** The question on screen, with how to answer it: read by the one ConfirmDialog host (mounted by the signed-in layout). */
export const pendingConfirm = shallowRef<PendingQuestion | null>(null);

/** Whether a ConfirmDialog host is mounted: without one, a question would never be answered. */
export const confirmHost = { mounted: 0 };

/** Puts the question on screen; a second question while one is open answers the first "no". */
function ask(request: Omit<PendingQuestion, 'answer'>): Promise<string | null> {
  if (!confirmHost.mounted) throw new Error('askToConfirm() needs the ConfirmDialog host (mounted by the signed-in layout).');
  pendingConfirm.value?.answer(null);
  return new Promise((resolve) => {
    const question: PendingQuestion = {
      ...request,
      answer(text) {
        if (pendingConfirm.value === question) pendingConfirm.value = null;
        resolve(text);
      },
    };
    pendingConfirm.value = question;
  });
}

/**
 * The portal's own confirmation, in place of the browser's own confirm box (whose OK/Cancel follow the browser's
 * language and cannot be styled): resolves true on the act's button, false on Cancel, Esc, the close button or the
 * backdrop.
 */
export async function askToConfirm(request: ConfirmRequest): Promise<boolean> {
  return (await ask(request)) !== null;
}

/**
 * The portal's own question for a text, in place of the browser's prompt box (English buttons, no rules): resolves
 * the text typed (trimmed) on the act's button or Enter, null on Cancel, Esc, the close button or the backdrop.
 */
export function askForText({ label, required, maxlength, ...request }: TextRequest): Promise<string | null> {
  return ask({ ...request, field: { label, required, maxlength } });
}
