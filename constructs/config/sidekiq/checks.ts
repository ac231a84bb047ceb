import { Check, num, obj } from '../schema';
import { kedaCheck } from '../keda/validate';
import { postgresOverrideCheck } from '../postgres/checks';
import { sidekiqPodsCheck, sidekiqQueues } from '../workloads/checks';
import type { WorkloadFieldChecks } from '../components/checks';

/** Checks of `components.sidekiq` (shape and values); the pods' rules across settings are in `workloads/deployments.ts`. */

export const sidekiqCheck = ({ fields }: WorkloadFieldChecks): Check => obj({
  ...fields,
  keda: kedaCheck,
  concurrency: num({ min: 1, max: 200 }),
  timeout: num({ min: 1, max: 3600 }),
  queues: sidekiqQueues,
  memoryKillerMaxRss: num({ min: 0 }),
  postgres: postgresOverrideCheck,
  pods: sidekiqPodsCheck,
});
