import { Check, obj, str } from '../schema';
import { SPAMCHECK_LOG_LEVELS } from './names';

/**
 * Shape checks of `components.spamcheck` (`types.ts`). The workload fields are passed in by `../validate-optional.ts`,
 * so this module does not import `../validate.ts`.
 */
export const spamcheckCheck = (workload: Readonly<Record<string, Check>>): Check => obj({ ...workload, logLevel: str({ oneOf: SPAMCHECK_LOG_LEVELS }) });
