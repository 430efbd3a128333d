import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { buildAppSchema, printAppSchema } from '../server/schema.ts';

describe('schema.graphql', () => {
  it('matches the schema the code builds (run `npm run schema:emit` after changing types)', async () => {
    const committed = await fs.readFile('schema.graphql', 'utf8');
    expect(printAppSchema(await buildAppSchema())).toBe(committed);
  });
});
