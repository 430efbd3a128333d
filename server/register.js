// Runs TypeScript through SWC so that decorator metadata (design:type) is emitted:
// type-graphql and MikroORM read it, and esbuild-based runners (tsx) never produce it.
import 'reflect-metadata';
import '@swc-node/register/esm-register';
