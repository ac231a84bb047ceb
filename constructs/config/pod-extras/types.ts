/**
 * Extra volumes and containers of a component's pods (the chart's `extraVolumes`, `extraVolumeMounts`,
 * `extraInitContainers`, `extraContainers`), in Kubernetes' own field names. Only the volume types the restricted
 * Pod Security Standard allows are accepted, and extra containers get the platform's restricted security context.
 */

/** The volume sources the restricted Pod Security Standard allows. */
export const EXTRA_VOLUME_SOURCES = [
  'configMap', 'secret', 'emptyDir', 'persistentVolumeClaim', 'projected', 'csi', 'downwardAPI', 'ephemeral',
] as const;
export type ExtraVolumeSource = (typeof EXTRA_VOLUME_SOURCES)[number];

/** A Kubernetes `Volume` with exactly one of the allowed sources (its fields as in the Kubernetes API). */
export type ExtraVolume = { readonly name: string } & { readonly [K in ExtraVolumeSource]?: Readonly<Record<string, unknown>> };

/** A Kubernetes `VolumeMount`. */
export interface ExtraVolumeMount {
  /** Name of a volume of the pod (the component's own or an `extraVolumes` entry). */
  readonly name: string;
  /** Absolute path in the container. */
  readonly mountPath: string;
  /** @default false */
  readonly readOnly?: boolean;
  /** A path inside the volume. @default the volume's root */
  readonly subPath?: string;
}

/** A Kubernetes `EnvVar`. */
export interface ExtraEnvVar {
  readonly name: string;
  /** The value. @default none (give `value` or `valueFrom`) */
  readonly value?: string;
  /** A `valueFrom` reference (secretKeyRef, configMapKeyRef, fieldRef, resourceFieldRef). @default none */
  readonly valueFrom?: Readonly<Record<string, unknown>>;
}

/** A Kubernetes `Container` (the fields an operator's sidecar or init step uses). */
export interface ExtraContainer {
  readonly name: string;
  readonly image: string;
  /** @default IfNotPresent */
  readonly imagePullPolicy?: import('../images/names').PullPolicy;
  /** @default the image's entrypoint */
  readonly command?: readonly string[];
  /** @default the image's arguments */
  readonly args?: readonly string[];
  /** @default the image's working directory */
  readonly workingDir?: string;
  /** @default none */
  readonly env?: readonly ExtraEnvVar[];
  /** `envFrom` sources (`configMapRef` / `secretRef`). @default none */
  readonly envFrom?: readonly Readonly<Record<string, unknown>>[];
  /** @default none (a port's `protocol` defaults to TCP, its `name` to none) */
  readonly ports?: readonly { readonly name?: string; readonly containerPort: number; readonly protocol?: 'TCP' | 'UDP' | 'SCTP' }[];
  /** @default none (no requests or limits) */
  readonly resources?: { readonly requests?: Readonly<Record<string, string>>; readonly limits?: Readonly<Record<string, string>> };
  /** @default none */
  readonly volumeMounts?: readonly ExtraVolumeMount[];
  /** @default none */
  readonly livenessProbe?: Readonly<Record<string, unknown>>;
  /** @default none */
  readonly readinessProbe?: Readonly<Record<string, unknown>>;
  /** @default none */
  readonly startupProbe?: Readonly<Record<string, unknown>>;
  /** Init containers only: `Always` makes a sidecar that runs beside the main containers. @default none */
  readonly restartPolicy?: 'Always';
  /**
   * Over the platform's restricted defaults (non-root uid 1000, no privilege escalation, all capabilities
   * dropped, RuntimeDefault seccomp); only these fields may change. @default the restricted defaults
   */
  readonly securityContext?: { readonly runAsUser?: number; readonly runAsGroup?: number; readonly readOnlyRootFilesystem?: boolean };
}

/** The pod extras every workload takes. */
export interface PodExtras {
  /** Extra volumes of the pods (restricted-PSS types only). @default none */
  readonly extraVolumes?: readonly ExtraVolume[];
  /** Extra mounts of the main container. @default none */
  readonly extraVolumeMounts?: readonly ExtraVolumeMount[];
  /** Init containers run after the component's own. @default none */
  readonly extraInitContainers?: readonly ExtraContainer[];
  /** Containers beside the main container. @default none */
  readonly extraContainers?: readonly ExtraContainer[];
}
