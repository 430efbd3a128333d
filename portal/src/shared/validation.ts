import type { Directive } from 'vue';
import { currentLocale, i18n } from './i18n';

/**
 * `<form v-validate>`: the form's own rules (required, minlength, min, max, step…) checked by the browser's Constraint
 * Validation API, but said in the portal's language, next to the field. The browser's bubble speaks the browser's
 * language (English for many Vietnamese users) and cannot be styled, so the form gets `novalidate`. On a submit with
 * a rule broken, the form's own submit handler does not run: each field at fault gets `aria-invalid` and a message it
 * is described by (`aria-describedby`), and the first of them gets the focus. From then on each message follows what
 * is typed, and goes once the field is right.
 */

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

interface FormState {
  /** A submit failed: messages now follow every edit. */
  checking: boolean;
  /** The message shown after each anchor (the field's label, or the field itself). */
  messages: Map<Element, HTMLElement>;
}
const states = new WeakMap<HTMLFormElement, FormState>();
let nextId = 0;

const isControl = (element: Element): element is Control =>
  element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement;

/** What is wrong with the field, in the portal's words (the browser's own flag names the rule broken). */
function messageFor(control: Control): string {
  const { t } = i18n.global;
  const { validity } = control;
  // A limit as the reader writes numbers (0,5 in Vietnamese); not through format.ts, whose sharing re-split the login page's chunks (+0.4 KB).
  const attribute = (name: string) => Number(control.getAttribute(name)).toLocaleString(currentLocale() === 'vi' ? 'vi-VN' : 'en-GB');
  if (validity.valueMissing) return t(control instanceof HTMLSelectElement ? 'shared.validation.choose' : 'shared.validation.required');
  if (validity.badInput) return t('shared.validation.number');
  if (validity.tooShort) return t('shared.validation.tooShort', { n: attribute('minlength') });
  if (validity.tooLong) return t('shared.validation.tooLong', { n: attribute('maxlength') });
  if (validity.rangeUnderflow) return t('shared.validation.min', { n: attribute('min') });
  if (validity.rangeOverflow) return t('shared.validation.max', { n: attribute('max') });
  if (validity.stepMismatch) return t('shared.validation.step', { n: attribute('step') });
  // A page's own setCustomValidity() text is already in the portal's language.
  if (validity.customError) return control.validationMessage;
  return t('shared.validation.format');
}

/** The message goes after the field's label (not inside it, where it would become part of the field's name). */
const anchorOf = (control: Control): Element => control.closest('label') ?? control;

function describe(control: Control, id: string | null) {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((token) => token && !token.startsWith('field-error-'));
  if (id) ids.push(id);
  if (ids.length) control.setAttribute('aria-describedby', ids.join(' '));
  else control.removeAttribute('aria-describedby');
  if (id) control.setAttribute('aria-invalid', 'true');
  else if (control.getAttribute('aria-invalid') === 'true') control.removeAttribute('aria-invalid');
}

/** Shows the message of every field at fault (one per anchor, the first fault's), clears the others; returns the faulty fields. */
function render(form: HTMLFormElement, state: FormState): Control[] {
  const controls = [...form.elements].filter(isControl).filter((control) => control.willValidate);
  const invalid = controls.filter((control) => !control.validity.valid);
  const wanted = new Map<Element, Control>();
  for (const control of invalid) if (!wanted.has(anchorOf(control))) wanted.set(anchorOf(control), control);
  for (const [anchor, message] of state.messages)
    if (!wanted.has(anchor) || !anchor.isConnected) {
      message.remove();
      state.messages.delete(anchor);
    }
  for (const [anchor, control] of wanted) {
    let message = state.messages.get(anchor);
    if (!message) {
      message = document.createElement('small');
      message.className = 'error field-error';
      message.id = `field-error-${++nextId}`;
      anchor.after(message);
      state.messages.set(anchor, message);
    }
    message.textContent = messageFor(control);
  }
  for (const control of controls) describe(control, control.validity.valid ? null : state.messages.get(anchorOf(control))!.id);
  return invalid;
}

/**
 * Checks a `v-validate` form's fields now, as a submit would, without submitting it or moving the focus: for a form that
 * saves by itself while the reader types (autosave). The faulty fields get their messages, which follow every edit from
 * then on. True when every field is right.
 */
export function checkFormNow(form: HTMLFormElement): boolean {
  const state = states.get(form);
  if (!state) return form.checkValidity();
  state.checking = render(form, state).length > 0;
  return !state.checking;
}

export const vValidate: Directive<HTMLFormElement> = {
  created(form) {
    form.noValidate = true;
    const state: FormState = { checking: false, messages: new Map() };
    states.set(form, state);
    // Capture: runs before the form's own (bubbling) submit handler on the same element, which it stops when a rule is broken.
    form.addEventListener(
      'submit',
      (event) => {
        const invalid = render(form, state);
        state.checking = invalid.length > 0;
        if (!invalid.length) return;
        event.preventDefault();
        event.stopImmediatePropagation();
        invalid[0]!.focus();
      },
      true,
    );
    const recheck = () => {
      if (state.checking) state.checking = render(form, state).length > 0;
    };
    form.addEventListener('input', recheck);
    form.addEventListener('change', recheck);
  },
  beforeUnmount(form) {
    for (const message of states.get(form)?.messages.values() ?? []) message.remove();
  },
};
