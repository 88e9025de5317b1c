/**
 * The reports context's use cases, all together: what reports-app.ts wires to the adapters.
 * Filing, reading and the workflow each have their module; report-access.ts holds what they share.
 */
import { makeFilingUseCases } from './filing-use-cases';
import { makeReadingUseCases } from './reading-use-cases';
import { makeAccess, type ReportDeps } from './report-access';
import { makeWorkflowUseCases } from './workflow-use-cases';

export const makeReportUseCases = (deps: ReportDeps) => {
  const access = makeAccess(deps);
  return {
    ...makeFilingUseCases(deps, access),
    ...makeReadingUseCases(deps, access),
    ...makeWorkflowUseCases(deps, access),
  };
};

export type ReportUseCases = ReturnType<typeof makeReportUseCases>;
