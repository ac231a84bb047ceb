// The example application's cdk8s app: `npx tsx examples/web-app/main.ts` writes its manifests to dist/ for the
// namespace in DEPLOY_NAMESPACE (the push pipeline's synth jobs set it; default web-app). Pipeline:
//   gitlab-iac ci pipeline --agent <project>:<agent> --synth-script "npm ci" --synth-script "npx tsx examples/web-app/main.ts"
import { App } from 'cdk8s';
import { GitLabConfigError, deployTarget } from '../../constructs';
import { WebApp } from './web-app';

try {
  const target = deployTarget({ defaultNamespace: 'web-app', what: 'the example web app' });
  const app = new App({ outdir: process.env.OUTDIR ?? 'dist' });
  new WebApp(app, 'web-app', { target, host: `${target.namespace}.${process.env.APPS_DOMAIN ?? 'apps.example.com'}` });
  app.synth();
} catch (e) {
  if (!(e instanceof GitLabConfigError)) throw e;
  console.error(e.message);
  process.exit(1);
}
