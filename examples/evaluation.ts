// GitLab for evaluation from a domain alone: PostgreSQL (CloudNativePG), Valkey and Garage run in the cluster
// (not for production). `npx tsx examples/evaluation.ts [domain]` writes dist/evaluation/gitlab.k8s.yaml; the
// README's "Evaluate on any cluster" section applies it, with the Secrets from `gitlab-iac secrets`.
import { App, Chart } from 'cdk8s';
import { GitLabPlatform } from '../constructs';

const domain = process.argv[2] ?? '127.0.0.1.nip.io';
const app = new App({ outdir: 'dist/evaluation' });
const chart = new Chart(app, 'gitlab', { disableResourceNameHashes: true });

new GitLabPlatform(chart, 'platform', {
  // gitlab.<domain>, registry.<domain>, kas.<domain>; without public DNS there is no certificate, so plain HTTP.
  hosts: { domain, https: false },
  ingress: { className: 'nginx', tls: false },
  inClusterServices: { postgres: true, redis: true, objectStorage: true },
});

app.synth();
