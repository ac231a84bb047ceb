import type { PropsBuilder } from '../../values/builder';
import type { ValuesReader } from '../../values/reader';
import { WEB_HOST_COMPONENTS, WEB_HOSTS } from './names';

/**
 * The chart's `global.ingress` values as `ingress` props (an AWS ALB's annotations included), and the Traefik keys
 * gitlab-iac leaves to the cluster. The provider, the ACME Issuer and the Gateway API are read in `values.ts`.
 */

/** Whether some component with an HTTP host turns its own Ingress on (`<component>.ingress.enabled: true`), which the chart honours over `global.ingress.enabled`. */
export function componentIngressOn(v: ValuesReader): boolean {
  return WEB_HOSTS.some((h) => v.peek(`${WEB_HOST_COMPONENTS[h].path}.ingress.enabled`) === true);
}

/**
 * `global.ingress`. TLS follows the chart: a shared Secret (`tls.secretName`), else cert-manager with the
 * chart's Issuer `<release>-issuer` (`configureCertmanager`, on by default), or plain HTTP (`tls.enabled: false`).
 * The Issuer itself is not created here: a Helm install's Issuer stays in the cluster, otherwise create one.
 */
export function readIngress(b: PropsBuilder, release: string): void {
  const v = b.values;
  const base = 'global.ingress';
  const enabled = b.boolean(`${base}.enabled`, 'ingress.enabled');
  // A component's own `ingress.enabled: true` overrides the global switch in the chart: its Ingress then takes the
  // class, annotations and TLS below, so they are read as while ingress is on.
  if (enabled === false && !componentIngressOn(v)) {
    // Whatever global.ingress.enabled says, the chart makes its self-signed certificate and every pod trusts its CA
    // when cert-manager is off and global.ingress.tls is empty: so does the platform.
    const tls = v.peek(`${base}.tls`);
    const selfSigned = v.peek(`${base}.configureCertmanager`) === false && (tls === undefined || tls === null || (typeof tls === 'object' && Object.keys(tls).length === 0));
    if (selfSigned) {
      v.boolean(`${base}.configureCertmanager`); // read: this is its effect
      b.set('ingress.tls', { selfSigned: true }, `${base}.configureCertmanager`);
    }
    v.noEffect(base, 'nothing while global.ingress.enabled is false (no Ingress is created)', 'remove the key, or turn ingress on',
      [`${base}.enabled`, ...(selfSigned ? [`${base}.configureCertmanager`] : [])]);
    return;
  }
  // The chart's class is `<release>-nginx` unless named; `none` leaves ingressClassName out (the cluster's default class).
  const cls = v.string(`${base}.class`);
  if (cls === 'none') b.set('ingress.defaultClass', true, `${base}.class`);
  else b.set('ingress.className', cls ?? `${release}-nginx`, `${base}.class`);
  // Annotation values are strings; `kubernetes.io/tls-acme: true` is written unquoted in many files.
  b.raw(`${base}.annotations`, 'ingress.annotations', (a) => (a && typeof a === 'object' && !Array.isArray(a)
    ? Object.fromEntries(Object.entries(a).map(([k, x]) => [k, typeof x === 'boolean' || typeof x === 'number' ? String(x) : x])) : a));

  const tlsEnabled = v.boolean(`${base}.tls.enabled`) ?? true;
  const certManager = v.boolean(`${base}.configureCertmanager`);
  if (!tlsEnabled) {
    b.set('ingress.tls', false, `${base}.tls.enabled`);
    v.noEffect(`${base}.tls`, 'nothing while global.ingress.tls.enabled is false', 'remove the key, or turn TLS on', [`${base}.tls.enabled`]);
    if (certManager === true) {
      v.problem(`${base}.configureCertmanager`, true, 'false while global.ingress.tls.enabled is false', 'remove the key, or turn TLS on');
    }
    return;
  }
  const secretName = v.string(`${base}.tls.secretName`);
  if (secretName !== undefined && certManager === true) {
    // As the chart: cert-manager issues into the named Secret, which every Ingress serves (one Certificate here).
    b.set('ingress.tls', { issuer: { name: `${release}-issuer`, kind: 'Issuer' }, secretName }, `${base}.configureCertmanager`);
  } else if (secretName !== undefined) {
    b.set('ingress.tls.secretName', secretName, `${base}.tls.secretName`);
  } else if (certManager ?? true) {
    b.set('ingress.tls.issuer', { name: `${release}-issuer`, kind: 'Issuer' }, `${base}.configureCertmanager`);
  } else {
    // The chart's fallback: its shared-secrets Job makes a self-signed wildcard certificate, which the Ingresses
    // serve and every pod trusts; `gitlab-iac secrets` generates the same Secrets (a migrated release has them).
    b.set('ingress.tls', { selfSigned: true }, `${base}.configureCertmanager`);
    v.warnings.push(`${base}.configureCertmanager: false without global.ingress.tls.secretName: the Ingresses serve a self-signed certificate `
      + `(${release}-wildcard-tls, its CA in ${release}-wildcard-tls-ca), as in the chart; \`gitlab-iac secrets\` generates both. Browsers and Git clients `
      + 'do not trust it: name a certificate of your own in global.ingress.tls.secretName, or let cert-manager issue one, beyond a trial');
  }
}

