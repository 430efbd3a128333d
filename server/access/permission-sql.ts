import type { SqlFragment } from '../shared/sql.ts';
import type { Action, AppAbility, SubjectName } from './ability.ts';

/** How a subject's rule conditions read in SQL: each condition's property name → an SQL expression. Declared by the subject's module. */
export type SubjectColumns = Record<string, string>;

/** Rule fields that are plain columns of the row aliased `alias`, the alias written once: `{ unit: 'unit_id' }` → `{ unit: 'r.unit_id' }`. */
export function columnsOn(alias: string, columns: Record<string, string>): SubjectColumns {
  return Object.fromEntries(Object.entries(columns).map(([field, column]) => [field, `${alias}.${column}`]));
}

interface Node {
  operator: string;
  field?: string;
  value: unknown;
}

const COMPARE: Record<string, string> = { eq: '=', ne: '<>', lt: '<', lte: '<=', gt: '>', gte: '>=' };

/** The rules for `action` on `subject` (and `field`) as one condition tree, like CASL's rulesToAST; null = nothing allowed. */
function rulesAst(ability: AppAbility, action: Action, subject: SubjectName, field?: string): Node | null {
  const allowed: Node[] = [];
  const denied: Node[] = [];
  // Rules come strongest first: a later unconditional rule decides for everything weaker.
  for (const rule of ability.rulesFor(action, subject, field)) {
    if (!rule.conditions) {
      if (rule.inverted) break;
      return { operator: 'and', value: denied };
    }
    if (rule.inverted) denied.push({ operator: 'not', value: [rule.ast as Node] });
    else allowed.push(rule.ast as Node);
  }
  if (!allowed.length) return null;
  return { operator: 'and', value: [...denied, { operator: 'or', value: allowed }] };
}

/**
 * The rows `action` on `subject` (optionally on one `field`) is allowed on, as SQL for raw read
 * queries (aggregates no QueryBuilder expresses). `columns` maps the rule conditions' property
 * names to SQL expressions; a condition on an unmapped property throws. `null` = nothing allowed.
 */
export function permissionSql(
  ability: AppAbility,
  action: Action,
  subject: SubjectName,
  columns: SubjectColumns,
  field?: string,
): SqlFragment | null {
  const ast = rulesAst(ability, action, subject, field);
  if (ast === null) return null;
  const bindings: unknown[] = [];
  const column = (field: string | undefined) => {
    const sql = field ? columns[field] : undefined;
    if (!sql) throw new Error(`permissionSql(${subject}): no column for the rule field "${field}"`);
    return sql;
  };
  const visit = (node: Node): string => {
    const children = Array.isArray(node.value) ? (node.value as Node[]) : [];
    switch (node.operator) {
      case 'and':
        return children.length ? `(${children.map(visit).join(' and ')})` : 'true';
      case 'or':
        return children.length ? `(${children.map(visit).join(' or ')})` : 'false';
      case 'not':
        return `not coalesce(${visit(children[0]!)}, false)`;
      case 'in':
      case 'nin': {
        const values = node.value as unknown[];
        if (!values.length) return node.operator === 'in' ? 'false' : 'true';
        bindings.push(...values);
        return `${column(node.field)} ${node.operator === 'in' ? '' : 'not '}in (${values.map(() => '?').join(', ')})`;
      }
      default: {
        const operator = COMPARE[node.operator];
        if (!operator) throw new Error(`permissionSql(${subject}): unsupported operator "${node.operator}"`);
        if (node.value === null) return `${column(node.field)} is ${node.operator === 'eq' ? '' : 'not '}null`;
        bindings.push(node.value);
        return `${column(node.field)} ${operator} ?`;
      }
    }
  };
  return { sql: visit(ast), bindings };
}
