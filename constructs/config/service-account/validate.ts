import { bool, Check, k8sName, obj } from '../schema';

/** `components.<name>.serviceAccount`. */
export const serviceAccountCheck: Check = obj({
  name: k8sName('ServiceAccount name'),
  create: bool(),
  automountToken: bool(),
}, { what: 'ServiceAccount settings { name, create, automountToken }' });