const ALB = 'alb.ingress.kubernetes.io/';

/**
 * An AWS ALB in the chart's terms (examples/aws): IngressClass `alb`, `global.ingress.provider: aws`, or the legacy
 * `kubernetes.io/ingress.class: alb` annotation. It becomes the `alb` provider: the ACM certificate annotation its
 * TLS (the chart turns Ingress TLS off for an ALB, which terminates HTTPS itself), the scheme and group annotations
 * its settings; the other annotations stay as written. Returns whether the ALB was chosen.
 */
export function readAlb(b: PropsBuilder): boolean {
  const v = b.values;
  if (b.get('ingress.enabled') === false || b.get('ingress.provider') === 'gateway-api') return false;
  const annotations = { ...(b.get('ingress.annotations') as Record<string, unknown> | undefined) };
  const cls = v.peek('global.ingress.class');
  if (cls !== 'alb' && v.peek('global.ingress.provider') !== 'aws' && annotations['kubernetes.io/ingress.class'] !== 'alb') return false;
  b.set('ingress.provider', 'alb', cls === 'alb' ? 'global.ingress.class' : 'global.ingress.provider');
  b.set('ingress.className', 'alb', 'global.ingress.class');
  delete (b.props.ingress as Record<string, unknown>).nginxAnnotations;
  // spec.ingressClassName replaces the legacy annotation (the API server refuses both).
  delete annotations['kubernetes.io/ingress.class'];
  const arn = annotations[`${ALB}certificate-arn`];
  const scheme = annotations[`${ALB}scheme`];
  const group = annotations[`${ALB}group.name`];
  for (const key of ['certificate-arn', 'scheme', 'group.name']) delete annotations[`${ALB}${key}`];
  if (scheme !== undefined) b.set('ingress.alb.scheme', scheme, `global.ingress.annotations.${ALB}scheme`);
  if (group !== undefined) b.set('ingress.alb.groupName', group, `global.ingress.annotations.${ALB}group.name`);
  // Registered so that errors about the ALB's TLS name the values key.
  if (b.get('ingress.tls') !== undefined) b.set('ingress.tls', b.get('ingress.tls'), 'global.ingress.tls');
  if (typeof arn === 'string') {
    b.set('ingress.tls', { certificateArn: arn.split(',').map((a) => a.trim()) }, `global.ingress.annotations.${ALB}certificate-arn`);
    // With the certificate on the ALB, the chart's "name a TLS Secret" requirement does not apply.
    const i = v.problems.findIndex((p) => p.path === 'global.ingress.tls.secretName');
    if (i >= 0) v.problems.splice(i, 1);
  }
  b.set('ingress.annotations', annotations, 'global.ingress.annotations');
  return true;
}

/**
 * `gitlab.gitlab-shell.traefik.*`: the chart reads these only with `global.ingress.provider: traefik`, for the Traefik
 * IngressRouteTCP that carries SSH to gitlab-shell. gitlab-iac leaves Traefik and its custom resources to the
 * cluster: without that provider the keys do nothing in the chart either (accepted by the key table); with it, each
 * set key gets a warning saying how SSH reaches gitlab-shell instead.
 */
export function readTraefikShell(b: PropsBuilder): void {
  if (b.values.peek('global.ingress.provider') !== 'traefik') return;
  b.values.noEffect('gitlab.gitlab-shell.traefik',
    'nothing here: gitlab-iac does not create the Traefik IngressRouteTCP the chart would route SSH with',
    'expose SSH with gitlab.gitlab-shell.service.type LoadBalancer (or NodePort), or create an IngressRouteTCP to the Service <release>-gitlab-shell on port 22 yourself');
}
