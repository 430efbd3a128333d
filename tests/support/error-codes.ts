import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Every error code the API can answer with, read from the server's source: the UPPER_CASE string literals in the
 * first argument of `new AppError(…)`, `domainError(…)` and the modules' helpers named `…Error(…)` that pass a code
 * on (a conditional such as `isBonus ? 'BONUS_CAP_EXCEEDED' : 'DEDUCTION_CAP_EXCEEDED'` gives both), plus the codes
 * Apollo Server itself answers with before any of ours runs.
 */
export const APOLLO_CODES = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'INTERNAL_SERVER_ERROR',
];

export function serverErrorCodes(root = path.resolve('server')): string[] {
  const codes = new Set(APOLLO_CODES);
  const literals = (node: ts.Node) => {
    if (ts.isStringLiteral(node) && /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$|^[A-Z]{4,}$/.test(node.text)) codes.add(node.text);
    else if (ts.isConditionalExpression(node)) [node.whenTrue, node.whenFalse].forEach(literals);
    else if (ts.isParenthesizedExpression(node)) literals(node.expression);
  };
  const visit = (node: ts.Node) => {
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments?.length) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      // AppError and domainError, and the modules' own lower-case helpers (`fileError`); not other classes' constructors.
      if (name === 'AppError' || /^[a-z]\w*Error$/.test(name)) literals(node.arguments[0]!);
    }
    ts.forEachChild(node, visit);
  };
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.ts')) visit(ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true));
    }
  };
  walk(root);
  return [...codes].sort();
}
