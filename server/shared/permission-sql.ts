import { rulesToAST } from '@casl/ability/extra';
import type { Action, AppAbility, SubjectName } from '../auth/ability.ts';

/** A WHERE fragment with knex `?` placeholders and its bindings. */
export interface SqlCondition { sql: string; params: unknown[] }

interface Node { operator: string; field?: string; value: unknown }

const COMPARE: Record<string, string> = { eq: '=', ne: '<>', lt: '<', lte: '<=', gt: '>', gte: '>=' };

/**
 * The rows `action` on `subject` is allowed on, as SQL for raw read queries (aggregates that no
 * QueryBuilder expresses). `columns` maps the rule conditions' property names to SQL expressions;
 * a condition on an unmapped property is a programming error and throws. `null` = nothing allowed.
 */
export function permissionSql(ability: AppAbility, action: Action, subject: SubjectName, columns: Record<string, string>): SqlCondition | null {
  const ast = rulesToAST(ability, action, subject) as Node | null;
  if (ast === null) return null;
  const params: unknown[] = [];
  const column = (field: string | undefined) => {
    const sql = field ? columns[field] : undefined;
    if (!sql) throw new Error(`permissionSql(${subject}): no column for the rule field "${field}"`);
    return sql;
  };
  const visit = (node: Node): string => {
    const children = Array.isArray(node.value) ? (node.value as Node[]) : [];
    switch (node.operator) {
      case 'and': return children.length ? `(${children.map(visit).join(' and ')})` : 'true';
      case 'or': return children.length ? `(${children.map(visit).join(' or ')})` : 'false';
      case 'not': return `not coalesce(${visit(children[0]!)}, false)`;
      case 'in':
      case 'nin': {
        const values = node.value as unknown[];
        if (!values.length) return node.operator === 'in' ? 'false' : 'true';
        params.push(...values);
        return `${column(node.field)} ${node.operator === 'in' ? '' : 'not '}in (${values.map(() => '?').join(', ')})`;
      }
      default: {
        const operator = COMPARE[node.operator];
        if (!operator) throw new Error(`permissionSql(${subject}): unsupported operator "${node.operator}"`);
        if (node.value === null) return `${column(node.field)} is ${node.operator === 'eq' ? '' : 'not '}null`;
        params.push(node.value);
        return `${column(node.field)} ${operator} ?`;
      }
    }
  };
  return { sql: visit(ast), params };
}
