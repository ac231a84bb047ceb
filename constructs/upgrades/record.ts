import * as k8s from '../lib/k8s';
import { Construct } from 'constructs';
import { ResolvedConfig } from '../config/resolved';
import { componentLabels } from '../lib/labels';
import { resources } from '../lib/quantities';
import { containerSecurityContext } from '../lib/security';
import { meta } from '../lib/workload';
import { PHASE_LABEL } from './phases';
import { CHECK_SCRIPT_KEY, RECORD_KEY, RECORD_MOUNT, UPGRADE_REFUSED_EXIT_CODE, upgradeCheckScript } from './check-script';

/** Volume names the migrations pods use for the check and the record. */
export const UPGRADE_VOLUMES = { script: 'upgrade-check', record: 'upgrade-record', apiAccess: 'upgrade-record-api-access' } as const;

export interface UpgradeRecordProps {
  readonly config: ResolvedConfig;
  /** The ServiceAccount the migrations pods run as (`undefined`: the namespace's `default`). */
  readonly serviceAccountName?: string;
}

/**
 * The release recorded in the cluster and what reads and writes it: the record ConfigMap (`<release>-upgrade-record`,
 * shipped without `data`, so no apply ever overwrites the record: only the post-deployment migrations write its
 * `gitlabVersion` key, under their own field manager), the check script's ConfigMap, and a Role that lets the
 * migrations' ServiceAccount read and patch that one ConfigMap (by `resourceNames`) and nothing else.
 */
export class UpgradeRecord extends Construct {
  /** The record ConfigMap's name. */
  readonly recordName: string;
  /** The check script's ConfigMap name. */
  readonly scriptConfigMapName: string;
  /** The check script's ConfigMap data (part of what names the Jobs). */
  readonly scriptData: Record<string, string>;
  /** The record ConfigMap (shipped without `data`). */
  readonly recordConfigMap: k8s.KubeConfigMap;
  /** The check script's ConfigMap. */
  readonly scriptConfigMap: k8s.KubeConfigMap;
  /** The Role that reads and patches the record ConfigMap only. */
  readonly role: k8s.KubeRole;
  /** Binds that Role to the migrations' ServiceAccount. */
  readonly roleBinding: k8s.KubeRoleBinding;

  constructor(scope: Construct, id: string, props: UpgradeRecordProps) {
    super(scope, id);
    const { config } = props;
    const labels = { ...componentLabels(config, 'migrations').common, [PHASE_LABEL]: 'pre-deployment' };
    this.recordName = `${config.release}-upgrade-record`;
    this.scriptConfigMapName = `${config.release}-upgrade-check`;
    this.scriptData = { [CHECK_SCRIPT_KEY]: upgradeCheckScript() };
    const waves = (wave: string) => (config.upgrade.argoCdSyncWaves ? { 'argocd.argoproj.io/sync-wave': wave } : undefined);

    this.recordConfigMap = new k8s.KubeConfigMap(this, 'record', { metadata: meta(config, this.recordName, labels, waves('-2')) });
    this.scriptConfigMap = new k8s.KubeConfigMap(this, 'script', { metadata: meta(config, this.scriptConfigMapName, labels, waves('-2')), data: this.scriptData });
    this.role = new k8s.KubeRole(this, 'role', {
      metadata: meta(config, this.recordName, labels, waves('-2')),
      rules: [{ apiGroups: [''], resources: ['configmaps'], resourceNames: [this.recordName], verbs: ['get', 'patch'] }],
    });
    this.roleBinding = new k8s.KubeRoleBinding(this, 'binding', {
      metadata: meta(config, this.recordName, labels, waves('-2')),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: this.recordName },
      subjects: [{ kind: 'ServiceAccount', name: props.serviceAccountName ?? 'default', namespace: config.namespace }],
    });
  }

  /** The volumes the check reads (the script, and the record as an optional file: absent on a first install). */
  checkVolumes(): k8s.Volume[] {
    return [
      { name: UPGRADE_VOLUMES.script, configMap: { name: this.scriptConfigMapName, defaultMode: 0o555 } },
      { name: UPGRADE_VOLUMES.record, configMap: { name: this.recordName, optional: true } },
    ];
  }

  /**
   * The `upgrade-check` init container: runs first, before anything reads a secret or opens the database, and
   * exits 3 with the reason as its termination message when the jump is refused.
   */
  checkContainer(config: ResolvedConfig, uid = 1000): k8s.Container {
    const image = config.images.gitlabBase;
    return {
      name: 'upgrade-check',
      image: image.ref,
      imagePullPolicy: image.pullPolicy,
      command: ['/bin/sh', `/upgrade-check/${CHECK_SCRIPT_KEY}`],
      env: [{ name: 'GITLAB_VERSION', value: config.version }],
      volumeMounts: [
        { name: UPGRADE_VOLUMES.script, mountPath: '/upgrade-check', readOnly: true },
        { name: UPGRADE_VOLUMES.record, mountPath: RECORD_MOUNT, readOnly: true },
      ],
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'FallbackToLogsOnError',
      securityContext: containerSecurityContext(uid),
      resources: resources({ requests: { cpu: '10m', memory: '16Mi' } }),
    };
  }
}

/** Fails the Job at once (no retries) when the upgrade check refuses the jump. */
export const CHECK_FAILURE_POLICY = {
  rules: [{ action: 'FailJob', onExitCodes: { containerName: 'upgrade-check', operator: 'In', values: [UPGRADE_REFUSED_EXIT_CODE] } }],
  // The 1.27 classes require onPodConditions, optional since (and forbidden next to onExitCodes in spirit).
} as unknown as k8s.PodFailurePolicy;

/**
 * The `record-version` container of the post-deployment Job (the kubectl image): after the migrations init
 * container succeeded, writes the deployed release into the record ConfigMap. It alone gets an API token (a projected
 * ServiceAccount token volume; the pod's automount stays off).
 */
export function recordContainer(config: ResolvedConfig, recordName: string, uid = 1000): k8s.Container {
  const image = config.images.kubectl;
  const patch = JSON.stringify({ data: { [RECORD_KEY]: config.version } });
  return {
    name: 'record-version',
    image: image.ref,
    imagePullPolicy: image.pullPolicy,
    command: ['/bin/sh', '-c', `set -e; kubectl --namespace ${config.namespace} patch configmap ${recordName} --type merge --field-manager gitlab-iac-upgrade-record -p '${patch}'; echo "Recorded GitLab ${config.version} in ConfigMap ${recordName}."`],
    env: [{ name: 'HOME', value: '/tmp' }],
    volumeMounts: [
      { name: UPGRADE_VOLUMES.apiAccess, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
      { name: 'record-tmp', mountPath: '/tmp' },
    ],
    securityContext: containerSecurityContext(uid),
    resources: resources({ requests: { cpu: '10m', memory: '32Mi' } }),
  };
}

/** The token, CA and namespace kubectl reads in a pod, as the kubelet's automount would project them. */
export function recordVolumes(): k8s.Volume[] {
  return [
    {
      name: UPGRADE_VOLUMES.apiAccess,
      projected: {
        defaultMode: 0o444,
        sources: [
          { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { downwardApi: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
        ],
      },
    },
    { name: 'record-tmp', emptyDir: { medium: 'Memory', sizeLimit: k8s.Quantity.fromString('16Mi') } },
  ];
}
