import { ResolvedServiceAccount, ServiceAccountOptions } from './types';

export function resolveServiceAccount(o: ServiceAccountOptions | undefined): ResolvedServiceAccount {
  return { ...(o?.name ? { name: o.name } : {}), create: o?.create ?? true, automountToken: o?.automountToken ?? false };
}
