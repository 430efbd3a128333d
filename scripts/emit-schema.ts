// Writes schema.graphql from the code (type-graphql); commit the result.
import fs from 'node:fs/promises';
import { buildAppSchema, printAppSchema } from '../server/schema.ts';

await fs.writeFile(new URL('../schema.graphql', import.meta.url), printAppSchema(await buildAppSchema()));
console.log('schema.graphql written');
