import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { badInput } from './errors.ts';

/**
 * Points are exact decimals with at most two places (numeric(6,2) in PostgreSQL).
 * In JavaScript they are handled as integer hundredths so sums never drift.
 */
const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

/** '1.25' → 125; throws BAD_USER_INPUT (for `field`) on anything else or on a third decimal. */
export function toHundredths(value: string, field: string): number {
  const text = value.trim();
  if (!DECIMAL_PATTERN.test(text)) {
    throw badInput(field, { vi: `"${value}" không phải là một số.`, en: `"${value}" is not a number.` });
  }
  const [whole, fraction = ''] = text.replace('-', '').split('.');
  if (fraction.replace(/0+$/, '').length > 2) {
    throw badInput(field, { vi: 'Điểm chỉ được có tối đa 2 chữ số thập phân.', en: 'Points may have at most 2 decimals.' });
  }
  const hundredths = Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
  if (!Number.isSafeInteger(hundredths)) throw badInput(field, { vi: 'Số quá lớn.', en: 'Number is too large.' });
  return text.startsWith('-') ? -hundredths : hundredths;
}

/** 125 → '1.25' (the same text PostgreSQL gives for numeric(6,2)). */
export function fromHundredths(hundredths: number): string {
  const sign = hundredths < 0 ? '-' : '';
  const abs = Math.abs(hundredths);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function coerce(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && DECIMAL_PATTERN.test(value.trim())) return value.trim();
  throw new GraphQLError(`Decimal cannot represent ${JSON.stringify(value)}: give a number such as 1.5 or "1.50".`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

/** Exact decimal, sent as a string ("1.50") so no client parses it into a float by accident. */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal number, serialised as a string such as "1.50". Inputs accept a string or a number.',
  serialize: (value) => (typeof value === 'string' ? value : coerce(value)),
  parseValue: coerce,
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.FLOAT || ast.kind === Kind.INT) return coerce(ast.value);
    throw new GraphQLError('Decimal must be a string or a number.', { extensions: { code: 'BAD_USER_INPUT' } });
  },
});

/** A numeric column as PostgreSQL sends it ('0', '12.5', '83.13') → two decimals ('0.00'); null stays null. */
export function decimalText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return fromHundredths(toHundredths(String(value), 'decimal'));
}

/** An exact decimal as Vietnamese writes it ('96.25' → '96,25'); '' for none. Text in, text out: no float on the way. */
export const decimalVi = (value: string | null | undefined): string => (value ? value.replace('.', ',') : '');
