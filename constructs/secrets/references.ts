/** A Secret the manifests read, with the keys they read from it. */
export interface SecretReference {
  readonly name: string;
  readonly namespace?: string;
  /** Keys read one by one (env, volume items, projected items). */
  readonly keys: readonly string[];
  /** Read whole (a volume without items, `envFrom`): every key is used. */
  readonly whole: boolean;
  /** The type the reader needs: `kubernetes.io/tls` for Ingress TLS, `kubernetes.io/dockerconfigjson` for pulls. */
  readonly type: 'Opaque' | 'kubernetes.io/tls' | 'kubernetes.io/dockerconfigjson';
}

type Obj = Record<string, any>;

/**
 * Every Secret the objects read, by name, in first-seen order: env `secretKeyRef`, `envFrom`, secret and projected
 * volumes, Ingress TLS and NGINX's backend CA (`proxy-ssl-secret`), image pull Secrets. Secrets the objects themselves create (a cert-manager Certificate's
 * `secretName`, an Ingress that cert-manager serves) are left out.
 */
export function secretReferences(objects: readonly Obj[]): SecretReference[] {
  const found = new Map<string, { name: string; namespace?: string; keys: Set<string>; whole: boolean; type: SecretReference['type'] }>();
  const note = (name: string | undefined, namespace: string | undefined, type: SecretReference['type'], keys: readonly string[] = [], whole = false) => {
    if (!name) return;
    const entry = found.get(name) ?? { name, namespace, keys: new Set<string>(), whole: false, type };
    for (const k of keys) entry.keys.add(k);
    entry.whole ||= whole;
    if (type !== 'Opaque') entry.type = type;
    found.set(name, entry);
  };
  const created = new Set<string>();
  for (const o of objects) {
    const ns = o.metadata?.namespace;
    if (o.kind === 'Certificate' && o.spec?.secretName) created.add(o.spec.secretName);
    if (o.kind === 'Ingress') {
      const annotations = o.metadata?.annotations ?? {};
      const certManager = 'cert-manager.io/cluster-issuer' in annotations || 'cert-manager.io/issuer' in annotations;
      for (const t of o.spec?.tls ?? []) {
        if (certManager) created.add(t.secretName);
        else note(t.secretName, ns, 'kubernetes.io/tls', ['tls.crt', 'tls.key']);
      }
      // The CA ingress-nginx verifies a TLS backend with (`proxy-ssl-secret: <namespace>/<name>`).
      const proxyCa = annotations['nginx.ingress.kubernetes.io/proxy-ssl-secret'];
      if (typeof proxyCa === 'string' && proxyCa.includes('/')) note(proxyCa.split('/')[1], proxyCa.split('/')[0], 'Opaque', ['ca.crt']);
    }
    const pod = podSpecOf(o);
    if (!pod) continue;
    for (const s of pod.imagePullSecrets ?? []) note(s.name, ns, 'kubernetes.io/dockerconfigjson', ['.dockerconfigjson']);
    for (const c of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
      for (const e of c.env ?? []) {
        const ref = e.valueFrom?.secretKeyRef;
        if (ref && !ref.optional) note(ref.name, ns, 'Opaque', [ref.key]);
      }
      for (const e of c.envFrom ?? []) if (e.secretRef && !e.secretRef.optional) note(e.secretRef.name, ns, 'Opaque', [], true);
    }
    for (const v of pod.volumes ?? []) {
      if (v.secret && !v.secret.optional) note(v.secret.secretName, ns, 'Opaque', (v.secret.items ?? []).map((i: Obj) => i.key), !v.secret.items);
      for (const s of v.projected?.sources ?? []) {
        if (s.secret && !s.secret.optional) note(s.secret.name, ns, 'Opaque', (s.secret.items ?? []).map((i: Obj) => i.key), !s.secret.items);
      }
    }
  }
  return [...found.values()].filter((r) => !created.has(r.name))
    .map((r) => ({ name: r.name, ...(r.namespace ? { namespace: r.namespace } : {}), keys: [...r.keys], whole: r.whole, type: r.type }));
}

function podSpecOf(o: Obj): Obj | undefined {
  if (o.kind === 'CronJob') return o.spec?.jobTemplate?.spec?.template?.spec;
  if (o.kind === 'Pod') return o.spec;
  return o.spec?.template?.spec;
}
