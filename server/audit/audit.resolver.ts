import { Ctx, Query, Resolver } from 'type-graphql';
import { authorize, requireUser, type AppContext } from '../access/index.ts';
import { verifyAuditChain } from './chain.read.ts';
import { AuditChainProblem, AuditChainReportView } from './audit.types.ts';

@Resolver()
export class AuditResolver {
  @Query(() => AuditChainReportView, {
    description: 'Checks the audit trail’s hash chain and reports its first broken link (SECRETARIAT, ADMIN). Also `npm run audit:verify`.',
  })
  async verifyAudit(@Ctx() ctx: AppContext): Promise<AuditChainReportView> {
    authorize(requireUser(ctx), 'verify', 'AuditChain');
    const report = await verifyAuditChain(ctx.em);
    return {
      ...report,
      firstBroken: report.firstBroken && { ...report.firstBroken, problem: AuditChainProblem[report.firstBroken.problem] },
    };
  }
}
