/** `datetime-local` inputs hold local "YYYY-MM-DDTHH:mm"; the API wants an instant. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The local "YYYY-MM-DDTHH:mm" of an instant, for a `datetime-local` input. */
export function toLocalInput(date: Date): string {
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}
