import { bool, Check, num, obj, secretRef } from '../schema';
import { annotationMap } from '../common/checks';
import { componentIngressFields } from '../exposure/checks';
import { serviceExposureCheck } from '../service/validate';
import { postgresOverrideCheck } from '../postgres/checks';
import { placementCheck } from '../placement/checks';
import { resourcesCheck, workloadChecks } from '../workloads/checks';

/**
 * Checks of the small components' options (`types.ts`: KAS, gitlab-exporter, migrations), and what every
 * component's checks take: the shared workload fields (built once in `../validate.ts`, with the image override
 * check) and the per-component Ingress settings.
 */

/** The shared workload field checks (`fields`), and `noScaling` for a component without HPA or PDB. */
export type WorkloadFieldChecks = Pick<ReturnType<typeof workloadChecks>, 'fields' | 'noScaling'>;

/** A component's own Ingress settings, over the platform-wide `ingress`. */
export const componentIngress = (): Check => obj(componentIngressFields(annotationMap));

/** `components.kas`. */
export const kasCheck = ({ fields }: WorkloadFieldChecks): Check => obj({ ...fields, ingress: componentIngress(), service: serviceExposureCheck });

/** `components.gitlabExporter`: one pod, no HPA or PDB. */
export const gitlabExporterCheck = ({ noScaling }: WorkloadFieldChecks): Check => obj({ ...noScaling, postgres: postgresOverrideCheck });

/** `components.migrations`: a Job, not a workload; only its resources, placement, deadlines and environment. */
export const migrationsCheck = ({ fields }: WorkloadFieldChecks): Check => obj({
  enabled: bool(), resources: resourcesCheck, placement: placementCheck,
  activeDeadlineSeconds: num({ min: 60 }), backoffLimit: num({ min: 0, max: 100 }), extraEnv: fields.extraEnv,
  postgres: postgresOverrideCheck, runnerRegistrationToken: secretRef('gitlab-gitlab-runner-secret'),
});
