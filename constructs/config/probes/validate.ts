import { num, obj } from '../schema';

const seconds = (min: number) => num({ min, max: 86400 });
const timing = (liveness: boolean) => obj({
  initialDelaySeconds: seconds(0),
  periodSeconds: seconds(1),
  timeoutSeconds: seconds(1),
  successThreshold: liveness ? num({ min: 1, max: 1 }) : num({ min: 1, max: 100 }),
  failureThreshold: num({ min: 1, max: 100 }),
});

/** Checks of `livenessProbe` / `readinessProbe` (spread into a workload's fields). */
export const probeFields = { livenessProbe: timing(true), readinessProbe: timing(false) };
