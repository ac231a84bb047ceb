import type { ResolvedGitLabShell } from '../resolved';
import type { GitLabShellOptions } from '../types';
import { resolveGatewayRef, ResolvedGatewayRef, ResolvedIngress } from '../exposure/resolve';
import type { LOAD_BALANCER_SCHEMES } from '../exposure/names';
import type { SshDaemonSettings } from './types';
import type { SshDaemon } from '../gitlab-shell/names';
import type { Fail } from '../errors';

/* SSH resolved: the daemon's tuning, and how SSH is reached from outside (Service type, AWS NLB, Gateway TCPRoute). */

/** The SSH daemon's tuning, the chart's defaults applied. */
export interface ResolvedSshDaemonSettings {
  readonly ciphers?: readonly string[];
  readonly kexAlgorithms?: readonly string[];
  readonly macs?: readonly string[];
  readonly publicKeyAlgorithms?: readonly string[];
  readonly loginGraceTime: number;
  readonly clientAliveInterval: number;
  readonly maxStartups: { readonly start: number; readonly rate: number; readonly full: number };
}

const ALGORITHMS = ['ciphers', 'kexAlgorithms', 'macs', 'publicKeyAlgorithms'] as const;

/** Algorithm lists only reach gitlab-sshd (the chart writes them into its config, not into OpenSSH's). */
export function resolveSshd(s: SshDaemonSettings | undefined, daemon: SshDaemon, fail: Fail): ResolvedSshDaemonSettings {
  if (daemon === 'openssh') {
    for (const a of ALGORITHMS) {
      if (s?.[a]) {
        fail(`components.gitlabShell.sshd.${a}`, s[a], 'nothing with OpenSSH (the algorithm lists are gitlab-sshd settings, as in the chart)',
          `set components.gitlabShell.sshDaemon: gitlab-sshd, or remove sshd.${a}`);
      }
    }
  }
  const m = s?.maxStartups;
  const maxStartups = { start: m?.start ?? 10, rate: m?.rate ?? 30, full: m?.full ?? 100 };
  if (maxStartups.start > maxStartups.full) {
    fail('components.gitlabShell.sshd.maxStartups.start', maxStartups.start, `at most full (${maxStartups.full})`, 'lower start or raise full');
  }
  return {
    ...Object.fromEntries(ALGORITHMS.filter((a) => s?.[a]).map((a) => [a, s![a]])),
    loginGraceTime: s?.loginGraceTime ?? 60,
    clientAliveInterval: s?.clientAliveInterval ?? 0,
    maxStartups,
  };
}

/** `service`: the Service as `serviceType` says; `aws-nlb`: a LoadBalancer Service for the AWS Load Balancer Controller; `tcp-route`: a Gateway API TCPRoute. */
export type ResolvedSshExposure =
  | { readonly via: 'service' }
  | { readonly via: 'aws-nlb'; readonly scheme: typeof LOAD_BALANCER_SCHEMES[number] }
  | { readonly via: 'tcp-route'; readonly gateway: ResolvedGatewayRef; readonly listener?: string };

/** `components.gitlabShell`: Service type, exposure and source ranges. */
export function resolveSshExposure(sh: GitLabShellOptions | undefined, ingress: ResolvedIngress, namespace: string, fail: Fail):
  Pick<ResolvedGitLabShell, 'serviceType' | 'expose' | 'loadBalancerSourceRanges' | 'loadBalancerIP' | 'externalTrafficPolicy'> {
  const base = 'components.gitlabShell';
  const e = sh?.expose;
  let serviceType = sh?.serviceType ?? 'ClusterIP';
  let expose: ResolvedSshExposure = { via: 'service' };
  const typeMustBe = (wanted: string) => {
    if (sh?.serviceType !== undefined && sh.serviceType !== wanted) {
      fail(`${base}.serviceType`, sh.serviceType, `${wanted} (or nothing) with expose.via ${e!.via}`, `remove ${base}.serviceType`);
    }
  };
  if (e?.via === 'aws-nlb') {
    typeMustBe('LoadBalancer');
    serviceType = 'LoadBalancer';
    expose = { via: 'aws-nlb', scheme: e.scheme ?? 'internet-facing' };
  } else if (e?.via === 'tcp-route') {
    typeMustBe('ClusterIP');
    const gateway = e.gateway ? resolveGatewayRef(e.gateway, namespace) : ingress.gatewayApi?.gateway;
    if (gateway) expose = { via: 'tcp-route', gateway, listener: e.listener };
    else {
      fail(`${base}.expose.gateway`, undefined, 'a Gateway with a TCP listener (ingress.provider is not gateway-api, so there is no default)',
        'name it: expose: { via: "tcp-route", gateway: { name, namespace }, listener: "ssh" }');
    }
  }
  const ranges = sh?.loadBalancerSourceRanges;
  if (ranges !== undefined && serviceType !== 'LoadBalancer') {
    fail(`${base}.loadBalancerSourceRanges`, ranges, 'only with a LoadBalancer Service (serviceType: LoadBalancer, or expose via aws-nlb)',
      'remove the setting, or expose SSH through a load balancer');
  }
  if (sh?.loadBalancerIP !== undefined && serviceType !== 'LoadBalancer') {
    fail(`${base}.loadBalancerIP`, sh.loadBalancerIP, 'only with a LoadBalancer Service (serviceType: LoadBalancer, or expose via aws-nlb)',
      'remove the setting, or expose SSH through a load balancer');
  }
  if (sh?.externalTrafficPolicy !== undefined && serviceType === 'ClusterIP') {
    fail(`${base}.externalTrafficPolicy`, sh.externalTrafficPolicy, 'only with a NodePort or LoadBalancer Service',
      'remove the setting, or set serviceType: LoadBalancer');
  }
  return {
    serviceType, expose, loadBalancerSourceRanges: ranges ?? [],
    ...(sh?.loadBalancerIP !== undefined ? { loadBalancerIP: sh.loadBalancerIP } : {}),
    ...(sh?.externalTrafficPolicy !== undefined ? { externalTrafficPolicy: sh.externalTrafficPolicy } : {}),
  };
}
