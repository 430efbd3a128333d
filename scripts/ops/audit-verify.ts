// npm run audit:verify
// Checks the audit trail's hash chain (server/audit/chain.read.ts) and prints its first broken link; exit status 1
// when one is found, so a scheduled job can alert.
import { CommandError, parseArguments, run } from './run.ts';

run(async () => {
  parseArguments({}, 'npm run audit:verify');
  const [{ verifyAuditChain }, { withDatabase }] = await Promise.all([import('../../server/audit/index.ts'), import('./command.ts')]);
  await withDatabase(async ({ orm }) => {
    const report = await verifyAuditChain(orm.em.fork());
    if (report.firstBroken) {
      const { id, seq, problem } = report.firstBroken;
      throw new CommandError(
        `AUDIT_CHAIN_BROKEN: ${report.entries} entries; the first broken link is entry ${id} (place ${seq ?? 'none'}): ${problem}.`,
      );
    }
    console.log(`Audit chain intact: ${report.entries} entries, head ${report.headHash ?? '(empty)'}.`);
  });
});
